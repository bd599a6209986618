"""VIP Connect's request checks: one ``Checker`` collects every failing
field at once, in the style of the seed's example
(``DateOfBirth: 'Date Of Birth' must not be empty.``)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from server.domain.errors import Violations
from server.domain.limits import VIP as MAX
from server.domain.naming import pascal
from server.domain.validation import blank, label

PRODUCT_TYPES = ("preferred", "online")
TRANSACTION_TYPES = {"deposit": "deposit", "withdraw": "withdraw", "0": "deposit", "1": "withdraw"}
ID_TYPES = ("DL", "ST", "MI", "PP")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_DIGITS = re.compile(r"^\d+$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STATE = re.compile(r"^[A-Za-z]{2}$")
ZIP = re.compile(r"^\d{5}(-?\d{4})?$")
TWO_PLACES = Decimal("0.01")
# The largest amount a session accepts (transactionAmount, walletBalance,
# remainingDailyDeposit): 11 significant digits, so every accepted amount is
# exact as the JSON number / double it travels as (15 significant digits).
AMOUNT_MAX = Decimal("999999999.99")


class Checker:
    """Field validators that add FluentValidation-style messages."""

    def __init__(self) -> None:
        self.v = Violations()

    def _add(self, json_name: str, code: str, rule: str) -> None:
        k = pascal(json_name)
        self.v.add(json_name, code, f"{k}: '{label(k)}' {rule}")

    def present(self, name: str, value) -> bool:
        if value is None or (isinstance(value, str) and blank(value)):
            self._add(name, "required", "must not be empty.")
            return False
        return True

    def text(self, name: str, value: str | None, lo: int = 1, hi: int | None = None, required: bool = True,
             upper: bool = False) -> str | None:
        """The trimmed text (in capitals when ``upper``: measured so, as it
        is stored) of ``lo`` to ``hi`` (default ``MAX[name]``) characters."""
        hi = MAX[name] if hi is None else hi
        if not required and blank(value):
            return ""
        if not self.present(name, value):
            return None
        t = value.strip()
        stored = t.upper() if upper else t
        if not lo <= len(stored) <= hi:
            how = " in capital letters" if len(stored) != len(t) else ""
            self._add(name, "length",
                      f"must be between {lo} and {hi} characters{how}. You entered {len(stored)} characters{how}.")
            return None
        return stored

    def digits(self, name: str, value: str | None, lo: int, hi: int | None = None) -> str | None:
        hi = lo if hi is None else hi
        if not self.present(name, value):
            return None
        t = value.strip()
        if not _DIGITS.match(t) or not lo <= len(t) <= hi:
            n = f"{lo}" if lo == hi else f"{lo} to {hi}"
            self._add(name, "format", f"must be {n} digits.")
            return None
        return t

    def pattern(self, name: str, value: str | None, rx: re.Pattern, what: str, hi: int | None = None) -> str | None:
        if not self.present(name, value):
            return None
        t = value.strip()
        if not rx.match(t):
            self._add(name, "format", f"must be {what}.")
            return None
        if hi is not None and len(t) > hi:
            self._add(name, "length", f"must be at most {hi} characters. You entered {len(t)} characters.")
            return None
        return t

    def dob(self, name: str, value: str | None, today: date) -> date | None:
        if not self.present(name, value):
            return None
        m = _DATE.match(value.strip())
        d = None
        if m:
            try:
                d = date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
            except ValueError:
                d = None
        if d is None:
            self._add(name, "format", "must be a valid date in the format MM/dd/yyyy.")
            return None
        if d >= today or d.year < 1900:
            self._add(name, "range", "must be a date in the past.")
            return None
        return d

    def amount(self, name: str, value: float | None) -> Decimal | None:
        if not self.present(name, value):
            return None
        d = Decimal(repr(float(value)))
        if not d.is_finite():
            self._add(name, "format", "must be a number.")
            return None
        if d < 0:
            self._add(name, "range", "must be greater than or equal to '0'.")
            return None
        if d > AMOUNT_MAX:
            self._add(name, "range", f"must be less than or equal to '{AMOUNT_MAX}'.")
            return None
        if d != d.quantize(TWO_PLACES):
            self._add(name, "scale", "must not have more than 2 decimal places.")
            return None
        return d.quantize(TWO_PLACES)

    def url(self, name: str, value: str | None) -> str | None:
        if not self.present(name, value):
            return None
        t = value.strip()
        try:
            u = urlsplit(t)
            ok = u.scheme in ("http", "https") and bool(u.hostname) and len(t) <= MAX[name] and " " not in t
        except ValueError:
            ok = False
        if not ok:
            self._add(name, "format", "must be an absolute http or https URL.")
            return None
        return t

    def choice(self, name: str, value: str | None, choices: tuple[str, ...], upper: bool = False) -> str | None:
        if not self.present(name, value):
            return None
        t = value.strip().upper() if upper else value.strip().lower()
        if t not in choices:
            self._add(name, "enum", f"must be one of: {', '.join(choices)}.")
            return None
        return t

    def transaction_type(self, name: str, value) -> str | None:
        """deposit | withdraw, or the samples' 0 | 1 (number or string)."""
        if not self.present(name, value):
            return None
        if isinstance(value, bool):
            t = None
        elif isinstance(value, float):
            t = TRANSACTION_TYPES.get(str(int(value))) if value.is_integer() else None
        elif isinstance(value, str):
            t = TRANSACTION_TYPES.get(value.strip().lower())
        else:
            t = None
        if t is None:
            self._add(name, "enum", "must be one of: deposit, withdraw (or 0, 1).")
        return t

    def flag(self, name: str, value: bool | None) -> bool | None:
        if not self.present(name, value):
            return None
        return bool(value)

    def done(self) -> None:
        self.v.raise_if_any()
