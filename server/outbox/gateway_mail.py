"""Delivery of the player gateway's outbox over SMTP (smtplib).

Messages are written to ``gateway_outbox`` in the same transaction as the
change that causes them. When ``PITBOSS_SMTP_HOST`` is set, a daemon thread of
the gRPC server delivers due mail every ``PITBOSS_SMTP_POLL_SECONDS``;
without it mail stays in the outbox (``pitboss mail`` shows it). SMS rows are
never delivered by SMTP (no SMS gateway is configured; ``pitboss mail`` shows
them too).

Retries (docs/gateway.md): a pass claims at most ``PITBOSS_SMTP_BATCH`` due
mails (several hosts never send one twice: ``server.storage.repositories.
outbox``) and sends them over one SMTP connection. A failed mail is due again
after ``PITBOSS_SMTP_RETRY_BACKOFF`` seconds, doubling up to
``PITBOSS_SMTP_RETRY_BACKOFF_MAX``; when the SMTP server cannot be reached,
every mail of the pass counts one failed attempt and the pass ends (no
connection attempt per mail). A mail still failing ``PITBOSS_SMTP_RETRY_MAX_AGE``
seconds after its first failure becomes a dead letter: counted in
``pitboss_outbox_dead_letters{outbox="mail"}`` (the alert), listed and
re-driven through the back office.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage

from server.observability import metrics
from server.outbox.worker import PollingWorker, give_up, owner_id, retry_delay
from server.domain.records import events
from server.storage.repositories.events import EventRepository
from server.storage.repositories.outbox import MAIL, OutboxRepository
from server.security import Vault

log = logging.getLogger("pitboss.mail")
OUTBOX = "mail"
# Errors of the connection, not of one message: the rest of the pass fails too.
_DOWN = (OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected, smtplib.SMTPHeloError)


def send_pending(app, owner: str | None = None) -> int:
    """One pass: claim, send and record up to ``smtp_batch`` due mails;
    returns how many were delivered."""
    s, db = app.settings, app.db
    owner = owner or owner_id()
    now = app.clock.now()
    lease = now + timedelta(seconds=s.smtp_batch * (s.smtp_timeout + 1) + 30)
    with db.session() as session:
        ids = OutboxRepository(session).mail_due(now, s.smtp_batch)
    if not ids:
        return 0
    with db.session(write=True) as session:
        held = OutboxRepository(session).claim(MAIL, ids, owner, now, lease)
    if not held:
        return 0
    with db.session() as session:
        rows = list(session.execute(MAIL.select().where(MAIL.c.id.in_(held), MAIL.c.claimed_by == owner)
                                    .order_by(MAIL.c.id)).mappings())
    sent = 0
    try:
        smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
    except Exception as exc:  # noqa: BLE001 - the server is down: every mail of the pass failed once
        for row in rows:
            _record(app, owner, row, type(exc).__name__)
        return 0
    try:
        for n, row in enumerate(rows):
            error = ""
            try:
                smtp.send_message(_message(app.settings.smtp_sender, app.vault, row))
            except _DOWN as exc:
                for rest in rows[n:]:
                    _record(app, owner, rest, type(exc).__name__)
                break
            except Exception as exc:  # noqa: BLE001 - this mail failed (refused recipient, bad data, ...)
                error = type(exc).__name__
            _record(app, owner, row, error)
            sent += not error
    finally:
        try:
            smtp.quit()
        except Exception:  # noqa: BLE001 - the connection may already be gone
            pass
    return sent


def _message(sender: str, vault: Vault, row) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = row["recipient"]
    msg["Subject"] = row["subject"]
    msg["Message-ID"] = f"<outbox-{row['id']}@pitboss.local>"
    msg.set_content(vault.decrypt(row["body_enc"]))
    return msg


def _record(app, owner: str, row, error: str) -> None:
    """The outcome of one attempt; never raises (the claim lapses with its lease)."""
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
            held = OutboxRepository(session).record(MAIL, row["id"], owner, **values)
            if held and dead:  # the event commits with the dead letter, once
                events.dead_letter(EventRepository(session), now, "mail", row["id"], attempts, row["kind"],
                                   row["brand_id"])
    except Exception as exc:  # noqa: BLE001
        log.warning("mail outcome not recorded", extra={"fields": {"outbox_id": row["id"], "error": type(exc).__name__}})
        return
    metrics.outbox_attempt(OUTBOX, not error, attempts)
    if dead:
        metrics.outbox_dead_lettered(OUTBOX)
        log.warning("mail dead-lettered", extra={"fields": {"outbox_id": row["id"], "error": error}})
    elif error:
        log.warning("mail not delivered", extra={"fields": {"outbox_id": row["id"], "error": error}})


class MailDispatcher(PollingWorker):
    """Delivers the gateway's mail outbox when an SMTP server is configured."""

    name = "mail"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.owner = owner_id()

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.smtp_poll_seconds

    def enabled(self) -> bool:
        return bool(self.app.settings.smtp_host)

    def run_once(self) -> int:
        return send_pending(self.app, self.owner)
