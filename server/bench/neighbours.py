"""The neighbours phase of `pitboss bench`: bets while another door is flooded.

First the bets alone (PAM addTransaction WITHDRAW through Envoy, spread over
the active players, ``--neighbour-connections`` connections), then the same
bets while a second wrk offers a flood at a fixed rate over 32 connections
(flood.lua: one request per tick of ``delay()``, each from a random client
address and with a random user name, client id or player):

- ``login``: gateway login, 200/s;
- ``oauth``: the MTS OAuth token, 100/s;
- ``register``: gateway registration step one, 50/s.

Each flood row shows the bets' req/s and their share of the bets alone, the
bets' p99 and non-OK answers, and what the flooded door answered: counts per
HTTP status, with socket errors and timeouts (requests with no answer in
10 s). The flood starts a second before the bets and ends a second after.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

FLOOD_LUA = Path(__file__).with_name("flood.lua")
FLOOD_CONNECTIONS = 32
# door -> (label, offered requests per second)
FLOODS = {"login": ("gateway login", 200.0), "oauth": ("MTS OAuth token", 100.0),
          "register": ("registration step one", 50.0)}


@dataclass
class Flood:
    requests: int
    seconds: float
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: int = 0
    timeouts: int = 0

    def answered(self) -> str:
        parts = [f"{code}: {n}" for code, n in sorted(self.statuses.items())]
        if self.timeouts:
            parts.append(f"timeouts: {self.timeouts}")
        if self.socket_errors:
            parts.append(f"socket errors: {self.socket_errors}")
        return ", ".join(parts) or "nothing"

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code.startswith("5"))


def start_flood(http: str, door: str, rate: float, seconds: float) -> subprocess.Popen:
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{FLOOD_CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(FLOOD_LUA), http,
         "--", door, f"{rate:g}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_flood(proc: subprocess.Popen, seconds: float) -> Flood:
    out, err = proc.communicate(timeout=seconds + 120)
    m = re.search(r"^PITBOSS (\{.*\})$", out, re.M)
    if proc.returncode != 0 or m is None:
        raise SystemExit(f"pitboss bench: the flood's wrk failed:\n{out}\n{err}")
    d = json.loads(m.group(1))
    return Flood(d["requests"], d["duration_us"] / 1e6, {str(k): int(v) for k, v in d["statuses"].items()},
                 d["socket_errors"], d["timeouts"])


HEADER = (f"{'neighbours':<40} {'bets/s':>8} {'share':>6} {'p99 ms':>8} {'non-OK':>7}  "
          "flooded door: answers by status")


def row(label: str, rps: float, alone: float, p99: float, non_ok: int, flood: Flood | None) -> str:
    share = f"{100 * rps / alone:.0f}%" if alone else "-"
    door = "-" if flood is None else f"{flood.requests / flood.seconds:.0f}/s answered; {flood.answered()}"
    return f"{label:<40} {rps:>8.1f} {share:>6} {p99:>8.2f} {non_ok:>7}  {door}"


def run(stack, scale: str, players: Path, args, wrk) -> int:
    """The phase on a running stack; returns the count of bad answers (bets
    non-OK, and 5xx from a flooded door)."""
    import time

    c, d = args.neighbour_connections, args.duration
    print(HEADER, flush=True)
    alone = wrk(stack, f"{scale} bets alone", "withdraw", players, c, d)
    print(row(alone.label, alone.rps, alone.rps, alone.p99, alone.non_ok, None), flush=True)
    bad = alone.non_ok
    for door in args.floods:
        label, rate = FLOODS[door]
        rate *= args.flood_scale
        proc = start_flood(stack.http, door, rate, d + 2)
        time.sleep(1.0)
        bets = wrk(stack, f"{scale} bets + {label} {rate:g}/s", "withdraw", players, c, d)
        flood = finish_flood(proc, d + 2)
        print(row(bets.label, bets.rps, alone.rps, bets.p99, bets.non_ok, flood), flush=True)
        bad += bets.non_ok + flood.server_errors
    return bad
