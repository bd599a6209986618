"""The `pitboss` command.

    pitboss up                     gRPC server + Envoy (what `make run` runs)
    pitboss serve                  the gRPC server alone
    pitboss mts-ws                 the MTS WebSocket server alone (behind Envoy's /mts/v3/ws)
    pitboss migrate                apply the database migrations
    pitboss demo load [--force]    load the demo records
    pitboss token vip --operator ID
                                   print a valid operator JWT (demo keys)
    pitboss call SERVICE/METHOD -d JSON [-H "key: value"]
                                   call the gRPC API (grpcurl-style)
    pitboss mts report --player ID --since T --until T [--rounds-file F] [--send URL] [--auth-url URL]
                                   casino-sessions-inform envelopes from the wallet's rounds
                                   (--send http://… POSTs them, ws://… sends them over the WebSocket)
    pitboss bench [--database-url URL] [--concurrency N] [--requests N] [--duration S]
                                   load test of the PAM API (Envoy and gRPC)
    pitboss mail --user NAME [--brand N]
                                   the player gateway outbox of a player
    pitboss admin …                the back office (gRPC): e.g. `pitboss admin player 33003139`
                                   (server/admin.py lists the commands)
"""

from __future__ import annotations

import argparse
import sys

from server import logs
from server.config import get_settings


def _cmd_serve(args) -> int:
    from server.app import serve

    return serve(get_settings())


def _cmd_mts_ws(args) -> int:
    from server.mts_ws import serve_ws

    return serve_ws(get_settings())


def _cmd_up(args) -> int:
    from server.supervisor import up

    return up(get_settings())


def _cmd_migrate(args) -> int:
    from server.app import App
    from server.storage import migrate

    app = App.create(get_settings())
    if args.new:
        migrate.revision(app.db.engine, args.new)
    else:
        migrate.upgrade(app.db.engine)
        print("database is at the latest schema")
    return 0


def _cmd_demo(args) -> int:
    from server.app import App
    from server.demo import load
    from server.storage import migrate

    app = App.create(get_settings())
    migrate.upgrade(app.db.engine)
    print(load(app.db, app.vault, force=args.force))
    return 0


def _cmd_token_vip(args) -> int:
    from server.app import App
    from server.domain.vip.auth import JwtPolicy, issue_operator_token
    from server.storage.repositories.vip import VipRepository

    from sqlalchemy.exc import OperationalError, ProgrammingError

    s = get_settings()
    app = App.create(s)
    with app.db.session() as session:
        repo = VipRepository(session, app.vault)
        try:
            op = repo.operator(args.operator)
        except (OperationalError, ProgrammingError):
            print("the database has no VIP operators yet: run `make run` or `pitboss demo load` first", file=sys.stderr)
            return 2
        if op is None:
            print(f"unknown operator: {args.operator}", file=sys.stderr)
            return 2
        key = repo.operator_keys(op)[args.key - 1]
    policy = JwtPolicy(s.vip_jwt_audience, s.vip_jwt_max_lifetime, s.vip_jwt_leeway)
    print(issue_operator_token(op.id, key, policy, lifetime=args.lifetime))
    return 0


def _cmd_call(args) -> int:
    from server.grpc_call import call

    s = get_settings()
    return call(args.target or s.grpc_address, args.method, args.data, args.header, args.timeout)


def _cmd_mts_report(args) -> int:
    from server.mts_report import run_report

    return run_report(args, get_settings())


def _cmd_mail(args) -> int:
    from server.app import App
    from server.storage.repositories.gateway import GatewayRepository

    app = App.create(get_settings())
    with app.db.session() as session:
        repo = GatewayRepository(session, app.vault)
        p = repo.player_by_user_name(args.brand, args.user)
        if p is None:
            print(f"no player {args.user!r} on brand {args.brand}", file=sys.stderr)
            return 2
        rows = repo.outbox_for(p.id)
        if not rows:
            print("(no messages)")
        for r in rows:
            state = f"sent {r.sent_at:%Y-%m-%d %H:%M:%S}" if r.sent_at else ("kept (SMS)" if r.channel == "sms" else "pending")
            print(f"#{r.id} {r.created_at:%Y-%m-%d %H:%M:%S} {r.channel} {r.kind} to {r.recipient} [{state}]")
            if r.subject:
                print(f"  Subject: {r.subject}")
            for line in repo.body(r).splitlines():
                print(f"  {line}")
            print()
    return 0


def _cmd_admin(args) -> int:
    from server.admin import run

    return run(args, get_settings())


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pitboss", description="Pitboss player account and session platform")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="run the gRPC server").set_defaults(fn=_cmd_serve)
    sub.add_parser("up", help="run the gRPC server and Envoy").set_defaults(fn=_cmd_up)
    sub.add_parser("mts-ws", help="run the MTS WebSocket server (PITBOSS_MTS_WS_PORT)").set_defaults(fn=_cmd_mts_ws)
    m = sub.add_parser("migrate", help="apply database migrations")
    m.add_argument("--new", metavar="MESSAGE", help="(developers) autogenerate a new migration")
    m.set_defaults(fn=_cmd_migrate)
    d = sub.add_parser("demo", help="demo records")
    dsub = d.add_subparsers(dest="demo_command", required=True)
    dl = dsub.add_parser("load", help="load the demo records")
    dl.add_argument("--force", action="store_true", help="also into a database that holds other data")
    dl.set_defaults(fn=_cmd_demo)
    t = sub.add_parser("token", help="print a credential")
    tsub = t.add_subparsers(dest="token_command", required=True)
    tv = tsub.add_parser("vip", help="an operator JWT for VIP Connect")
    tv.add_argument("--operator", required=True)
    tv.add_argument("--key", type=int, choices=(1, 2), default=1, help="sign with key 1 or key 2")
    tv.add_argument("--lifetime", type=int, default=3600, help="seconds (default 3600)")
    tv.set_defaults(fn=_cmd_token_vip)
    c = sub.add_parser("call", help="call a gRPC method with a JSON request (grpcurl-style)")
    c.add_argument("method", help="e.g. pitboss.vip.v1.VipConnectService/LookupAccount")
    c.add_argument("-d", "--data", default="{}", help="the request as JSON")
    c.add_argument("-H", "--header", action="append", default=[], help='metadata, "key: value"')
    c.add_argument("--target", help="host:port (default: PITBOSS_GRPC_HOST:PITBOSS_GRPC_PORT)")
    c.add_argument("--timeout", type=float, default=10.0)
    c.set_defaults(fn=_cmd_call)
    mts = sub.add_parser("mts", help="casino-sessions reports (MTS ticket format 3.0)")
    msub = mts.add_subparsers(dest="mts_command", required=True)
    mr = msub.add_parser("report", help="print (or send) casino-sessions-inform envelopes for a player's rounds")
    mr.add_argument("--operator", type=int, default=1, help="operatorId (default 1)")
    mr.add_argument("--player", required=True, help="player id (the report's endCustomer.id)")
    mr.add_argument("--since", required=True, help="ISO-8601 instant: rounds ending at or after it")
    mr.add_argument("--until", required=True, help="ISO-8601 instant: rounds ending before it")
    mr.add_argument("--rounds-file", help="rounds from a JSON file instead of the PAM wallet")
    mr.add_argument("--channel", default="internet", help="context.channel.type (default internet)")
    mr.add_argument("--session-gap", type=int, default=30, help="minutes of pause that end a session (default 30)")
    mr.add_argument("--send", metavar="URL", help="POST each envelope to this casino-sessions-inform URL, or "
                    "send them over this MTS WebSocket (ws://…/mts/v3/ws)")
    mr.add_argument("--token-env", default="PITBOSS_MTS_TOKEN",
                    help="environment variable holding the bearer token for --send (default PITBOSS_MTS_TOKEN)")
    mr.add_argument("--auth-url", help="WebSocket: get the token from this OAuth2 token endpoint "
                    "(…/mts/v3/oauth/token) with the client credentials below instead")
    mr.add_argument("--client-id-env", default="PITBOSS_MTS_CLIENT_ID", help="(default PITBOSS_MTS_CLIENT_ID)")
    mr.add_argument("--client-secret-env", default="PITBOSS_MTS_CLIENT_SECRET",
                    help="(default PITBOSS_MTS_CLIENT_SECRET)")
    mr.add_argument("--audience", default="mbs-dp-non-prod-wss", help="token audience (default mbs-dp-non-prod-wss)")
    mr.add_argument("--timeout", type=float, default=20.0,
                    help="WebSocket: seconds to wait for a reply before sending the message again (default 20)")
    mr.set_defaults(fn=_cmd_mts_report)
    from server.bench import add_parser as add_bench

    add_bench(sub)
    ml = sub.add_parser("mail", help="list the player gateway outbox (mail and SMS) of a player")
    ml.add_argument("--user", required=True, help="user name, e.g. itamar1")
    ml.add_argument("--brand", type=int, default=1)
    ml.set_defaults(fn=_cmd_mail)
    from server.admin import add_parser as add_admin

    add_admin(sub)
    sub.choices["admin"].set_defaults(fn=_cmd_admin)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logs.setup(get_settings().log_level)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
