"""`pitboss admin …`: the back office (pitboss.backoffice.v1, gRPC port) for
people. Every call names the acting user (``--as``, else
PITBOSS_ACTING_USER, else the login name) and carries the back-office secret
(PITBOSS_BACKOFFICE_TOKEN; in demo mode the demo secret). Answers are printed
as JSON; an error prints its gRPC code, message and failing fields and exits 1.

    pitboss admin find QUERY [--brand N]          players by ID, user name or email
    pitboss admin player ID                       profile, status, balances, last ledger entries, game sessions
    pitboss admin ledger ID [--page-size N] [--page-token T]
    pitboss admin sessions ID                     game sessions
    pitboss admin revoke GAME_SESSION_ID --reason R
    pitboss admin block ID --reason R  |  pitboss admin unblock ID --reason R
    pitboss admin credit ID AMOUNT --reason R --key K [--balance cash|bonus|promo]
    pitboss admin debit ID AMOUNT --reason R --key K [--balance cash|bonus|promo]
    pitboss admin catalogue BRAND
    pitboss admin game BRAND GAME_ID --provider P --reason R [--name N] [--restricted US,GB] [--disabled] [--ggr]
    pitboss admin launch-template BRAND PROVIDER URL --reason R
    pitboss admin audit [--subject-type T --subject-id ID] [--page-size N] [--page-token T]
    pitboss admin jurisdictions [--brand N] [--limit N]   changes of country waiting for the back office
    pitboss admin confirm-jurisdiction ID COUNTRY --reason R  |  pitboss admin reject-jurisdiction ID COUNTRY --reason R
    pitboss admin brand BRAND [--contact-change-reauth on|off] [--phone-verification on|off] [--reason R]
                       [--register-vendor V] [--register-url U] [--register-secret S] [--dormancy-months N]
                       [--register-outage-registration closed|open] [--register-outage-play closed|open]
                       [--large-win-threshold AMOUNT] [--min-age N]
                       [--verification-policy nothing|deposits|deposits_and_play] [--verification-url URL]
                       [--verification-secret-env VAR]
    pitboss admin verification PLAYER none|pending|verified|failed --reason R   (audited)
    pitboss admin two-factor ID on|off --reason R  a gateway player's 2FA (SMS code at every login)
    pitboss admin dead-letters vip|mail [--operator OP] [--brand N] [--page-size N] [--page-token T]
    pitboss admin redrive vip|mail [--id N | --operator OP | --brand N] --reason R
    pitboss admin dormant [--brand N] [--page-size N] [--page-token T]   dormant accounts and their balances
    pitboss admin events [--kind K ...] [--brand N] [--subject-type T --subject-id ID] [--since 24h|RFC3339]
                         [--until RFC3339] [--page-size N] [--page-token T]   significant events, newest first
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone

import grpc
from google.protobuf import json_format

from pitboss.backoffice.v1 import backoffice_pb2
from pitboss.backoffice.v1 import backoffice_pb2_grpc
from server.cli.rpc_error import print_rpc_error
from server.config import DEMO_BACKOFFICE_TOKEN, Settings


OUTBOXES = {"vip": backoffice_pb2.OUTBOX_VIP_NOTIFICATIONS, "mail": backoffice_pb2.OUTBOX_MAIL}


def _dict(msg) -> dict:
    return json_format.MessageToDict(msg, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


def _token(settings: Settings) -> str | None:
    return os.environ.get("PITBOSS_BACKOFFICE_TOKEN") or (DEMO_BACKOFFICE_TOKEN if settings.demo else None)


def _actor(args) -> str:
    if args.acting_user:
        return args.acting_user
    if os.environ.get("PITBOSS_ACTING_USER"):
        return os.environ["PITBOSS_ACTING_USER"]
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name: the server asks for one
        return ""


# `admin brand` options of the register and dormancy settings (docs/compliance.md).
BRAND_REGISTER = ("register_vendor", "register_url", "register_secret", "register_outage_registration",
                  "register_outage_play", "dormancy_months")


def _requests(args) -> list[tuple[str, object]]:
    """The calls a command makes: (method name, request)."""
    c = args.admin_command
    if c == "find":
        return [("FindPlayers", backoffice_pb2.FindPlayersRequest(query=args.query, brand_id=args.brand))]
    if c == "player":
        return [("GetPlayer", backoffice_pb2.GetPlayerRequest(player_id=args.player_id)),
                ("ListLedger", backoffice_pb2.ListLedgerRequest(player_id=args.player_id, page_size=args.ledger)),
                ("ListGameSessions", backoffice_pb2.ListGameSessionsRequest(player_id=args.player_id, limit=10))]
    if c == "ledger":
        return [("ListLedger", backoffice_pb2.ListLedgerRequest(player_id=args.player_id, page_size=args.page_size,
                                                    page_token=args.page_token))]
    if c == "sessions":
        return [("ListGameSessions", backoffice_pb2.ListGameSessionsRequest(player_id=args.player_id, limit=args.limit))]
    if c == "revoke":
        return [("RevokeGameSession", backoffice_pb2.RevokeGameSessionRequest(game_session_id=args.game_session_id,
                                                                  reason=args.reason))]
    if c in ("block", "unblock"):
        cls = backoffice_pb2.BlockPlayerRequest if c == "block" else backoffice_pb2.UnblockPlayerRequest
        return [("BlockPlayer" if c == "block" else "UnblockPlayer", cls(player_id=args.player_id, reason=args.reason))]
    if c in ("credit", "debit"):
        balance = {"cash": backoffice_pb2.BALANCE_KIND_CASH, "bonus": backoffice_pb2.BALANCE_KIND_BONUS, "promo": backoffice_pb2.BALANCE_KIND_PROMO}
        return [("AdjustBalance", backoffice_pb2.AdjustBalanceRequest(
            player_id=args.player_id, direction=backoffice_pb2.DIRECTION_CREDIT if c == "credit" else backoffice_pb2.DIRECTION_DEBIT,
            balance=balance[args.balance], amount=args.amount, reason=args.reason, idempotency_key=args.key))]
    if c == "catalogue":
        return [("ListCatalogue", backoffice_pb2.ListCatalogueRequest(brand_id=args.brand_id))]
    if c == "game":
        restricted = [x for x in (args.restricted or "").split(",") if x.strip()]
        game = backoffice_pb2.CatalogueGame(brand_id=args.brand_id, game_id=args.game_id, provider=args.provider, name=args.name,
                                restricted_countries=restricted, enabled=not args.disabled, ggr_game=args.ggr)
        return [("PutCatalogueGame", backoffice_pb2.PutCatalogueGameRequest(game=game, reason=args.reason))]
    if c == "launch-template":
        return [("PutLaunchTemplate", backoffice_pb2.PutLaunchTemplateRequest(brand_id=args.brand_id, provider=args.provider,
                                                                  url_template=args.url, reason=args.reason))]
    if c == "audit":
        return [("ListAuditLog", backoffice_pb2.ListAuditLogRequest(subject_type=args.subject_type, subject_id=args.subject_id,
                                                        page_size=args.page_size, page_token=args.page_token))]
    if c == "jurisdictions":
        return [("ListJurisdictionChanges", backoffice_pb2.ListJurisdictionChangesRequest(brand_id=args.brand, limit=args.limit))]
    if c in ("confirm-jurisdiction", "reject-jurisdiction"):
        name, cls = (("ConfirmJurisdictionChange", backoffice_pb2.ConfirmJurisdictionChangeRequest) if c.startswith("confirm")
                     else ("RejectJurisdictionChange", backoffice_pb2.RejectJurisdictionChangeRequest))
        return [(name, cls(player_id=args.player_id, country=args.country, reason=args.reason))]
    if c == "verification":
        return [("SetVerificationStatus", backoffice_pb2.SetVerificationStatusRequest(
            player_id=args.player_id, status=args.status, reason=args.reason))]
    if c == "brand":
        changes: dict = {k: getattr(args, k) == "on" for k in ("contact_change_reauth", "phone_verification")
                         if getattr(args, k) is not None}
        changes.update({k: getattr(args, k) for k in BRAND_REGISTER if getattr(args, k) is not None})
        if args.large_win_threshold is not None:
            changes["large_win_threshold"] = args.large_win_threshold
        changes.update({k: getattr(args, k) for k in ("min_age", "verification_policy", "verification_url")
                        if getattr(args, k) is not None})
        if args.verification_secret_env:
            changes["verification_secret"] = os.environ.get(args.verification_secret_env, "")
        if not changes:
            return [("GetBrandSettings", backoffice_pb2.GetBrandSettingsRequest(brand_id=args.brand_id))]
        return [("UpdateBrandSettings", backoffice_pb2.UpdateBrandSettingsRequest(
            brand_id=args.brand_id, reason=args.reason, **changes))]
    if c == "two-factor":
        return [("SetPlayerTwoFactor", backoffice_pb2.SetPlayerTwoFactorRequest(
            player_id=args.player_id, enabled=args.state == "on", reason=args.reason))]
    if c == "dead-letters":
        return [("ListDeadLetters", backoffice_pb2.ListDeadLettersRequest(
            outbox=OUTBOXES[args.outbox], operator_id=args.operator, brand_id=args.brand, page_size=args.page_size,
            page_token=args.page_token))]
    if c == "redrive":
        return [("RedriveDeadLetters", backoffice_pb2.RedriveDeadLettersRequest(
            outbox=OUTBOXES[args.outbox], id=args.id, operator_id=args.operator, brand_id=args.brand,
            reason=args.reason))]
    if c == "dormant":
        return [("ListDormantAccounts", backoffice_pb2.ListDormantAccountsRequest(
            brand_id=args.brand, page_size=args.page_size, page_token=args.page_token))]
    if c == "events":
        return [("ListSignificantEvents", backoffice_pb2.ListSignificantEventsRequest(
            kinds=args.kind or [], brand_id=args.brand, subject_type=args.subject_type, subject_id=args.subject_id,
            page_size=args.page_size, page_token=args.page_token,
            **{"from": since(args.since), "to": since(args.until)}))]
    raise SystemExit(f"unknown admin command {c}")


AGO = re.compile(r"^([0-9]{1,6})([mhd])$")


def since(text: str, now: datetime | None = None) -> str:
    """``--since``: a time ago (``30m``, ``24h``, ``7d``) as RFC 3339, or the
    text as given (the server checks it)."""
    m = AGO.match((text or "").strip())
    if not m:
        return text or ""
    unit = {"m": "minutes", "h": "hours", "d": "days"}[m.group(2)]
    at = (now or datetime.now(timezone.utc)) - timedelta(**{unit: int(m.group(1))})
    return at.isoformat(timespec="seconds").replace("+00:00", "Z")


def no_secret(command: str) -> int:
    """The refusal of a back-office command without its secret, naming the fix (exit 2)."""
    print(f"pitboss {command}: no back-office secret. Set PITBOSS_BACKOFFICE_TOKEN to it; for the demo stack"
          " (make run, which this command finds through var/demo.json while it runs) it is"
          " backoffice-demo-token, or set PITBOSS_DEMO=1", file=sys.stderr)
    return 2


def run(args, settings: Settings) -> int:
    token = _token(settings)
    if not token:
        return no_secret("admin")
    metadata = [("authorization", f"Bearer {token}"), ("x-acting-user", _actor(args))]
    out: dict = {}
    with grpc.insecure_channel(args.target or settings.grpc_address) as ch:
        stub = backoffice_pb2_grpc.BackofficeServiceStub(ch)
        for name, request in _requests(args):
            try:
                resp = getattr(stub, name)(request, metadata=metadata, timeout=args.timeout)
            except grpc.RpcError as e:
                return print_rpc_error(e)
            out.update(_dict(resp))
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


def _admin(args) -> int:
    from server.config import get_settings

    return run(args, get_settings())


def add_parser(sub) -> None:
    a = sub.add_parser("admin", help="the back office (gRPC): players, wallets, game sessions, catalogue, audit log")
    a.set_defaults(fn=_admin)
    a.add_argument("--as", dest="acting_user", help="the acting user (default: PITBOSS_ACTING_USER or the login name)")
    a.add_argument("--target", help="host:port (default: PITBOSS_GRPC_HOST:PITBOSS_GRPC_PORT)")
    a.add_argument("--timeout", type=float, default=10.0)
    s = a.add_subparsers(dest="admin_command", required=True)
    p = s.add_parser("find", help="players by ID, user name or email")
    p.add_argument("query")
    p.add_argument("--brand", type=int, default=0)
    p = s.add_parser("player", help="profile, status, balances, last ledger entries and game sessions")
    p.add_argument("player_id")
    p.add_argument("--ledger", type=int, default=10, help="ledger entries to show (default 10)")
    p = s.add_parser("ledger", help="the wallet's ledger, newest first")
    p.add_argument("player_id")
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--page-token", default="")
    p = s.add_parser("sessions", help="game sessions, newest first")
    p.add_argument("player_id")
    p.add_argument("--limit", type=int, default=50)
    p = s.add_parser("revoke", help="end a game session now")
    p.add_argument("game_session_id")
    p.add_argument("--reason", required=True)
    for name in ("block", "unblock"):
        p = s.add_parser(name, help=f"{name} a player")
        p.add_argument("player_id")
        p.add_argument("--reason", required=True)
    for name in ("credit", "debit"):
        p = s.add_parser(name, help=f"{name} a balance (never below zero)")
        p.add_argument("player_id")
        p.add_argument("amount")
        p.add_argument("--reason", required=True)
        p.add_argument("--key", required=True, help="idempotency key: a retry with it books nothing new")
        p.add_argument("--balance", choices=("cash", "bonus", "promo"), default="cash")
    p = s.add_parser("catalogue", help="a brand's game catalogue and launch templates")
    p.add_argument("brand_id", type=int)
    p = s.add_parser("game", help="add or change a catalogue game")
    p.add_argument("brand_id", type=int)
    p.add_argument("game_id")
    p.add_argument("--provider", required=True)
    p.add_argument("--name", default="")
    p.add_argument("--restricted", default="", help="comma-separated ISO country codes")
    p.add_argument("--disabled", action="store_true")
    p.add_argument("--ggr", action="store_true", help="real money only (Start Game answers 303 ggr_game)")
    p.add_argument("--reason", required=True)
    p = s.add_parser("launch-template", help="a brand's launch URL template for a provider")
    p.add_argument("brand_id", type=int)
    p.add_argument("provider")
    p.add_argument("url")
    p.add_argument("--reason", required=True)
    p = s.add_parser("audit", help="the audit log, newest first")
    p.add_argument("--subject-type", default="")
    p.add_argument("--subject-id", default="")
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--page-token", default="")
    p = s.add_parser("jurisdictions", help="changes of country waiting for the back office, oldest first")
    p.add_argument("--brand", type=int, default=0)
    p.add_argument("--limit", type=int, default=50)
    for name in ("confirm-jurisdiction", "reject-jurisdiction"):
        p = s.add_parser(name, help=f"{name.split('-')[0]} the change of country a player asked for (audited)")
        p.add_argument("player_id")
        p.add_argument("country", help="the pending country (ISO 3166-1 alpha-2)")
        p.add_argument("--reason", required=True)
    p = s.add_parser("brand", help="a brand's settings; with --contact-change-reauth or --phone-verification,"
                                   " change them (audited)")
    p.add_argument("brand_id", type=int)
    p.add_argument("--contact-change-reauth", choices=("on", "off"),
                   help="email and phone changes need the current password (stricter than the vendor)")
    p.add_argument("--phone-verification", choices=("on", "off"),
                   help="every phone change waits for the SMS code sent to the new number (off: only 2FA players)")
    p.add_argument("--register-vendor", help='the national self-exclusion register (gamstop, rofus, cruks, oasis,'
                   ' simulator; "" none)')
    p.add_argument("--register-url", help="the register bridge's URL")
    p.add_argument("--register-secret", help='the bridge\'s bearer secret (stored encrypted; "" removes it)')
    p.add_argument("--register-outage-registration", choices=("closed", "open"))
    p.add_argument("--register-outage-play", choices=("closed", "open"))
    p.add_argument("--dormancy-months", type=int, help="months without activity before an account is dormant")
    p.add_argument("--large-win-threshold", help="a win above it is a significant event (0: off)")
    p.add_argument("--min-age", type=int, help="the minimum age at registration (18-25; docs/compliance.md)")
    p.add_argument("--verification-policy", choices=("nothing", "deposits", "deposits_and_play"),
                   help="what needs a verified identity")
    p.add_argument("--verification-url", help="where verification requests go (empty: no vendor)")
    p.add_argument("--verification-secret-env", metavar="VAR",
                   help="the vendor's HMAC secret, read from this environment variable (never on the command line)")
    p.add_argument("--reason", default="")
    p = s.add_parser("verification", help="set a player's identity verification status (audited)")
    p.add_argument("player_id")
    p.add_argument("status", choices=("none", "pending", "verified", "failed"))
    p.add_argument("--reason", required=True)
    p = s.add_parser("two-factor", help="switch a gateway player's 2FA on or off (audited)")
    p.add_argument("player_id")
    p.add_argument("state", choices=("on", "off"))
    p.add_argument("--reason", required=True)
    p = s.add_parser("dead-letters", help="outbox items given up (VIP notifications or mail), newest first")
    p.add_argument("outbox", choices=sorted(OUTBOXES))
    p.add_argument("--operator", default="", help="VIP: one operator's")
    p.add_argument("--brand", type=int, default=0, help="mail: one brand's")
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--page-token", default="")
    p = s.add_parser("events", help="significant events (docs/compliance.md), newest first")
    p.add_argument("--kind", action="append", help="login_failures, lockout, twofa_failed, adjustment, large_win, "
                   "protection_change, personal_data_change, config_change, account_status, dead_letter, "
                   "service_start, service_stop (repeatable)")
    p.add_argument("--brand", type=int, default=0)
    p.add_argument("--subject-type", default="")
    p.add_argument("--subject-id", default="")
    p.add_argument("--since", default="", help="30m, 24h, 7d or an RFC 3339 time")
    p.add_argument("--until", default="", help="an RFC 3339 time (exclusive), or 30m / 24h / 7d ago")
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--page-token", default="")
    p = s.add_parser("redrive", help="make dead letters due again (one by --id, else up to 1,000 in scope)")
    p.add_argument("outbox", choices=sorted(OUTBOXES))
    p.add_argument("--id", type=int, default=0)
    p.add_argument("--operator", default="")
    p.add_argument("--brand", type=int, default=0)
    p.add_argument("--reason", required=True)
    p = s.add_parser("dormant", help="dormant accounts and their balances, most recent player ids first")
    p.add_argument("--brand", type=int, default=0, help="one brand's (0: every brand)")
    p.add_argument("--page-size", type=int, default=50)
    p.add_argument("--page-token", default="")
