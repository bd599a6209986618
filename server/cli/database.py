"""`pitboss migrate` (apply the migrations) and `pitboss demo load` (the demo records)."""

from __future__ import annotations

from server.config import get_settings


def _migrate(args) -> int:
    from server.bootstrap import build
    from server.storage import migrate

    app = build(get_settings())
    if args.new:
        migrate.revision(app.db.engine, args.new)
    else:
        migrate.upgrade(app.db.engine)
        print("database is at the latest schema")
    return 0


def _demo(args) -> int:
    from server.demo import load
    from server.bootstrap import build
    from server.storage import migrate

    app = build(get_settings())
    migrate.upgrade(app.db.engine)
    print(load(app.db, app.vault, force=args.force))
    return 0


def add_parser(sub) -> None:
    m = sub.add_parser("migrate", help="apply database migrations")
    m.add_argument("--new", metavar="MESSAGE", help="(developers) autogenerate a new migration")
    m.set_defaults(fn=_migrate)
    d = sub.add_parser("demo", help="demo records")
    dsub = d.add_subparsers(dest="demo_command", required=True)
    dl = dsub.add_parser("load", help="load the demo records")
    dl.add_argument("--force", action="store_true", help="also into a database that holds other data")
    dl.set_defaults(fn=_demo)
