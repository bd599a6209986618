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
