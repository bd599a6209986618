"""The player gateway's online status with the cashier's real figures: once
the platform's own wallet has seen a VIP Connect deposit or withdrawal for a
player (or one is waiting for approval), deposit_count, depositsAmount,
average_deposit, last_deposit, last_deposit_amount, total_withdrawals and
pending_withdrawal come from the cashier; before that, the account's own
figures stay (docs/gateway.md)."""

from __future__ import annotations

import dataclasses
from typing import Any

from server.domain.cashier.model import CashierFigures
from server.domain.ledger import average_deposit
from server.domain.timestamps import stamp


def with_cashier(view: Any, f: CashierFigures) -> Any:
    """``view`` (a StatusView) with the cashier's figures, when it has any."""
    if not (f.deposit_count or f.total_withdrawals or f.pending_withdrawal):
        return view
    avg = average_deposit(f.deposits_amount, f.deposit_count)
    last = stamp(f.last_deposit_at)
    return dataclasses.replace(
        view, deposit_count=f.deposit_count, deposits_amount=f.deposits_amount, average_deposit=avg,
        last_deposit=last or view.last_deposit,
        last_deposit_amount=f.last_deposit_amount if f.last_deposit_at is not None else view.last_deposit_amount,
        total_withdrawals=f.total_withdrawals, pending_withdrawal=f.pending_withdrawal,
    )
