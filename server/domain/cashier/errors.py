"""Cashier errors (rendered by each family that moves money: VIP Connect as
its decline codes, the back office as gRPC codes)."""

from __future__ import annotations

from server.domain.errors import Conflict, Declined, NotFound


class InsufficientFunds(Declined):
    """The movement would take the balance below zero."""

    reason = "INSUFFICIENT_FUNDS"

    def __init__(self, message: str = "The balance is too low for this debit.") -> None:
        super().__init__("INSUFFICIENT_FUNDS", message)


class BalanceCeiling(Declined):
    reason = "BALANCE_CEILING"

    def __init__(self, message: str) -> None:
        super().__init__("BALANCE_CEILING", message)


class NoWallet(NotFound):
    """No such player, or a player without a wallet."""

    reason = "NO_WALLET"


class KeyReused(Conflict):
    """The idempotency key (or VIP transaction id) was used for another movement."""

    reason = "KEY_REUSED"


class CurrencyMismatch(Declined):
    reason = "CURRENCY_MISMATCH"

    def __init__(self, message: str = "The wallet holds another currency.") -> None:
        super().__init__("CURRENCY_MISMATCH", message)
