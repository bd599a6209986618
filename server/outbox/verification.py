"""Delivery of identity verification requests to the brand's vendor
(docs/compliance.md, "Licence gates").

Registration step two writes the request into ``gateway_outbox`` (channel
``http``, kind ``verification``, the recipient the brand's vendor URL, the
body encrypted) in its own transaction; this worker POSTs it, signed with
the brand's vendor secret (hex HMAC-SHA256 of the body in
``x-verification-signature``), every ``PITBOSS_VERIFICATION_POLL_SECONDS``.
A 2xx answer delivers it. Claims, retries (the mail outbox's backoff
settings) and dead letters are the mail outbox's: a request given up is a
dead letter of the ``mail`` outbox, listed and re-driven by the back office.
The vendor answers later through the signed callback.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from datetime import timedelta

from server.domain import identity
from server.observability import metrics
from server.outbox.worker import PollingWorker, give_up, owner_id, retry_delay
from server.storage.models import GatewayBrand
from server.storage.repositories.outbox import MAIL, OutboxRepository

log = logging.getLogger("pitboss.verification")
OUTBOX = "mail"
BATCH = 20


def send_pending(app, owner: str) -> int:
    """One pass: claim, send and record up to BATCH due requests."""
    s, db = app.settings, app.db
    now = app.clock.now()
    with db.session() as session:
        ids = OutboxRepository(session).http_due(now, BATCH)
    if not ids:
        return 0
    lease = now + timedelta(seconds=BATCH * (s.verification_timeout + 1) + 30)
    with db.session(write=True) as session:
        held = OutboxRepository(session).claim(MAIL, ids, owner, now, lease)
    if not held:
        return 0
    with db.session() as session:
        rows = list(session.execute(MAIL.select().where(MAIL.c.id.in_(held), MAIL.c.claimed_by == owner)
                                    .order_by(MAIL.c.id)).mappings())
        secrets = {}
        for brand_id in {r["brand_id"] for r in rows}:
            b = session.get(GatewayBrand, brand_id)
            secrets[brand_id] = app.vault.decrypt(b.verification_secret_enc) if b and b.verification_secret_enc else ""
    sent = 0
    for row in rows:
        error = _send(app, row, secrets.get(row["brand_id"], ""))
        _record(app, owner, row, error)
        sent += not error
    return sent


def _send(app, row, secret: str) -> str:
    """"" when the vendor took it, else what failed (a type, never a value)."""
    if not secret:
        return "NoSecret"
    body = app.vault.decrypt(row["body_enc"]).encode()
    req = urllib.request.Request(row["recipient"], data=body, method="POST", headers={
        "content-type": "application/json", identity.SIGNATURE_HEADER: identity.sign(secret, body)})
    try:
        with urllib.request.urlopen(req, timeout=app.settings.verification_timeout) as r:
            return "" if 200 <= r.status < 300 else f"HTTP{r.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP{exc.code}"
    except Exception as exc:  # noqa: BLE001 - unreachable, timed out, refused: this attempt failed
        return type(exc).__name__


def _record(app, owner: str, row, error: str) -> None:
    s, now = app.settings, app.clock.now()
    attempts = row["attempts"] + 1
    values: dict = {"attempts": attempts, "last_error": error[:256]}
    dead = False
    if not error:
        values["sent_at"] = now
    else:
        since = row["failing_since"] or now
        values["failing_since"] = since
        dead = give_up(attempts, since, now, None, s.smtp_retry_max_age)
        if dead:
            values["dead_at"] = now
        else:
            values["next_attempt_at"] = now + retry_delay(attempts, s.smtp_retry_backoff, s.smtp_retry_backoff_max)
    try:
        with app.db.session(write=True) as session:
            OutboxRepository(session).record(MAIL, row["id"], owner, **values)
    except Exception as exc:  # noqa: BLE001
        log.warning("verification outcome not recorded", extra={"fields": {"outbox_id": row["id"],
                                                                            "error": type(exc).__name__}})
        return
    metrics.outbox_attempt(OUTBOX, not error, attempts)
    if dead:
        metrics.outbox_dead_lettered(OUTBOX)
    if error:
        log.warning("verification request not delivered", extra={"fields": {"outbox_id": row["id"], "error": error}})


class VerificationDispatcher(PollingWorker):
    """Sends the gateway's identity verification requests to the vendors."""

    name = "verification"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.owner = owner_id()

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.verification_poll_seconds

    def run_once(self) -> int:
        return send_pending(self.app, self.owner)
