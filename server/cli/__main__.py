"""`python -m server.cli`: the `pitboss` command."""

import sys

from server.cli import main

sys.exit(main())
