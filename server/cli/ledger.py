"""`pitboss ledger verify [--player ID] [--anchors DIR]` and `pitboss ledger
anchor --date YYYY-MM-DD`: the tamper-evident records (docs/compliance.md)."""

from __future__ import annotations

import sys
from datetime import date

from server.config import get_settings


def _verify(args) -> int:
    from server.bootstrap import build

    app = build(get_settings())
    v = app.records.verify(lambda line: print(line, flush=True), player=args.player, anchors_dir=args.anchors)
    what = (f"{v.entries} ledger entries in {v.chains} chains"
            + ("" if args.player else f", {v.audit_entries} audit-log entries, {v.anchors} anchors"))
    for note in v.notes:
        print(f"note: {note}")
    if v.holds:
        print(f"OK: checked {what}; every chain holds")
        return 0
    print(f"FAILED: checked {what}; {v.broken} broken (the first broken entry of each chain is named above)")
    return 1


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"pitboss ledger anchor: --date must be YYYY-MM-DD, not {text!r}") from None


def _anchor(args) -> int:
    from server.bootstrap import build

    app = build(get_settings())
    day = _day(args.date)
    if day >= app.clock.now().date():
        print(f"pitboss ledger anchor: {day.isoformat()} has not ended yet (UTC)", file=sys.stderr)
        return 2
    a, made = app.records.anchor(day)
    print(f"{'recorded' if made else 'already recorded'}: {a.day.isoformat()} anchor {a.anchor} over {a.chains}"
          f" chains ({a.entries} entries) and the audit log (seq {a.audit_seq}){', signed' if a.signature else ''}")
    if app.records.anchor_dir is not None:
        print(f"exported: {app.records.anchor_dir / f'anchor-{a.day.isoformat()}.json'}")
    return 0


def add_parser(sub) -> None:
    lg = sub.add_parser("ledger", help="the tamper-evident ledger and audit log: verify, anchor")
    sp = lg.add_subparsers(dest="ledger_command", required=True)
    v = sp.add_parser("verify", help="check every chain (hashes, links, heads) and the anchors; exit 1 if broken")
    v.add_argument("--player", help="check this player's ledger chain only")
    v.add_argument("--anchors", metavar="DIR", help="also check the anchor files in DIR against the records")
    v.set_defaults(fn=_verify)
    a = sp.add_parser("anchor", help="record (or export again) one day's anchor")
    a.add_argument("--date", required=True, help="the day (UTC), YYYY-MM-DD")
    a.set_defaults(fn=_anchor)
