"""Field checks of a casino-sessions-inform envelope: presence, JSON type,
and the value rules (docs/mts.md, "Mandatory fields"). Each failed check
records one violation with its MTS code and returns ``MISSING``.

The input is a JSON object as parsed: through the HTTP binding numbers are
floats (a protobuf Struct), through the WebSocket binding ints or floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from server.domain import errors as domain_errors
from server.domain.limits import MTS_ID as ID_MAX
from server.domain.mts import errors as mts_errors

# The lists of a report are capped (docs/mts.md; more: -107 out of range,
# nothing else of the list is read): sessions per report, and the stake,
# spins and payout lines of a session and the context's rates.
MAX_SESSIONS = 1000
MAX_LINES = 100
AMOUNT_INT_DIGITS = 12
AMOUNT_PLACES = 6
# Unix ms up to 9999-12-31T23:59:59.999Z.
DATE_MAX_MS = 253402300799999
_SIX_PLACES = Decimal(1).scaleb(-AMOUNT_PLACES)
_AMOUNT_LIMIT = Decimal(10) ** AMOUNT_INT_DIGITS
# Plain decimal text, as the vendor's SDKs write decimals: "10.50", "1.0", "7".
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")

MISSING: Any = object()


def ok(*values: object) -> bool:
    return all(v is not MISSING for v in values)


@dataclass
class Checker:
    """Collects the violations (the shared ``Violations``, as every family);
    MTS answers the first one (document order) as the reply's code."""

    v: domain_errors.Violations = field(default_factory=domain_errors.Violations)

    @property
    def violations(self) -> list[domain_errors.FieldViolation]:
        return self.v.items

    def add(self, code: int, path: str, message: str) -> None:
        self.v.add(path, str(code), message)

    # -- presence and JSON type
    def value(self, obj: dict[str, Any], key: str, path: str, kind: str, mandatory: bool) -> Any:
        """The value of ``key`` when present and of JSON type ``kind``
        (string, integer, object, array); ``MISSING`` otherwise (the
        violation recorded)."""
        raw = obj.get(key, None) if isinstance(obj, dict) else None
        if raw is None or (kind == "string" and raw == ""):
            if mandatory:
                self.add(mts_errors.MISSING, path, f"The following mandatory field is missing: {path}")
            return MISSING
        ok_type = {
            "string": isinstance(raw, str),
            "integer": isinstance(raw, (int, float)) and not isinstance(raw, bool),
            "object": isinstance(raw, dict),
            "array": isinstance(raw, list),
        }[kind]
        if not ok_type:
            code = mts_errors.MANDATORY_WRONG_TYPE if mandatory else mts_errors.OPTIONAL_WRONG_TYPE
            self.add(code, path, f"Invalid value in field {path} is not of expected type {kind}")
            return MISSING
        if kind == "integer":
            if isinstance(raw, float) and not raw.is_integer():
                self.add(mts_errors.INVALID_NUMBER, path, f"Invalid numeric type for field {path}, expected an integer")
                return MISSING
            return int(raw)
        return raw

    def text(self, obj: dict[str, Any], key: str, path: str, mandatory: bool = True, max_len: int = ID_MAX,
             length_code: int = mts_errors.OUT_OF_RANGE) -> str | Any:
        v = self.value(obj, key, path, "string", mandatory)
        if v is MISSING:
            return v
        if len(v) > max_len:
            self.add(length_code, path, f"Invalid value in field {path}, length exceeds maximum allowed length {max_len}")
            return MISSING
        if "\x00" in v:  # (no text means anything with it, and PostgreSQL cannot store it)
            self.add(mts_errors.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range (a NUL character)")
            return MISSING
        return v

    def enum(self, obj: dict[str, Any], key: str, path: str, allowed: tuple[str, ...], mandatory: bool = True,
             code: int = mts_errors.OUT_OF_RANGE) -> str | Any:
        v = self.value(obj, key, path, "string", mandatory)
        if v is MISSING:
            return v
        if v not in allowed:
            self.add(code, path, f"Value in field {path} is out of allowed range [{', '.join(allowed)}]")
            return MISSING
        return v

    def decimal_text(self, v: str, path: str) -> Decimal | Any:
        if not _DECIMAL.match(v):
            self.add(mts_errors.INVALID_NUMBER, path, f"Invalid number in field {path}, expected a decimal string")
            return MISSING
        try:
            return Decimal(v)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            self.add(mts_errors.INVALID_NUMBER, path, f"Invalid number in field {path}, expected a decimal string")
            return MISSING

    def amount(self, obj: dict[str, Any], key: str, path: str, positive: bool = False) -> Decimal | Any:
        """A decimal string, exact at six places ("1.50000000" is 1.5), >= 0
        (> 0 when ``positive``), below 10^12."""
        v = self.value(obj, key, path, "string", True)
        if v is MISSING:
            return v
        d = self.decimal_text(v, path)
        if d is MISSING:
            return d
        if abs(d) < _AMOUNT_LIMIT and d != d.quantize(_SIX_PLACES, rounding=ROUND_DOWN):
            self.add(mts_errors.INVALID_NUMBER, path, f"Invalid number in field {path}, at most {AMOUNT_PLACES} decimal places")
            return MISSING
        if d < 0 or (positive and d == 0) or d >= _AMOUNT_LIMIT:
            self.add(mts_errors.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range")
            return MISSING
        # Trailing zeros past six places ("1.50000000") are dropped to six.
        return d.quantize(_SIX_PLACES) if int(d.as_tuple().exponent) < -AMOUNT_PLACES else d

    def confidence(self, obj: dict[str, Any], key: str, path: str) -> Decimal | Any:
        """Optional decimal >= 0: a decimal string (the vendor's SDKs, e.g.
        "1.0") or a JSON number (as the HTTP binding always accepted)."""
        raw = obj.get(key) if isinstance(obj, dict) else None
        if raw is None:
            return MISSING
        if isinstance(raw, str) and raw != "":
            d = self.decimal_text(raw, path)
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
            d = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
            if not d.is_finite():
                self.add(mts_errors.INVALID_NUMBER, path, f"Invalid number in field {path}, expected a decimal")
                return MISSING
        else:
            self.add(mts_errors.OPTIONAL_WRONG_TYPE, path, f"Invalid value in field {path} is not of expected type decimal")
            return MISSING
        if d is not MISSING and d < 0:
            self.add(mts_errors.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range")
            return MISSING
        return d

    def currency(self, obj: dict[str, Any], key: str, path: str) -> str | Any:
        v = self.value(obj, key, path, "string", True)
        if v is MISSING:
            return v
        if not _CURRENCY.match(v):
            self.add(mts_errors.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range (ISO 4217 code)")
            return MISSING
        return v

    def date_ms(self, obj: dict[str, Any], key: str, path: str) -> int | Any:
        raw = obj.get(key) if isinstance(obj, dict) else None
        if isinstance(raw, float) and not raw.is_integer():
            self.add(mts_errors.INVALID_DATE, path, f"Invalid date format for field {path}, expected Unix time in milliseconds")
            return MISSING
        v = self.value(obj, key, path, "integer", True)
        if v is MISSING:
            return v
        if not 1 <= v <= DATE_MAX_MS:
            self.add(mts_errors.INVALID_DATE, path, f"Invalid date format for field {path}, expected Unix time in milliseconds")
            return MISSING
        return v

    def count(self, obj: dict[str, Any], key: str, path: str, mandatory: bool = True) -> int | Any:
        v = self.value(obj, key, path, "integer", mandatory)
        if v is MISSING:
            return v
        if v < 0 or v > 2**31 - 1:
            self.add(mts_errors.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range")
            return MISSING
        return v

    def location(self, obj: dict[str, Any], key: str, path: str) -> None:
        """Optional: a geo location object {"type": "geo", "latitude",
        "longitude"} (the vendor's SDKs) or a text of at most 128 characters."""
        raw = obj.get(key) if isinstance(obj, dict) else None
        if raw is None or isinstance(raw, str):
            self.text(obj, key, path, mandatory=False)
            return
        if not isinstance(raw, dict):
            self.add(mts_errors.OPTIONAL_WRONG_TYPE, path, f"Invalid value in field {path} is not of expected type object")
            return
        self.enum(raw, "type", f"{path}.type", ("geo",))
        for name, limit in (("latitude", 90), ("longitude", 180)):
            p = f"{path}.{name}"
            v = raw.get(name)
            if v is None:
                self.add(mts_errors.MISSING, p, f"The following mandatory field is missing: {p}")
            elif not isinstance(v, (int, float)) or isinstance(v, bool):
                self.add(mts_errors.MANDATORY_WRONG_TYPE, p, f"Invalid value in field {p} is not of expected type number")
            elif not -limit <= v <= limit:
                self.add(mts_errors.OUT_OF_RANGE, p, f"Value in field {p} is out of allowed range [-{limit}, {limit}]")

    def too_many(self, path: str, max_items: int) -> None:
        self.add(mts_errors.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range (at most {max_items} items)")

    def objects(self, obj: dict[str, Any], key: str, path: str, non_empty: bool = False, max_items: int = MAX_LINES) -> list[Any]:
        v = self.value(obj, key, path, "array", True)
        if v is MISSING:
            return []
        if non_empty and not v:
            self.add(mts_errors.MISSING, path, f"The following mandatory field is missing: {path}")
        if len(v) > max_items:
            self.too_many(path, max_items)
            return []
        out = []
        for i, item in enumerate(v):
            p = f"{path}[{i}]"
            if not isinstance(item, dict):
                self.add(mts_errors.MANDATORY_WRONG_TYPE, p, f"Invalid value in field {p} is not of expected type object")
                out.append(MISSING)
            else:
                out.append(item)
        return out
