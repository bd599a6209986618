"""`pitboss token vip --operator ID`: print a valid operator JWT (demo keys)."""

from __future__ import annotations

import sys

from server.config import get_settings


def _token_vip(args) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from server.domain.vip.auth import JwtPolicy, issue_operator_token
    from server.bootstrap import build
    from server.storage.repositories.vip import VipRepository

    s = get_settings()
    app = build(s)
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


def add_parser(sub) -> None:
    t = sub.add_parser("token", help="print a credential")
    tsub = t.add_subparsers(dest="token_command", required=True)
    tv = tsub.add_parser("vip", help="an operator JWT for VIP Connect")
    tv.add_argument("--operator", required=True)
    tv.add_argument("--key", type=int, choices=(1, 2), default=1, help="sign with key 1 or key 2")
    tv.add_argument("--lifetime", type=int, default=3600, help="seconds (default 3600)")
    tv.set_defaults(fn=_token_vip)
