"""The money flow behind a patron session: the web component's view of a live
session, the patron's confirm / cancel, the operator's approval, settlement of
the patron's available limit, and the operator notifications (transactional
outbox: written in the same unit of work as the change they announce)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from server.domain.errors import Conflict, Declined, NotFound, Violations
from server.domain.protection import service as protection
from server.domain.vip.errors import VipDeclined
from server.domain.vip.sessions import player_of, protection_decline
from server.domain.vip.ports import Notification, Operator, PatronSession, Transaction, VipUnit


@dataclass(frozen=True)
class BankChoice:
    index: int
    masked_account_number: str
    bank_name: str


@dataclass(frozen=True)
class SdkView:
    session_id: str
    mode: str
    patron_name: str
    operator_name: str
    transaction_amount: Decimal
    transaction_id: str
    expires: datetime
    bank_accounts: list[BankChoice]


def live_session(uow: VipUnit, session_id: str, now: datetime, lock: bool = False) -> PatronSession:
    s = uow.patrons.session(session_id, lock=lock) if _uuid_like(session_id) else None
    if s is None or s.status != "open" or s.expires_at <= now:
        raise NotFound("Session not found or expired.")
    return s


def _uuid_like(v: str) -> bool:
    return len(v) == 36 and all(c in "0123456789abcdef-" for c in v.lower())


def sdk_view(uow: VipUnit, session_id: str, now: datetime) -> SdkView:
    s = live_session(uow, session_id, now)
    p = uow.patrons.patron(s.patron_id)
    op = uow.patrons.operator(s.operator_id)
    accounts = [BankChoice(a.position, a.account_number_mask, a.bank_name or "Bank account")
                for a in uow.patrons.bank_accounts(p.id)]
    name = " ".join(x for x in (p.first_name, p.last_name) if x)
    return SdkView(s.id, s.kind, name, op.name, s.transaction_amount, s.transaction_id, s.expires_at, accounts)


@dataclass(frozen=True)
class Redirect:
    url: str
    status: str


def _notify(uow: VipUnit, op: Operator, event: str, payload: dict, now: datetime) -> None:
    """Queue a notification in the current unit of work. Deposit and withdraw
    events go to NotifyDeposit / NotifyWithdraw; errors to NotifyError, falling
    back to NotifyDeposit. Nothing is queued when the operator has no URL."""
    url = {"deposit": op.notify_deposit_url, "withdraw": op.notify_withdraw_url,
           "error": op.notify_error_url or op.notify_deposit_url}[event]
    if not url:
        return
    uow.patrons.add(Notification(operator_id=op.id, event=event, url=url, payload=json.dumps(payload, separators=(",", ":")),
                         next_attempt_at=now, created_at=now))


def _payload(event: str, s: PatronSession, card: str, amount: Decimal, status: str, now: datetime, **extra) -> dict:
    body = {
        "eventType": event,
        "transactionId": s.transaction_id,
        "sessionId": s.id,
        "patronId": s.operator_patron_id,
        "vipCardNumber": card,
        "transactionType": s.kind,
        "amount": float(amount),
        "status": status,
        "timestamp": now.isoformat(timespec="seconds"),
    }
    body.update(extra)
    return body


def confirm(uow: VipUnit, session_id: str, bank_index: int, now: datetime) -> Redirect:
    s = live_session(uow, session_id, now, lock=True)
    op = uow.patrons.operator(s.operator_id)
    p = uow.patrons.patron(s.patron_id, lock=True)
    accounts = {a.position: a for a in uow.patrons.bank_accounts(p.id)}
    if bank_index not in accounts:
        v = Violations()
        v.add("bankAccountIndex", "choice", "BankAccountIndex: 'Bank Account Index' must name one of the patron's bank accounts.")
        v.raise_if_any()
    if s.kind == "managebanks":
        s.status = "confirmed"
        uow.patrons.add(s)
        return Redirect(s.return_url, "complete")
    if uow.patrons.transaction(s.operator_id, s.transaction_id) is not None:
        raise Conflict("this operator transaction id was already used")
    account = accounts[bank_index]
    if s.kind == "deposit":
        # Other confirmed deposits still waiting for approval count against
        # the limit (the patron row is locked, so confirms queue here).
        if p.product_type == "online":
            available = account.available_amount - uow.patrons.pending_deposits(p.id, account.id)
        else:
            available = p.available_amount - uow.patrons.pending_deposits(p.id)
        if s.transaction_amount > available:
            # The limit moved since the session opened: the transaction fails.
            s.status = "failed"
            uow.patrons.add(s)
            _notify(uow, op, "error", _payload("error", s, p.vip_card_number, s.transaction_amount, "failed", now,
                                                errorCode="112"), now)
            return Redirect(s.cancel_redirect_url, "failed")
        # Player protection (an own-wallet operator's player only): checked
        # again with the player's protections locked (a time-out, exclusion
        # or another deposit may have come since the session opened); the
        # deposit counts from now.
        player = player_of(uow, s.operator_id, s.operator_patron_id)
        code = protection_decline(uow, player, s.transaction_amount, lock=True)
        if code:
            s.status = "failed"
            uow.patrons.add(s)
            _notify(uow, op, "error", _payload("error", s, p.vip_card_number, s.transaction_amount, "failed", now,
                                                errorCode=code), now)
            return Redirect(s.cancel_redirect_url, "failed")
        if player is not None:
            protection.count_deposit(uow.protections, player, s.transaction_amount, uow.clock())
    t = Transaction(operator_id=op.id, transaction_id=s.transaction_id, session_id=s.id, patron_id=p.id,
                       bank_account_id=account.id, kind=s.kind, amount=s.transaction_amount, created_at=now)
    uow.patrons.add(t)
    s.status = "confirmed"
    uow.patrons.add(s)
    _notify(uow, op, s.kind, _payload(s.kind, s, p.vip_card_number, s.transaction_amount, "pending_approval", now), now)
    return Redirect(s.return_url, "pending_approval")


def cancel(uow: VipUnit, session_id: str, now: datetime) -> Redirect:
    s = live_session(uow, session_id, now, lock=True)
    s.status = "cancelled"
    uow.patrons.add(s)
    return Redirect(s.cancel_redirect_url or s.return_url, "cancelled")


def approve(uow: VipUnit, op: Operator, kind: str, transaction_id: str | None, approved: bool,
            now: datetime) -> Transaction:
    """The operator's decision. Approving settles: the patron's available limit
    moves (a deposit uses it, a withdrawal gives it back up to the limit) and
    lastTransaction / mostRecentTransactionAmount change. Repeating the same
    decision is answered again (idempotent); the opposite one is refused."""
    if not transaction_id or not transaction_id.strip():
        v = Violations()
        v.add("transactionId", "required", "TransactionId: 'Transaction Id' must not be empty.")
        v.raise_if_any()
    t = uow.patrons.transaction(op.id, transaction_id.strip(), lock=True)
    if t is None or t.kind != kind:
        raise NotFound("Transaction not found.")
    wanted = "settled" if approved else "rejected"
    if t.status == wanted:
        return t
    if t.status != "pending_approval":
        raise Declined("ALREADY_DECIDED", f"the transaction is already {t.status}")
    sess = uow.patrons.session(t.session_id) if t.session_id else None
    player = player_of(uow, op.id, sess.operator_patron_id) if sess is not None else None
    if approved:
        p = uow.patrons.patron(t.patron_id, lock=True)
        account = uow.patrons.bank_account(t.bank_account_id, lock=True) if t.bank_account_id else None
        if kind == "deposit" and player is not None and protection.settlement_refusal(
                uow.protections, player, uow.clock()) is not None:
            # A deposit confirmed before a time-out or self-exclusion is not
            # settled while it runs: the approval is refused with 120, nothing
            # moves, and the operator may reject it (docs/protection.md).
            # (Locked after the patron, as confirm locks them.)
            raise VipDeclined("120")
        sign = -1 if kind == "deposit" else 1
        online = p.product_type == "online" and account is not None
        if kind == "deposit" and t.amount > (account.available_amount if online else p.available_amount):
            # The limit moved below the deposit since it was confirmed: the
            # approval is refused (nothing changes; the operator may reject).
            raise VipDeclined("112")
        if online:
            account.available_amount = account.available_amount + sign * t.amount
            uow.patrons.add(account)
        else:
            cap = p.limit_amount if p.limit_amount > 0 else p.available_amount + t.amount
            p.available_amount = min(cap, p.available_amount + sign * t.amount)
        p.last_transaction_at = now
        p.most_recent_transaction_amount = t.amount
        uow.patrons.add(p)
        own_wallet_settlement(uow, op, t, now)
    if not approved and kind == "deposit" and player is not None:
        # A rejected deposit no longer counts against the player's deposit
        # limits (taken back from the hour it was counted in).
        shift = uow.clock() - now
        protection.count_deposit(uow.protections, player, -t.amount, t.created_at + shift)
    t.status = wanted
    t.decided_at = now
    uow.patrons.add(t)
    return t


def own_wallet_settlement(uow: VipUnit, op: Operator, t: Transaction, now: datetime) -> None:
    """An operator whose wallet is this platform's: the settled deposit
    credits, the approved withdrawal debits, the PAM cash of the player whose
    id is the session's patronId, in this unit of work (server.domain.cashier).
    A short balance declines the approval with 114, a patronId that is not a
    player of the operator's brand with 115 (nothing changes)."""
    from server.domain.cashier import errors as cashier_errors
    from server.domain.cashier.service import settle

    session = uow.patrons.session(t.session_id)
    try:
        settle(uow.cashier, op.id, t.kind, t.transaction_id, session.operator_patron_id, t.amount, now)
    except cashier_errors.InsufficientFunds:
        raise VipDeclined("114") from None
    except (cashier_errors.NoWallet, cashier_errors.CurrencyMismatch, cashier_errors.KeyReused, cashier_errors.BalanceCeiling):
        raise VipDeclined("115") from None
