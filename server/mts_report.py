"""`pitboss mts report`: casino-sessions-inform envelopes produced from the
wallet's game rounds (server.domain.mts.producer), printed one JSON object per
line, or POSTed to an MTS casino-sessions-inform endpoint with ``--send``."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from server.config import Settings
from server.domain.mts.producer import ReportContext, produce_reports


def _instant(text: str) -> datetime:
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def rounds_source_for(args, settings: Settings):
    if args.rounds_file:
        from server.storage.repositories.mts_pam_rounds import file_rounds_source

        return file_rounds_source(Path(args.rounds_file))
    from server.app import App
    from server.storage.repositories.mts_pam_rounds import pam_rounds_source

    return pam_rounds_source(App.create(settings))


def send(url: str, token: str, envelope: dict) -> tuple[int, dict]:
    req = urllib.request.Request(
        url, data=json.dumps(envelope).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def run_report(args, settings: Settings) -> int:
    source = rounds_source_for(args, settings)
    ctx = ReportContext(operator_id=args.operator, end_customer_id=args.player, channel_type=args.channel)
    envelopes = produce_reports(ctx, source, _instant(args.since), _instant(args.until),
                                time.time_ns() // 1_000_000, timedelta(minutes=args.session_gap))
    if not args.send:
        for env in envelopes:
            print(json.dumps(env, separators=(",", ":")))
        return 0
    token = os.environ.get(args.token_env, "")
    if not token:
        print(f"--send needs the bearer token in ${args.token_env}", file=sys.stderr)
        return 2
    failed = 0
    for env in envelopes:
        status, reply = send(args.send, token, env)
        print(json.dumps({"status": status, "reply": reply}, separators=(",", ":")))
        failed += int(status != 200 or reply.get("content", {}).get("code") != 0)
    return 1 if failed else 0
