"""Delivery of VIP Connect operator notifications from the outbox table.

A background thread of the server polls ``vip_outbox`` for due rows and POSTs
each JSON body to its URL with ``Authorization: Bearer <JWT>``: HS256 with the
operator's key 1, claims ``iss`` = "vip-api", ``aud`` = the operator id,
``iat``, ``exp`` (+5 minutes), ``jti`` = the notification id and
``body_sha256`` = hex SHA-256 of the exact body bytes. Only an HTTP 200 counts
as delivered; anything else (or no answer) is retried with exponential backoff
(``vip_notify_backoff`` doubling up to ``vip_notify_backoff_max``). Rows
survive a restart: delivery picks up where it stopped. Delivery is at least
once; receivers de-duplicate by ``jti``. Redirects are never followed: the
signed request would carry the operator JWT to another address, so a 3xx
counts as a failed attempt like any other non-200.
"""

from __future__ import annotations

import hashlib
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

import jwt

from server.domain.vip.auth import key_bytes
from server.storage.models import VipOutbox
from server.storage.repositories.vip import VipRepository
from server.storage.types import utcnow
from server.outbox.worker import PollingWorker

log = logging.getLogger("pitboss.vip.notify")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's signature
        return None  # urllib then raises HTTPError with the 3xx status


_OPENER = urllib.request.build_opener(_NoRedirect)


def sign(key: str, operator_id: str, notification_id: int, body: bytes, lifetime: int = 300) -> str:
    now = int(time.time())
    claims = {
        "iss": "vip-api", "aud": operator_id, "iat": now, "nbf": now, "exp": now + lifetime,
        "jti": str(notification_id), "body_sha256": hashlib.sha256(body).hexdigest(),
    }
    return jwt.encode(claims, key_bytes(key), algorithm="HS256")


class VipNotifier(PollingWorker):
    """Delivers due operator notifications from the outbox."""

    name = "vip-notifier"

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.vip_notify_poll

    def run_once(self) -> int:
        return self.deliver_due()

    def deliver_due(self) -> int:
        st = self.app.settings
        with self.app.db.session() as s:
            repo = VipRepository(s, self.app.vault)
            due = [(n.id, n.operator_id, n.url, n.payload, n.attempts, repo.operator_keys(repo.operator(n.operator_id))[0])
                   for n in repo.due_notifications(utcnow())]
        for nid, op_id, url, payload, attempts, key in due:
            if self._stop.is_set():
                break
            body = payload.encode()
            status = None
            try:
                req = urllib.request.Request(url, data=body, method="POST", headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {sign(key, op_id, nid, body)}",
                })
                with _OPENER.open(req, timeout=st.vip_notify_timeout) as r:
                    status = r.status
            except urllib.error.HTTPError as e:
                status = e.code
            except (urllib.error.URLError, OSError, ValueError):
                status = None
            now = utcnow()
            with self.app.db.session(write=True) as s:
                n = s.get(VipOutbox, nid)
                n.attempts = attempts + 1
                n.last_status = status
                if status == 200:
                    n.delivered_at = now
                else:
                    delay = min(st.vip_notify_backoff * (2 ** attempts), st.vip_notify_backoff_max)
                    n.next_attempt_at = now + timedelta(seconds=delay)
                s.add(n)
            log.info("notification", extra={"fields": {"id": nid, "operator": op_id, "status": status or "no answer",
                                                        "attempt": attempts + 1}})
        return len(due)
