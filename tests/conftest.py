"""The test pyramid (README, "Tests"):

- tests/unit: the domain's rules over in-memory fakes of its ports and a
  fixed clock (tests/unit/fakes); no database, no network, no fixtures here;
- tests/integration: storage against real databases (SQLite and
  PostgreSQL), servicers in process, the generated code and the import
  contracts (fixtures: tests/integration/conftest.py);
- tests/e2e: real HTTP and gRPC through the real Envoy to the real server
  (fixtures: tests/e2e/conftest.py).

Shared helpers are in tests/support.
"""

from __future__ import annotations

import os

# Processes the tests start bind no metrics port unless a test gives them a
# free one (start_stack does): the default 9464 may be taken on a shared host.
os.environ.setdefault("PITBOSS_METRICS_PORT", "0")
