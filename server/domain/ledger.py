"""What every wallet of the platform shares: money's precision, the largest
amount a balance holds, and the PAM's transaction types, which the cashier,
the game figures and the back office read from the same ledger."""

from __future__ import annotations

from decimal import Decimal

SIX = Decimal("0.000001")
ZERO = Decimal("0.000000")
# The largest amount (and balance) the PAM accepts: 15 significant digits,
# the most a JSON number (an IEEE double) carries exactly (docs/pam.md).
MAX_AMOUNT = Decimal("999999999.999999")
TYPES = ("DEPOSIT", "WITHDRAW", "CANCEL", "PROMODEPOSIT", "PROMOWITHDRAW", "PROMOCANCEL")
WITHDRAWS = ("WITHDRAW", "PROMOWITHDRAW")
DEPOSITS = ("DEPOSIT", "PROMODEPOSIT")
CANCELS = ("CANCEL", "PROMOCANCEL")


# Money as text: every answer and record that writes an amount as a string
# uses one of these (no exponent, ever).
def money_text(d: Decimal) -> str:
    """Six places: ``"12.500000"`` (the back office)."""
    return f"{d.quantize(SIX):f}"


def plain_text(d: Decimal) -> str:
    """The amount as it is, without an exponent: ``"12.50"``."""
    return format(d, "f")


def shortest_text(d: Decimal) -> str:
    """The fewest places that keep the value: ``"12.5"``, ``"100"``."""
    return format(d.normalize(), "f")


def two_to_six_text(d: Decimal) -> str:
    """Two to six places: ``"3.00"``, ``"0.125"`` (MTS reports)."""
    q = d.quantize(SIX).normalize()
    if int(q.as_tuple().exponent) > -2:
        q = q.quantize(Decimal("0.01"))
    return format(q, "f")


def average_deposit(total: Decimal, count: int) -> Decimal:
    """The average of ``count`` deposits that add up to ``total``, to the
    cent; 0 when there are none."""
    return (total / count).quantize(Decimal("0.01")) if count else Decimal("0")
