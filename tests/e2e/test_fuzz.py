"""Seeded, bounded fuzzing of every partner family through the real Envoy.

Hypothesis mutates the valid requests of tests/e2e/fuzz_requests.py the ways an
attacker would: JSON values of other types, huge and tiny numbers, unicode,
invalid UTF-8, NUL characters and deep nesting in bodies, paths, queries and
headers; dates and times at and beyond the ends of the calendar in every
field that holds one; header names HTTP allows but gRPC metadata does not
(``x|y``) and ``-bin`` names; missing and broken credentials; gRPC control
headers. Each example is a batch of
requests sent concurrently. The run fails on any 5xx, a timeout, a traceback
in a body or in the server's log, or a 2xx answered to a request whose
credentials were broken.

Size: PITBOSS_FUZZ_REQUESTS requests per family (default 2000), seed
PITBOSS_FUZZ_SEED (default fixed), so a failure replays exactly. The stack
runs on SQLite; PITBOSS_FUZZ_BACKEND=postgresql runs it on a throwaway
PostgreSQL database.
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.e2e import fuzz_requests as F
from tests.e2e.stack import start_stack, stop_stack
from tests.support.tokens import vip_token

pytestmark = pytest.mark.e2e

PER_FAMILY = int(os.environ.get("PITBOSS_FUZZ_REQUESTS", "2000"))
SEED = int(os.environ.get("PITBOSS_FUZZ_SEED", "20261201"))
BATCH = 25
WORKERS = 8
TIMEOUT = 20.0
TRACEBACK = ("Traceback (most recent call last)", 'File "/')

# ------------------------------------------------------------------ values

BAD_UTF8 = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82", b"\x80", b"\xfe\xfe"]
NUMBERS = [0, -1, 1, 2**31, -(2**31) - 1, 2**53 + 1, 2**63, -(2**63) - 1, 2**64, 10**22, 10**30, -(10**30),
           1e13, 1e15, 1e22, 1e308, -1e308, 5e-324, -0.0, 1e-7, 0.1234567, 9999999999.999999, 123456789012.345678]
TEXTS = ["", " ", "null", "true", "0", "-1", "1e400", "NaN", "Infinity", "\u00e9", "\u0661", "\u00b2", "\u2460",
         "\ufeff", "\u202e", "\U0001f600", "\x00", "\t", "a" * 5000, "%00", "../../etc/passwd", "${jndi:x}",
         "<script>", "' OR 1=1 --", "{}", "[]", "a\x00b", "\u00df" * 40, "\ufb03" * 30]
# Dates and times at and just beyond the ends of the calendar, in the
# families' formats (ISO 8601 date-times, YYYY-MM-DD, MM/dd/yyyy,
# DD/MM/YYYY), and Unix milliseconds.
CALENDAR = [
    "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59+14:00",
    "0000-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "9999-12-31T24:00:00Z", "0001-01-01T00:00:00+24:00",
    "0001-01-01", "9999-12-31", "0000-01-01", "01/01/0001", "12/31/9999", "31/12/9999", "00/00/0000",
    "02/29/2023", "29/02/2024", "-0001-01-01", "+10000-01-01",
]
CALENDAR_MS = [0, 1, -1, -62135596800000, -62135596800001, 253402300799999, 253402300800000, 2**63 - 1, -(2**63),
               2**64, 1e300]
DATE_KEYS = ("date", "time", "birth", "utc")


def deep(depth: int, kind: str):
    v: object = 1
    for _ in range(depth):
        v = {"a": v} if kind == "object" else [v]
    return v


scalars = st.one_of(
    st.none(), st.booleans(), st.sampled_from(NUMBERS), st.integers(),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(TEXTS), st.text(max_size=40),
)
json_values = st.one_of(
    st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4), max_leaves=12),
    st.builds(deep, st.integers(10, 70), st.sampled_from(["object", "list"])),
)
header_text = st.one_of(
    st.sampled_from(["", "garbage", "-1S", "0S", "1n", "99999999H", "x-unknown", "gzip", "Bearer", "Bearer ",
                     "\u00e9", "a\tb", "a" * 9000]),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60),
)
text_with_bad_bytes = st.builds(
    lambda t, b, i: (t.encode()[:i] + b + t.encode()[i:]), st.text(max_size=20), st.sampled_from(BAD_UTF8),
    st.integers(0, 20))
path_text = st.one_of(
    st.sampled_from(["", "%FF", "%C0%AF", "%ED%A0%80", "%00", "%2F", "..", "%252F", "%E2%91%A0", "%C2%B2",
                     "%D9%A1", "%20" + "1", "1%20", "a" * 3000]),
    st.text(max_size=30).map(lambda t: quote(t, safe="")),
    text_with_bad_bytes.map(lambda b: quote(b, safe="")),
)
GRPC_HEADERS = st.sampled_from([
    ("grpc-timeout", "garbage"), ("grpc-timeout", "-1S"), ("grpc-timeout", "0S"), ("grpc-timeout", "1n"),
    ("grpc-timeout", "99999999H"), ("grpc-encoding", "x-unknown"), ("grpc-encoding", "gzip"),
    ("grpc-accept-encoding", "x-unknown"), ("grpc-status", "13"), ("grpc-message", "x"), ("te", "trailers"),
    ("content-type", "application/grpc"), ("content-type", "application/grpc-web+proto"),
    ("content-type", "application/grpc+json"), ("x-pitboss-http-status", "200"), ("x-pitboss-http-body", "{}"),
    ("x-envoy-upstream-rq-timeout-ms", "1"), ("content-encoding", "gzip"), ("transfer-encoding", "chunked"),
])
HEADER_NAMES = ["x-correlation-id", "traceparent", "tracestate", "x-request-id", "x-forwarded-for", "accept",
                "content-type", "x-player-token", "authorization", "x-auth-token", "2fa-auth-token", "x-fuzz",
                "accept-encoding", "x_auth_token", "cookie"]
# Any HTTP header name (an RFC 9110 token): gRPC metadata keys allow only
# [0-9a-z_.-], and a "-bin" name carries base64.
TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
header_names = st.one_of(
    st.text(st.sampled_from(TOKEN_CHARS), min_size=1, max_size=24),
    st.sampled_from(["x|y", "a^b", "x~y", "X-Pitboss|1", "x-bin", "grpc-trace-bin", "authorization-bin",
                     "x-player-token-bin", "x-correlation-id|"]),
    st.text(st.sampled_from(TOKEN_CHARS), min_size=1, max_size=12).map(lambda t: t + "-bin"),
)


def broken_credential(value: str):
    return st.one_of(
        st.just(None), st.just(""), st.just(value[: len(value) // 2]), st.just(value + "x"),
        st.just(value[:-1] + ("A" if value[-1:] != "A" else "B")) if value else st.just("x"),
        st.just(value.replace("Bearer ", "Basic ")), st.just("Bearer"), st.just(value.upper()),
        st.just("Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJvcGVyYXRvci0xIn0."), header_text,
    ).filter(lambda v: v != value)


# ------------------------------------------------------------------ requests


@dataclass
class Sent:
    name: str
    method: str
    url: str
    headers: dict
    body: bytes | None
    broken: bool


def _body_paths(v, prefix=()):
    out = [prefix]
    if isinstance(v, dict):
        for k, x in v.items():
            out += _body_paths(x, (*prefix, k))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out += _body_paths(x, (*prefix, i))
    return out


def _get(body, path):
    for k in path:
        body = body[k]
    return body


def _set(body, path, value, delete=False):
    if not path:
        return value
    obj = body
    for k in path[:-1]:
        obj = obj[k]
    if delete:
        obj.pop(path[-1]) if isinstance(obj, (dict, list)) else None
    else:
        obj[path[-1]] = value
    return body


@st.composite
def mutated(draw, bases: list[F.Base], stack_url: str) -> Sent:
    b = draw(st.sampled_from(bases)).fresh()
    params, query, headers, body = dict(b.params), dict(b.query), dict(b.headers), b.body
    raw: bytes | None = None
    broken = False
    kinds = ["body", "body", "path", "query", "header", "header-name", "grpc", "none"]
    dated = [p for p in _body_paths(body) if p and isinstance(p[-1], str) and
             any(k in p[-1].lower() for k in DATE_KEYS)] if isinstance(body, dict) else []
    if dated:
        kinds.append("calendar")
    if b.credentials or b.body_credentials:
        kinds.append("credentials")
    for kind in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3)):
        if kind == "body":
            if body is None:
                body = {}
            how = draw(st.sampled_from(["leaf", "leaf", "leaf", "set", "delete", "add", "raw", "bad-utf8"]))
            paths = _body_paths(body)
            leaves = [p for p in paths if p and not isinstance(_get(body, p), (dict, list))] or paths
            path = draw(st.sampled_from(leaves if how == "leaf" else paths))
            if how in ("leaf", "set"):
                if path and path[-1] in b.body_credentials and path[:-1] == ():
                    broken = True
                current = _get(body, path)
                if isinstance(current, (int, float)) and not isinstance(current, bool):
                    value = draw(st.one_of(st.sampled_from(NUMBERS), st.integers(), st.floats(), json_values))
                elif isinstance(current, str):
                    value = draw(st.one_of(st.sampled_from(TEXTS), st.text(max_size=60), st.sampled_from(NUMBERS),
                                           json_values))
                else:
                    value = draw(json_values)
                body = _set(body, path, value)
            elif how == "delete" and path:
                if path[-1] in b.body_credentials and len(path) == 1:
                    broken = True
                body = _set(body, path, None, delete=True)
            elif how == "add" and isinstance(body, dict):
                body[draw(st.text(max_size=12))] = draw(json_values)
            elif how == "raw":
                raw = draw(st.one_of(st.binary(max_size=200), st.sampled_from(
                    [b"", b"{", b"[]", b"null", b"1", b'"x"', b"{\"a\":}", b"\xef\xbb\xbf{}", b"{}" * 1000])))
                broken = broken or bool(b.body_credentials)
            else:
                text = json.dumps(body).encode()
                i = draw(st.integers(0, len(text)))
                raw = text[:i] + draw(st.sampled_from(BAD_UTF8)) + text[i:]
        elif kind == "path" and params:
            key = draw(st.sampled_from(sorted(params)))
            params[key] = draw(path_text)
            continue
        elif kind == "query":
            key = draw(st.sampled_from(sorted(query) + ["provider", "hash", "mode", "x", "providerBetRef"]))
            query[key] = draw(st.one_of(st.text(max_size=30), text_with_bad_bytes, st.sampled_from(TEXTS)))
        elif kind == "header":
            headers[draw(st.sampled_from(HEADER_NAMES))] = draw(header_text)
        elif kind == "header-name":
            headers[draw(header_names)] = draw(st.one_of(header_text, st.just("!!!"), st.just("=")))
        elif kind == "calendar" and body is not None:
            body = copy.deepcopy(body)
            path = draw(st.sampled_from(dated))
            try:
                current = _get(body, path)
                pool = CALENDAR_MS if isinstance(current, (int, float)) and not isinstance(current, bool) else CALENDAR
                body = _set(body, path, draw(st.sampled_from(pool)))
            except (KeyError, IndexError, TypeError):  # an earlier mutation changed the body's shape
                continue
        elif kind == "grpc":
            name, value = draw(GRPC_HEADERS)
            headers[name] = value
        elif kind == "credentials":
            if b.credentials and (not b.body_credentials or draw(st.booleans())):
                name = draw(st.sampled_from(b.credentials))
                value = draw(broken_credential(headers.get(name, "")))
                if value is None:
                    headers.pop(name, None)
                else:
                    headers[name] = value
            else:
                key = draw(st.sampled_from(b.body_credentials))
                body = dict(body)
                body[key] = draw(st.one_of(st.none(), st.just(""), st.just(str(body.get(key, "")) + "x"), json_values))
            broken = True
    # Credentials sent under another header name (x_auth_token, a second
    # authorization) do not count as broken ones: only the named ones do.
    quoted = {k: (v if "%" in str(v) or not v else quote(str(v), safe="")) for k, v in params.items()}
    path = b.path.format(**quoted)
    qs = urlencode({k: v for k, v in query.items()}, doseq=False)
    url = stack_url + path + ("?" + qs if qs else "")
    if raw is None and body is not None:
        raw = json.dumps(body).encode()
    clean = {k: v.encode("latin-1") if isinstance(v, str) else v for k, v in headers.items() if v is not None}
    return Sent(b.name, b.method, url, clean, raw, broken)


# ------------------------------------------------------------------ running

_local = threading.local()


def _session() -> requests.Session:
    if not hasattr(_local, "s"):
        _local.s = requests.Session()
    return _local.s


STATUSES: Counter = Counter()  # answers per status class, printed per family


def send(r: Sent) -> str | None:
    """The problem with this request's answer, or None."""
    try:
        resp = _session().request(r.method, r.url, data=r.body, headers=r.headers, timeout=TIMEOUT,
                                  allow_redirects=False)
    except requests.exceptions.Timeout:
        return f"timeout after {TIMEOUT} s"
    except requests.exceptions.InvalidHeader:
        return None  # the client refused to send it: not a server answer
    except requests.exceptions.ConnectionError as e:
        return f"connection error: {type(e).__name__}"
    STATUSES[f"{resp.status_code // 100}xx"] += 1
    text = resp.content.decode("utf-8", "replace")
    if resp.status_code >= 500:
        return f"HTTP {resp.status_code}: {text[:300]}"
    if any(t in text for t in TRACEBACK):
        return f"traceback in the body: {text[:300]}"
    if r.broken and 200 <= resp.status_code < 300:
        return f"HTTP {resp.status_code} to broken credentials: {text[:200]}"
    return None


def describe(r: Sent) -> str:
    return f"{r.method} {r.url[:300]} headers={ {k: v[:80] for k, v in r.headers.items()} } body={(r.body or b'')[:300]!r}"


# ------------------------------------------------------------------ the test


@pytest.fixture(scope="module")
def fuzz_stack(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    if os.environ.get("PITBOSS_FUZZ_BACKEND") == "postgresql":
        url = request.getfixturevalue("postgres").create()
    else:
        url = f"sqlite:///{tmp / 'pitboss.db'}"
    s = start_stack(tmp, url)
    yield s
    assert stop_stack(s) == 0


def _creds(stack) -> F.Creds:
    from tests.support import pam_support

    http = requests.Session()
    pid, token = pam_support.new_player(stack.database_url, cash="1000000")
    _, refresh = pam_support.new_player(stack.database_url)

    def login():
        r = http.post(stack.url("/gateway/login/1.0/1/player"), json={"user_name": "itamar1", "password": "Secret123"})
        assert r.status_code == 200, r.text
        return r.json()["auth_token"]

    session = http.post(stack.url("/api/patronsession/existing"), headers={"Authorization": f"Bearer {vip_token()}"},
                        json={"patronId": "p", "vipCardNumber": "7210536159", "dateOfBirth": "01/15/1985",
                              "remainingDailyDeposit": 500, "walletBalance": 250, "transactionId": "fz-session",
                              "transactionAmount": 10, "transactionType": "withdraw",
                              "returnUrl": "https://op.example/ok", "cancelRedirectUrl": "https://op.example/no",
                              "productType": "preferred", "oneClickDiscountApplied": False}).json()["sessionId"]
    return F.Creds(vip_jwt=vip_token(exp=int(time.time()) + 3000), pam_player=pid, pam_token=token,
                   pam_refresh_token=refresh, gateway_token=login(), gateway_logout_token=login(), sdk_session=session)


@pytest.mark.parametrize("family", list(F.FAMILIES))
def test_fuzz_family(fuzz_stack, family):
    bases = F.FAMILIES[family](_creds(fuzz_stack))
    STATUSES.clear()
    problems: list[str] = []
    count = [0]
    started = time.monotonic()

    @seed(SEED + list(F.FAMILIES).index(family))
    @settings(max_examples=-(-PER_FAMILY // BATCH), deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate])  # bounded: no shrinking (every bad answer is listed)
    @given(st.lists(mutated(bases, fuzz_stack.http), min_size=BATCH, max_size=BATCH))
    def batch(reqs: list[Sent]):
        with ThreadPoolExecutor(WORKERS) as pool:
            results = list(pool.map(send, reqs))
        count[0] += len(reqs)
        bad = [f"{problem}\n    {describe(r)}" for r, problem in zip(reqs, results) if problem]
        if bad:
            problems.extend(bad)
        assert not bad, f"{len(bad)} bad answers, first: {bad[0]}"

    try:
        batch()
    finally:
        elapsed = time.monotonic() - started
        print(f"\nfuzz {family}: {count[0]} requests in {elapsed:.1f} s ({count[0] / elapsed:.0f} req/s), "
              f"{dict(sorted(STATUSES.items()))}")
    assert count[0] >= PER_FAMILY, count[0]
    log = fuzz_stack.log_text()
    assert not any(t in log for t in TRACEBACK), log[log.find("Traceback") - 500: log.find("Traceback") + 3000]
