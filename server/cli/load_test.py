"""`pitboss bench`: the arguments of the PAM load test (server/bench)."""

from __future__ import annotations

import os


def _bench(args) -> int:
    from server.bench import bench

    return bench(args)


def add_parser(sub) -> None:
    b = sub.add_parser("bench", help="load test of the PAM API through Envoy (wrk)")
    b.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    b.add_argument("--postgres-url", default=os.environ.get(
        "PITBOSS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        help="a PostgreSQL server where the bench may create and drop its databases")
    b.add_argument("--scale", choices=("small", "large", "both"), default="small",
                   help="small: the active players only; large: --players players with history")
    b.add_argument("--active", type=int, default=10_000, help="players of the spread workload (default 10000)")
    b.add_argument("--players", type=int, default=1_000_000, help="players of the large database (default 1000000)")
    b.add_argument("--connections", type=int, default=16)
    b.add_argument("--duration", type=float, default=10.0, help="seconds per phase (default 10)")
    b.add_argument("--processes", type=int, default=int(os.environ.get("PITBOSS_SERVER_PROCESSES", "1")),
                   help="server processes (PITBOSS_SERVER_PROCESSES)")
    b.add_argument("--protected", action="store_true",
                   help="every bench player has wager and loss limits (never reached), so every bet is checked"
                        " and counted against them (docs/protection.md)")
    b.add_argument("--workloads", choices=("all", "standard", "neighbours", "yardstick"), default="all",
                   help="standard: the ceiling, healthz, withdraw and balance phases; neighbours: bets while other"
                        " doors are flooded (server/bench/neighbours.py); yardstick: withdraw and balance side by"
                        " side with a plain FastAPI + SQLModel implementation (server/bench/side.py); all: the"
                        " three (default)")
    b.add_argument("--floods", nargs="+", choices=("login", "oauth", "register"),
                   default=["login", "oauth", "register"], help="the neighbours' floods (default: all three)")
    b.add_argument("--neighbour-connections", type=int, default=8,
                   help="connections of the bets in the neighbours phase (default 8)")
    b.add_argument("--flood-scale", type=float, default=1.0,
                   help="multiplies each flood's offered rate (login 200/s, oauth 100/s, register 50/s)")
    b.set_defaults(fn=_bench)
