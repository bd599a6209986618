"""Email addresses: the verification mail, changing the address, resending
the activation, following the mailed link."""

from __future__ import annotations

from datetime import timedelta

from server.domain.errors import NotFound, Violations
from server.domain.gateway import errors as G
from server.domain.gateway import rules, texts
from server.domain.gateway.base import Caller, Gateway, contact_proof, fraud_domains
from server.domain.gateway.passwords import link
from server.security import hash_token, new_token
from server.domain.gateway.ports import Brand, Link, Player
from server.domain.records import events


def mail_verification(gw: Gateway, p: Player, email: str, kind: str) -> None:
    h = new_token(32)
    gw.repo.add(Link(
        hash_sha256=hash_token(h), purpose="verify_email", player_id=p.id, brand_id=p.brand_id, email=email,
        created_at=gw.now, expires_at=gw.now + timedelta(hours=gw.cfg.gateway_verify_hours),
    ))
    url = texts.verification_link(gw.cfg.gateway_link_base, p.brand_id, h)
    gw.repo.queue(p.brand_id, p.id, "email", kind, email, texts.verification_subject(kind),
                  texts.verification_body(p.user_name, url, h))


def update_email(gw: Gateway, c: Caller, email: str, comment: str | None, password_ok: bool | None = None) -> None:
    p = c.player
    d = gw.repo.details(p.id)
    if d is None:
        raise NotFound(texts.EMAIL_NOT_FOUND)
    email = (email or "").strip()
    v = Violations()
    same = email.lower() == p.email_key
    taken = bool(email) and not same and gw.repo.email_taken(p.brand_id, email, except_player=p.id)
    rules.email_violations(v, email, fraud_domains(c.brand), p.user_name, exists=taken)
    if not same and not v.items:
        contact_proof(v, c.brand, password_ok, "changing the email address")
    v.raise_if_any()
    if same:
        return
    # The document: "Comment to insert during update, if not set, default is:
    # player request."
    comment = (comment or "").strip() or texts.DEFAULT_COMMENT
    d.last_comment = comment[:256]
    gw.repo.add(d)
    p.pending_email = email
    gw.repo.add(p)
    gw.repo.expire_links(p.id, "verify_email", gw.now)
    mail_verification(gw, p, email, "verify_email")
    gw.repo.queue(p.brand_id, p.id, "email", "email_changed", p.email, texts.EMAIL_CHANGED_SUBJECT,
                  texts.email_changed_body(p.user_name, email, comment))
    events.personal_data_event(gw.uow.events, gw.now, str(p.id), p.brand_id, ["pending_email", "last_comment"],
                               "email_update")


def resend_activation(gw: Gateway, c: Caller) -> None:
    p = c.player
    if p.email_verified:
        return
    gw.repo.expire_links(p.id, "verify_email", gw.now)
    mail_verification(gw, p, p.email, "activation")
    if p.pending_email:
        p.pending_email = None
        gw.repo.add(p)


def verify_email(gw: Gateway, brand: Brand, h: str) -> None:
    found = link(gw, brand, h, "verify_email")
    p = gw.repo.player(found.player_id, lock=True)
    found.used_at = gw.now
    gw.repo.add(found)
    if found.email.lower() == p.email_key:
        p.email_verified = True
    elif p.pending_email and found.email.lower() == p.pending_email.lower():
        if gw.repo.player_by_email(brand.id, found.email) is not None:
            raise G.MessageFailure("general_failure")
        p.email, p.email_key, p.pending_email, p.email_verified = found.email, found.email.lower(), None, True
        events.personal_data_event(gw.uow.events, gw.now, str(p.id), p.brand_id, ["email"], "email_verified")
    else:
        raise G.MessageFailure("general_failure")
    gw.repo.add(p)
