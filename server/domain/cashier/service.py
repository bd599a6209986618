"""Wallet movements outside the game: one rule for the cashier and the back
office. A movement is unique per (source, source reference, key): a retry
answers the first booking (its ledger id and the balances it left), another
movement under the same key is refused. The key is held (``lock_key``) before
it is looked up, so calls with one key arriving together take turns.
Balances never go below zero or above the PAM's ceiling. Each movement
writes its balances, a ledger entry and its own row in the caller's
transaction, with the wallet locked as the aggregator's bookings lock it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from server.domain.cashier import errors as cashier_errors
from server.domain.cashier.model import Account, Movement, NewMovement, OwnWallet
from server.domain.cashier.ports import WalletMovements
from server.domain.ledger import MAX_AMOUNT, SIX
from server.domain.players import player_number


def _same(a: Movement, m: NewMovement) -> bool:
    return (a.player_id, a.kind, a.balance, a.amount) == (m.player_id, m.kind, m.balance, m.amount)


def move(store: WalletMovements, m: NewMovement) -> tuple[Movement, Account, bool]:
    """Book ``m``: (the movement, the balances after it, whether it was a
    replay of an earlier one)."""
    if m.amount <= 0 or m.amount != m.amount.quantize(SIX):
        raise ValueError("amount must be positive with at most six places")
    store.lock_key(m.source, m.source_ref, m.key)
    done = store.movement(m.source, m.source_ref, m.key)
    if done is not None:
        if not _same(done, m):
            raise cashier_errors.KeyReused("This key was already used for another movement.")
        return done, store.balances_after(done), True  # the first call's answer
    acc = store.account(m.player_id, lock=True)
    if acc is None:
        raise cashier_errors.NoWallet("No wallet for this player.")
    now_value = acc.get(m.balance)
    new_value = now_value + m.amount if m.credit else now_value - m.amount
    if new_value < 0:
        raise cashier_errors.InsufficientFunds()
    if new_value > MAX_AMOUNT:
        raise cashier_errors.BalanceCeiling(f"The balance would exceed {MAX_AMOUNT}.")
    after = acc.with_(m.balance, new_value.quantize(SIX))
    return store.book(m, acc, after), after, False


# ------------------------------------------------------------------ the cashier


def brand_player(store: WalletMovements, wallet: OwnWallet, patron_id: str | None) -> str | None:
    """The ID of the player of the operator's brand that ``patron_id`` spells
    exactly (``server.domain.players``); None: no such player."""
    n = player_number(patron_id)
    if n is None or store.gateway_player(wallet.brand_id, str(n)) is None:
        return None
    return str(n)


def own_wallet_player(store: WalletMovements, wallet: OwnWallet, patron_id: str, now: datetime | None = None,
                      open_missing: bool = False) -> Account:
    """The wallet of the operator's player ``patron_id`` (a player ID of the
    operator's brand, in its one spelling), in the operator's currency.
    ``open_missing``: a player of the brand without a wallet yet gets an
    empty one."""
    pid = patron_id if player_number(patron_id) is not None else ""
    player = store.gateway_player(wallet.brand_id, pid) if pid else None
    if player is None:
        raise cashier_errors.NoWallet("patronId is not a player of the operator's brand.")
    acc = store.account(pid)
    if acc is None:
        if not open_missing:
            return Account(pid, player[0], Decimal("0"), Decimal("0"), Decimal("0"))
        store.open_wallet(pid, player[0], player[1], now)  # type: ignore[arg-type]
        acc = store.account(pid)
    if acc.currency != wallet.currency:  # type: ignore[union-attr]
        raise cashier_errors.CurrencyMismatch()
    return acc  # type: ignore[return-value]


def settle(store: WalletMovements, operator_id: str, kind: str, transaction_id: str, patron_id: str,
           amount: Decimal, now: datetime) -> Movement | None:
    """A settled VIP deposit credits, an approved withdrawal debits, the cash
    of the player ``patron_id`` when the operator's wallet is this platform's
    (None: an external wallet; the notification flow is all there is)."""
    wallet = store.own_wallet(operator_id)
    if wallet is None:
        return None
    acc = own_wallet_player(store, wallet, patron_id, now, open_missing=True)
    m = NewMovement(player_id=acc.player_id, source="vip", source_ref=operator_id, key=transaction_id, kind=kind,
                    balance="cash", amount=amount.quantize(SIX), reason=f"VIP Connect {kind}",
                    actor=f"vip:{operator_id}", now=now)
    return move(store, m)[0]
