"""Delivery of the player gateway's outbox over SMTP (smtplib).

Messages are written to ``gateway_outbox`` in the same transaction as the
change that causes them. When ``PITBOSS_SMTP_HOST`` is set, a daemon thread of
the gRPC server delivers unsent mail every ``PITBOSS_SMTP_POLL_SECONDS``;
without it mail stays in the outbox (``pitboss mail`` shows it). SMS rows are
never delivered by SMTP (no SMS gateway is configured; ``pitboss mail`` shows
them too).
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from server.storage.models import GatewayOutbox
from server.storage.repositories.gateway import GatewayRepository
from server.storage.types import utcnow
from server.outbox.worker import PollingWorker

log = logging.getLogger("pitboss.mail")


def send_pending(app, limit: int = 20) -> int:
    """Deliver up to ``limit`` unsent mails; returns how many were sent."""
    s = app.settings
    with app.db.session() as session:
        repo = GatewayRepository(session, app.vault)
        batch = [(r.id, r.recipient, r.subject, repo.body(r)) for r in repo.unsent_mail(limit)]
    sent = 0
    for row_id, to, subject, body in batch:
        msg = EmailMessage()
        msg["From"] = s.smtp_sender
        msg["To"] = to
        msg["Subject"] = subject
        msg["Message-ID"] = f"<outbox-{row_id}@pitboss.local>"
        msg.set_content(body)
        error = ""
        try:
            with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=10) as smtp:
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            error = type(exc).__name__
        with app.db.session(write=True) as session:
            row = session.get(GatewayOutbox, row_id)
            if row is None or row.sent_at is not None:
                continue
            if error:
                row.attempts += 1
                row.last_error = error
            else:
                row.sent_at = utcnow()
                sent += 1
            session.add(row)
        if error:
            log.warning("mail not delivered", extra={"fields": {"outbox_id": row_id, "error": error}})
    return sent


class MailDispatcher(PollingWorker):
    """Delivers the gateway's mail outbox when an SMTP server is configured."""

    name = "mail"

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.smtp_poll_seconds

    def enabled(self) -> bool:
        return bool(self.app.settings.smtp_host)

    def run_once(self) -> int:
        return send_pending(self.app)
