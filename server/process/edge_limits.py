"""Envoy's rate limits on the expensive doors (envoy/envoy.yaml.tmpl ${LIMITED_ROUTES}).

Each door is a route of its own (its JSON/HTTP paths and the gRPC method
paths the transcoder also accepts as JSON) to the server's cluster, with two
of Envoy's own ``local_ratelimit`` filters configured on it:

- ``pitboss.ratelimit.client`` (first): one token bucket per client address
  (``remote_address``, as PITBOSS_TRUSTED_HOPS makes it) and, where the door
  has an authenticated client in a header, one per client (VIP: the
  operator's bearer token; MTS: the HTTP Basic client credentials; gateway:
  the player's ``x-auth-token``); ``PITBOSS_LIMIT_<DOOR>__ADDRESS`` /
  ``__CLIENT`` requests a minute each (dynamic descriptors: one bucket per
  value seen, the least recently used dropped beyond ``MAX_CLIENTS``);
- ``pitboss.ratelimit.route`` (second): one bucket for the door as a whole,
  ``PITBOSS_LIMIT_<DOOR>__ROUTE`` requests a second. A request the first
  filter refused never reaches it, so one address's flood does not use up
  everybody's share.

A refused request is answered by Envoy at once: 429 with ``Retry-After`` (the
refill interval of the bucket that refused, whole seconds), its body in the
family's shape by ``local_reply_config`` (server/api/errors/<family>.py,
``envoy_replies``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from server.config import DoorLimit, Settings
from server.domain.mts.intake import MAX_MESSAGE_BYTES

MAX_CLIENTS = 100_000  # buckets per door and key (client addresses, clients)
FILTER_TYPE = "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit"
CLIENT_FILTER = "pitboss.ratelimit.client"
ROUTE_FILTER = "pitboss.ratelimit.route"
# The MTS paths' own body cap (the /mts/ route's, repeated on the token route).
MTS_BUFFER = "type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute"

GATEWAY = "/pitboss.gateway.v1.PlayerGatewayService/"
SEG = "[^/]+"


@dataclass(frozen=True)
class Door:
    name: str  # the setting: limit_<name>
    regexes: tuple[str, ...]  # the JSON/HTTP paths (RE2, whole path; each its own route)
    methods: tuple[str, ...]  # the gRPC method paths the transcoder also takes as JSON
    client_header: str | None = None  # the header naming the authenticated client
    mts: bool = False  # an MTS path: the 128 kB body cap of /mts/


DOORS = [
    Door("login", (rf"/gateway/login/{SEG}/{SEG}/player/?",), (f"{GATEWAY}Login",)),
    Door("registration", (rf"/gateway/reg-step-(one|two)/{SEG}/{SEG}/?",),
         (f"{GATEWAY}RegisterStepOne", f"{GATEWAY}RegisterStepTwo")),
    Door("password_reset", (rf"/gateway/admission/{SEG}/(forgot|verify)/password/{SEG}/?",),
         (f"{GATEWAY}ForgotPassword", f"{GATEWAY}VerifyPassword")),
    Door("activation", (rf"/gateway/admission/{SEG}/resend/activation/email/{SEG}/?",),
         (f"{GATEWAY}ResendActivationEmail",), "x-auth-token"),
    Door("two_factor", (rf"/gateway/player-data/{SEG}/(send|validate)/code/{SEG}/?",),
         (f"{GATEWAY}SendCode", f"{GATEWAY}ValidateCode"), "x-auth-token"),
    # The identity vendor's signed callback (docs/compliance.md): the HMAC is
    # checked by the server; a flood of forged ones stops here first.
    Door("verification_callback", (rf"/gateway/verification/{SEG}/callback/?",),
         (f"{GATEWAY}VerificationCallback",)),
    Door("mts_token", (r"/mts/v3/oauth/token/?",), ("/pitboss.mts.v1.MtsAuthService/IssueToken",), "authorization",
         mts=True),
    Door("vip_session", (r"/api/patronsession/(existing|new|existing/simple)/?",),
         tuple(f"/pitboss.vip.v1.VipConnectService/Create{k}Session" for k in ("Existing", "New", "Simple")),
         "authorization"),
    Door("vip_inquiry", (r"/api/patronsession/accountlookup/?",), ("/pitboss.vip.v1.VipConnectService/LookupAccount",),
         "authorization"),
]


def _bucket(per_interval: float, seconds: float) -> tuple[dict, int]:
    """A bucket of ``per_interval`` requests per ``seconds``, refilled one
    token at a time; with the Retry-After it implies."""
    tokens = max(1, math.floor(per_interval))
    interval = max(0.05, seconds / per_interval)
    return ({"max_tokens": tokens, "tokens_per_fill": 1, "fill_interval": f"{interval:.3f}s"},
            max(1, math.ceil(interval)))


def _filter(prefix: str, descriptors: list[dict], actions: list[list[dict]], retry_after: int) -> dict:
    return {
        "@type": FILTER_TYPE,
        "stat_prefix": prefix,
        # The filter's own bucket is never the one that refuses: the
        # descriptors' buckets are.
        "token_bucket": {"max_tokens": 1_000_000, "tokens_per_fill": 1_000_000, "fill_interval": "1s"},
        "filter_enabled": {"default_value": {"numerator": 100, "denominator": "HUNDRED"}},
        "filter_enforced": {"default_value": {"numerator": 100, "denominator": "HUNDRED"}},
        "response_headers_to_add": [{"header": {"key": "retry-after", "value": str(retry_after)}}],
        "max_dynamic_descriptors": MAX_CLIENTS,
        "descriptors": descriptors,
        "rate_limits": [{"actions": a} for a in actions],
    }


def _routes(door: Door, limit: DoorLimit) -> list[dict]:
    key = {"generic_key": {"descriptor_key": "door", "descriptor_value": door.name}}
    entry = {"key": "door", "value": door.name}
    filters: dict[str, dict] = {}
    descriptors, actions, waits = [], [], []
    if limit.address:
        bucket, wait = _bucket(limit.address, 60)
        descriptors.append({"entries": [entry, {"key": "remote_address"}], "token_bucket": bucket})
        actions.append([key, {"remote_address": {}}])
        waits.append(wait)
    if limit.client and door.client_header:
        bucket, wait = _bucket(limit.client, 60)
        descriptors.append({"entries": [entry, {"key": "client"}], "token_bucket": bucket})
        actions.append([key, {"request_headers": {"header_name": door.client_header, "descriptor_key": "client",
                                                  "skip_if_absent": True}}])
        waits.append(wait)
    if descriptors:
        filters[CLIENT_FILTER] = _filter(f"{door.name}_client", descriptors, actions, max(waits))
    if limit.route:
        bucket, wait = _bucket(limit.route, 1)
        filters[ROUTE_FILTER] = _filter(f"{door.name}_route", [{"entries": [entry], "token_bucket": bucket}],
                                        [[key]], wait)
    if door.mts:
        filters["envoy.filters.http.buffer"] = {
            "@type": "type.googleapis.com/envoy.config.route.v3.FilterConfig",
            "config": {"@type": MTS_BUFFER, "buffer": {"max_request_bytes": MAX_MESSAGE_BYTES}}}
    matches = [{"safe_regex": {"regex": r}} for r in door.regexes] + [{"path": m} for m in door.methods]
    routes = []
    for match in matches:
        route = {"match": match, "route": {"cluster": "pitboss_grpc", "timeout": "30s"}}
        if filters:
            route["typed_per_filter_config"] = filters
        routes.append(route)
    return routes


def limited_routes(settings: Settings, indent: int = 24) -> str:
    """The doors' routes as items of the template's route list (one JSON flow
    mapping per line), placed before the families' catch-all routes."""
    return "\n".join(" " * indent + "- " + json.dumps(r)
                     for d in DOORS for r in _routes(d, getattr(settings, f"limit_{d.name}")))
