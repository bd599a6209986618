"""The `pitboss` command: one module per subcommand, each with ``add_parser(sub)``.

    pitboss up                     gRPC server + Envoy (what `make run` runs)          up.py
    pitboss serve                  the gRPC server alone                               serve.py
    pitboss mts-ws                 the MTS WebSocket server alone (behind /mts/v3/ws)  serve.py
    pitboss migrate                apply the database migrations                       database.py
    pitboss demo load [--force]    load the demo records                               database.py
    pitboss token vip --operator ID
                                   print a valid operator JWT (demo keys)              vip_token.py
    pitboss call SERVICE/METHOD -d JSON [-H "key: value"]
                                   call the gRPC API (grpcurl-style)                   grpc_call.py
    pitboss mts report --player ID --since T --until T [--rounds-file F] [--send URL] [--auth-url URL]
                                   casino-sessions-inform envelopes from the wallet's  mts_report.py
                                   rounds (--send http://… POSTs them, ws://… sends
                                   them over the WebSocket)
    pitboss bench [--database-url URL] [--concurrency N] [--requests N] [--duration S]
                                   load test of the PAM API (Envoy and gRPC)           load_test.py
    pitboss mail --user NAME [--brand N]
                                   the player gateway outbox of a player               outbox_list.py
    pitboss admin …                the back office (gRPC), e.g.                        admin.py
                                   `pitboss admin player 33003139`
    pitboss ledger verify [--player ID] [--anchors DIR]
                                   check the tamper-evident ledger and audit log       ledger.py
    pitboss ledger anchor --date YYYY-MM-DD
                                   record (or export again) one day's anchor           ledger.py
    pitboss report daily --date YYYY-MM-DD [--brand ID] [--format json|csv]
                                   the daily report from the ledger (back office)      report.py
"""

from __future__ import annotations

import argparse
import sys

from server import logs
from server.cli import (admin, database, grpc_call, ledger, load_test, mts_report, outbox_list, report, serve, up,
                        vip_token)
from server.config import get_settings

# The commands that talk to a running stack: they find a running demo stack
# (`make run`) through its card, var/demo.json (server/process/demo_file.py).
CLIENT_COMMANDS = {"admin", "call", "token", "mail", "mts", "report", "ledger"}

# The order of `pitboss --help`.
COMMANDS = (serve, up, database, vip_token, grpc_call, mts_report, load_test, outbox_list, admin, ledger, report)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pitboss", description="Pitboss player account and session platform")
    sub = p.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command in CLIENT_COMMANDS:
        import os

        from server.process import demo_file

        if demo_file.apply(os.environ, get_settings().demo_file):
            get_settings.cache_clear()
    logs.setup(get_settings().log_level)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
