"""`pitboss mts report`: casino-sessions-inform envelopes produced from the
wallet's game rounds (server.domain.mts.producer), printed one JSON object per
line, or sent with ``--send``: POSTed to an http(s) casino-sessions-inform
URL, or over a ws(s) MTS WebSocket as the vendor's SDKs do
(``server.cli.mts_ws_client``)."""

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
    from server.bootstrap import build
    from server.storage.repositories.mts_pam_rounds import pam_rounds_source

    return pam_rounds_source(build(settings))


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
    from server.cli.mts_ws_client import MtsWsClient, TokenError, TokenSource, fixed_token

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
    failed = sent = 0
    for env, reply in zip(envelopes, replies):
        print(json.dumps({"reply": reply}, separators=(",", ":")))
        ok = reply is not None and reply.get("content", {}).get("code") == 0
        failed += int(not ok)
        sent += _sessions([env]) if ok else 0
    _summary(envelopes, sent)
    return 1 if failed else 0


def _sessions(envelopes: list[dict]) -> int:
    return sum(len(e["content"]["sessions"]) for e in envelopes)


def _summary(envelopes: list[dict], sent: int | None) -> None:
    """How many casino sessions the window held and how many were accepted
    (on stderr: stdout holds only the envelopes or replies)."""
    found = _sessions(envelopes)
    tail = "none sent: no --send" if sent is None else f"{sent} sent"
    hint = " (only finished rounds count: a round ends with its isGameOver win or cancel)" if not found else ""
    print(f"pitboss mts report: {found} casino session(s) found in {len(envelopes)} report(s), {tail}{hint}",
          file=sys.stderr)


def run_report(args, settings: Settings) -> int:
    source = rounds_source_for(args, settings)
    ctx = ReportContext(operator_id=args.operator, end_customer_id=args.player, channel_type=args.channel)
    envelopes = produce_reports(ctx, source, _instant(args.since), _instant(args.until),
                                time.time_ns() // 1_000_000, timedelta(minutes=args.session_gap))
    if not args.send:
        for env in envelopes:
            print(json.dumps(env, separators=(",", ":")))
        _summary(envelopes, None)
        return 0
    if args.send.startswith(("ws://", "wss://")):
        return send_ws(args, envelopes)
    token = os.environ.get(args.token_env, "")
    if not token:
        print(f"--send needs the bearer token in ${args.token_env}", file=sys.stderr)
        return 2
    failed = sent = 0
    for env in envelopes:
        status, reply = send(args.send, token, env)
        print(json.dumps({"status": status, "reply": reply}, separators=(",", ":")))
        ok = status == 200 and reply.get("content", {}).get("code") == 0
        failed += int(not ok)
        sent += _sessions([env]) if ok else 0
    _summary(envelopes, sent)
    return 1 if failed else 0


def _mts_report(args) -> int:
    from server.config import get_settings

    return run_report(args, get_settings())


def add_parser(sub) -> None:
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
    mr.set_defaults(fn=_mts_report)
