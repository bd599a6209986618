"""MTS casino-sessions over WebSocket through the real Envoy to `pitboss
mts-ws` and the real database, with the websockets client library: the
handshake, the same intake as the HTTP binding, many messages in flight,
fragmented and oversized messages, resends, and bad input of every kind."""

from __future__ import annotations

import asyncio
import json
import secrets

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.support.mts_helpers import PATH, TOKEN, envelope
from tests.e2e.mts_ws_support import (add_expired_token, assert_reply, dumps, get_token, open_ws, run, sdk_envelope,
                                  stored, stored_replies)

pytestmark = pytest.mark.e2e


async def exchange(ws, text: str) -> dict:
    await ws.send(text)
    return json.loads(await asyncio.wait_for(ws.recv(), 20))


def test_sdk_shaped_report_is_accepted_and_replays_across_bindings(stack, http):
    env = sdk_envelope()

    async def go():
        async with await open_ws(stack, get_token(stack)) as ws:
            return await exchange(ws, dumps(env))

    reply = run(go())
    assert_reply(reply, env["correlationId"], "casino-sessions-inform-reply", 0)
    assert reply["content"]["message"] == "Transaction processed"
    # The same store and idempotency as the HTTP binding: the first reply again.
    r = http.post(stack.url(PATH), data=dumps(env), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json() == reply
    assert stored(stack, env["correlationId"])[:2] == (1, 1)


def test_validation_codes_are_the_http_bindings(stack, http):
    cases = [("timestampUtc", "1703852996000", -101), ("operation", "ticket-placement", 101),
             ("version", "2.4", 102), ("content", "x", 103)]

    async def go():
        out = []
        async with await open_ws(stack, get_token(stack)) as ws:
            for key, value, _ in cases:
                env = dict(envelope(), **{key: value})
                out.append((env, await exchange(ws, dumps(env))))
        return out

    for (env, reply), (_, _, code) in zip(run(go()), cases):
        assert reply["content"]["code"] == code
        assert reply["correlationId"] == env["correlationId"]
        over_http = http.post(stack.url(PATH), data=dumps(env), headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert (over_http["content"], over_http["correlationId"]) == (
            {**reply["content"]}, reply["correlationId"])


def test_many_messages_in_flight_on_one_socket(stack):
    run_id = "inflight-" + secrets.token_hex(4)
    good = [envelope(f"{run_id}-{i}") for i in range(60)]
    bad = [dict(envelope(f"{run_id}-bad-{i}"), timestampUtc=-5) for i in range(20)]

    async def go():
        async with await open_ws(stack, get_token(stack)) as ws:
            for env in [*good, *bad]:
                await ws.send(dumps(env))  # no waiting between messages
            replies = {}
            while len(replies) < len(good) + len(bad):
                r = json.loads(await asyncio.wait_for(ws.recv(), 30))
                replies[r["correlationId"]] = r
            return replies

    replies = run(go())
    for env in good:
        assert_reply(replies[env["correlationId"]], env["correlationId"], "casino-sessions-inform-reply", 0)
    for env in bad:
        assert replies[env["correlationId"]]["content"]["code"] == -107
    assert stored(stack, run_id)[:2] == (60, 60)


def test_fragmented_message_of_100000_bytes(stack):
    env = envelope()
    env["content"]["padding"] = ""
    env["content"]["padding"] = "x" * (100_000 - len(dumps(env)))
    text = dumps(env)
    assert len(text.encode()) == 100_000
    chunks = [text[i:i + 32_000] for i in range(0, len(text), 32_000)]  # a text frame + 3 continuation frames
    assert len(chunks) == 4

    async def go():
        async with await open_ws(stack, get_token(stack)) as ws:
            await ws.send(chunks)
            return json.loads(await asyncio.wait_for(ws.recv(), 20))

    assert_reply(run(go()), env["correlationId"], "casino-sessions-inform-reply", 0)
    assert stored(stack, env["correlationId"]) == (1, 1, 1)


def test_resend_after_a_client_timeout_answers_the_first_reply(stack):
    run_id = "resend-" + secrets.token_hex(6)
    a, b = dumps(envelope(f"{run_id}-a")), dumps(envelope(f"{run_id}-b"))

    async def go():
        token = get_token(stack)
        async with await open_ws(stack, token) as ws:
            await ws.send(a)
            first = json.loads(await ws.recv())
            await ws.send(a)  # the byte-identical message, as the SDK resends it after its timeout
            again = json.loads(await ws.recv())
        # b's reply is lost with its socket (never read); the client resends b on a new socket.
        ws = await open_ws(stack, token)
        await ws.send(b)
        await ws.close()
        async with await open_ws(stack, token) as ws:
            resent = await exchange(ws, b)
        return first, again, resent

    first, again, resent = run(go())
    assert first["content"]["code"] == 0 and again == first  # the same timestampUtc too
    assert resent["content"]["code"] == 0
    assert stored(stack, run_id)[:2] == (2, 2)
    replies = stored_replies(stack, run_id)
    assert replies[f"{run_id}-a"] == (0, first["timestampUtc"])
    assert replies[f"{run_id}-b"] == (0, resent["timestampUtc"])


@pytest.mark.parametrize("kind", ["none", "unknown", "expired", "basic", "empty"])
def test_refused_token_fails_the_handshake_with_401(stack, kind):
    token = {"none": None, "unknown": secrets.token_hex(32), "expired": secrets.token_hex(32)}.get(kind)
    if kind == "expired":
        add_expired_token(stack, token)

    async def go():
        headers = {"basic": {"Authorization": "Basic bXRzOm10cw=="}, "empty": {"Authorization": "Bearer "}}
        if kind in headers:
            from websockets.asyncio.client import connect

            from tests.e2e.mts_ws_support import ws_url
            return await connect(ws_url(stack), additional_headers=headers[kind])
        return await open_ws(stack, token)

    with pytest.raises(InvalidStatus) as e:
        run(go())
    assert e.value.response.status_code == 401
    assert e.value.response.headers["WWW-Authenticate"].startswith("Bearer")


def test_operators_own_token_also_opens_the_socket(stack):
    async def go():
        async with await open_ws(stack, TOKEN) as ws:
            return await exchange(ws, dumps(envelope()))

    assert run(go())["content"]["code"] == 0


def test_wrong_operator_gets_an_error_reply_and_the_socket_stays_open(stack):
    other = dict(envelope(), operatorId=2)
    fine = envelope()

    async def go():
        async with await open_ws(stack, get_token(stack)) as ws:
            return await exchange(ws, dumps(other)), await exchange(ws, dumps(fine))

    refused, accepted = run(go())
    assert_reply(refused, other["correlationId"], "error-reply", 100)
    assert accepted["content"]["code"] == 0
    assert stored(stack, other["correlationId"])[0] == 0


def sized(size: int) -> str:
    env = envelope()
    env["content"]["padding"] = ""
    env["content"]["padding"] = "x" * (size - len(dumps(env)))
    text = dumps(env)
    assert len(text) == size
    return text


def test_message_size_limits(stack):
    at_limit, over, huge = sized(128_000), sized(128_001), sized(131_073)

    async def go():
        async with await open_ws(stack, get_token(stack)) as ws:
            a = await exchange(ws, at_limit)
            b = await exchange(ws, over)
            c = await exchange(ws, dumps(envelope()))  # still open
        async with await open_ws(stack, get_token(stack)) as ws:
            await ws.send(huge)
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 20)
            return a, b, c, ws.close_code

    a, b, c, code = run(go())
    assert a["content"]["code"] == 0
    assert_reply(b, json.loads(over)["correlationId"], "error-reply", 104)
    assert c["content"]["code"] == 0
    assert code == 1009  # past 128 KiB (the message budget) the socket is closed: message too big
    assert stored(stack, json.loads(over)["correlationId"])[0] == 0


def test_garbage_binary_and_invalid_utf8(stack):
    async def go():
        token = get_token(stack)
        out = {}
        async with await open_ws(stack, token) as ws:
            for name, msg in [("text", "not json at all"), ("array", "[1, 2]"), ("nan", '{"a": NaN}'),
                              ("deep", "[" * 100_000), ("binary", b"\x00\x01\x02"),
                              ("binary-json", dumps(envelope()).encode())]:
                out[name] = await exchange(ws, msg)
            out["after"] = await exchange(ws, dumps(envelope()))
        async with await open_ws(stack, token) as ws:  # invalid UTF-8 in a text frame
            await ws.send(b'{"correlationId": "\xff\xfe"}', text=True)
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 20)
            out["utf8"] = ws.close_code
        async with await open_ws(stack, token) as ws:  # a frame with reserved bits and opcode
            ws.transport.write(b"\xf3\x85" + secrets.token_bytes(9))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 20)
            out["frame"] = ws.close_code
        async with await open_ws(stack, token) as ws:  # the server lives on
            out["later"] = await exchange(ws, dumps(envelope()))
        return out

    out = run(go())
    for name in ("text", "array", "nan", "deep", "binary", "binary-json"):
        assert_reply(out[name], "", "error-reply", 105)
    assert out["after"]["content"]["code"] == 0
    assert out["utf8"] == 1007 and out["frame"] == 1002
    assert out["later"]["content"]["code"] == 0
    assert "Traceback" not in stack.log_text() and "handler failed" not in stack.log_text()


def test_plain_http_on_the_websocket_path(stack, http):
    assert http.get(stack.url("/mts/v3/ws")).status_code == 401
    r = http.get(stack.url("/mts/v3/ws"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 426  # Upgrade Required
