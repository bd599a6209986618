"""`pitboss mail --user NAME [--brand N]`: the player gateway outbox of a player."""

from __future__ import annotations

import sys

from server.config import get_settings


def _mail(args) -> int:
    from server.bootstrap import build
    from server.storage.repositories.gateway import GatewayRepository

    app = build(get_settings())
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


def add_parser(sub) -> None:
    ml = sub.add_parser("mail", help="list the player gateway outbox (mail and SMS) of a player")
    ml.add_argument("--user", required=True, help="user name, e.g. itamar1")
    ml.add_argument("--brand", type=int, default=1)
    ml.set_defaults(fn=_mail)
