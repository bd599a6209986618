"""MTS access tokens on both backends: issued from hashed client
credentials, valid until they expire, expired ones cleared, and a WebSocket
message answered by the same intake as the HTTP binding."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from server.api.errors.mts import http_status
from server.api.mts_oauth import issue_token
from server.api.mts_ws import MessageHandler, authenticate
from server.api.unit import Units
from server.demo import load
from server.domain.clock import utcnow
from server.domain.mts.oauth import OAuthError
from server.storage.repositories.mts import MtsRepository
from tests.support.mts_helpers import envelope

pytestmark = pytest.mark.storage

FORM = {"grant_type": "client_credentials", "client_id": "mts-demo-client", "client_secret": "mts-demo-secret",
        "audience": "mbs-dp-non-prod-wss"}


@pytest.fixture
def app(db_url, app_factory):
    a = app_factory(db_url)
    load(a.db, a.vault)
    return a


def operator_of(app, token, now):
    with app.db.session() as s:
        op = MtsRepository(s).operator_by_token(token, now)
    return op.id if op else None


def test_tokens_authenticate_until_they_expire_and_expired_ones_are_cleared(app):
    store = Units(app.db, MtsRepository)
    now = utcnow()
    # A wrong secret stores nothing.
    with pytest.raises(OAuthError) as e:
        issue_token(store, dict(FORM, client_secret="nope"), None, 60, now)
    assert (e.value.error, http_status(e.value)) == ("invalid_client", 401)
    with app.db.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM mts_access_token")).scalar() == 0

    old = issue_token(store, dict(FORM), None, 10, now - timedelta(hours=1))
    grant = issue_token(store, dict(FORM), None, 60, now)
    assert grant.expires_in == 60 and grant.token_type == "Bearer"
    assert operator_of(app, grant.access_token, now + timedelta(seconds=59)) == 1
    assert operator_of(app, grant.access_token, now + timedelta(seconds=60)) is None
    assert operator_of(app, "mts-demo-token", now + timedelta(days=400)) == 1  # the operator's own token
    assert operator_of(app, "no-such-token", now) is None
    assert operator_of(app, old.access_token, now) is None
    # The expired token was deleted when the client got its next one.
    with app.db.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM mts_access_token")).scalar() == 1


def test_websocket_message_uses_the_intake_and_its_idempotency(app):
    grant = issue_token(Units(app.db, MtsRepository), dict(FORM), None, 60, utcnow())
    op = authenticate(app.db, f"Bearer {grant.access_token}")
    assert op == 1 and authenticate(app.db, "Bearer nope") is None and authenticate(app.db, None) is None
    handler = MessageHandler(app.db)
    env = envelope()
    first = handler.answer(json.dumps(env), op)
    again = handler.answer(json.dumps(env), op)
    assert first.text == again.text and json.loads(first.text)["content"]["code"] == 0
    bad = handler.answer(json.dumps(dict(env, correlationId="c2", timestampUtc="x")), op)
    assert json.loads(bad.text)["content"]["code"] == -101
    with app.db.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM mts_report")).scalar() == 1
