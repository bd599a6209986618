"""`pitboss mts report`: casino-sessions-inform envelopes produced from the
wallet's game rounds (server.domain.mts.producer), printed one JSON object per
line, or sent with ``--send``: POSTed to an http(s) casino-sessions-inform
URL, or over a ws(s) MTS WebSocket as the vendor's SDKs do
(``server.mts_ws_client``)."""

from __future__ import annotations

import asyncio
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


def send_ws(args, envelopes: list[dict]) -> int:
    """Every envelope over one socket; one {"reply"} line each, in order."""
    from server.mts_ws_client import MtsWsClient, TokenError, TokenSource, fixed_token

    if args.auth_url:
        client_id = os.environ.get(args.client_id_env, "")
        secret = os.environ.get(args.client_secret_env, "")
        if not client_id or not secret:
            print(f"--auth-url needs the client credentials in ${args.client_id_env} and ${args.client_secret_env}",
                  file=sys.stderr)
            return 2
        token = TokenSource(args.auth_url, client_id, secret, args.audience)
    else:
        bearer = os.environ.get(args.token_env, "")
        if not bearer:
            print(f"--send over WebSocket needs --auth-url or the bearer token in ${args.token_env}", file=sys.stderr)
            return 2
        token = fixed_token(bearer)

    async def run() -> list:
        async with MtsWsClient(args.send, token, timeout=args.timeout) as client:
            return await client.send_all(envelopes)

    try:
        replies = asyncio.run(run())
    except (TokenError, ConnectionError) as e:
        print(f"pitboss mts report: {e}", file=sys.stderr)
        return 1
    failed = 0
    for reply in replies:
        print(json.dumps({"reply": reply}, separators=(",", ":")))
        failed += int(reply is None or reply.get("content", {}).get("code") != 0)
    return 1 if failed else 0


def run_report(args, settings: Settings) -> int:
    source = rounds_source_for(args, settings)
    ctx = ReportContext(operator_id=args.operator, end_customer_id=args.player, channel_type=args.channel)
    envelopes = produce_reports(ctx, source, _instant(args.since), _instant(args.until),
                                time.time_ns() // 1_000_000, timedelta(minutes=args.session_gap))
    if not args.send:
        for env in envelopes:
            print(json.dumps(env, separators=(",", ":")))
        return 0
    if args.send.startswith(("ws://", "wss://")):
        return send_ws(args, envelopes)
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
