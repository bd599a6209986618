"""Validation rules of player-gateway.md: passwords, emails, phones, names."""

from __future__ import annotations

import re
from datetime import date

from server.domain.errors import Violations
from server.domain.limits import GATEWAY as MAX
from server.domain.naming import snake

PASSWORD_MIN = 8
PASSWORD_MAX = 15
PASSWORD_MIN_DISTINCT = 4
PASSWORD_MAX_RUN = 2  # at most two identical characters in a row
EMAIL_MAX = 100
TEST_PLAYER_PREFIX = "qqtst_"
# Custom fields (docs/gateway.md): per request and per player, of each kind.
CUSTOM_FIELDS_PER_REQUEST = 50
CUSTOM_FIELDS_PER_PLAYER = 100
# The earliest birth date taken (as VIP Connect's): a date of the calendar's
# first years is a placeholder, not a person's (docs/gateway.md).
BIRTH_MIN = date(1900, 1, 1)

_EMAIL_SYNTAX = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_EMAIL_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_PHONE = re.compile(r"^\d{1,4}-\d{4,14}$")
_LOGIN_NAME = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2})?$")
GENDERS = ("F", "M")
REALITY_CHECK_PERIODS = {"15_min": 15, "30_min": 30, "60_min": 60, "no_limit": None}


def password_violations(v: Violations, password: str, user_name: str = "", email: str = "",
                        field: str = "password") -> None:
    """Every failing password rule, each as its own entry."""
    p = password or ""
    if len(p) < PASSWORD_MIN:
        v.add(field, "password_short", "The password is too short.")
    if len(p) > PASSWORD_MAX:
        v.add(field, "password_long", "Password cannot exceed 15 characters.")
    low = p.lower()
    if p and (low == (user_name or "").lower() or low == (email or "").lower()):
        v.add(field, "password_match_user_name", "Password must be different from the email and username.")
    if p and (len(set(p)) < PASSWORD_MIN_DISTINCT or re.search(r"(.)\1{%d,}" % PASSWORD_MAX_RUN, p)):
        v.add(field, "password_same_letters", "Password has too many repeating characters.")
    if p and not (re.search(r"[A-Za-z]", p) and re.search(r"\d", p)):
        v.add(field, "password_mix_characters", "The password must have a combination of letters and digits.")


def email_violations(v: Violations, email: str | None, fraud_domains: set[str], user_name: str = "",
                     exists: bool = False, field: str = "email") -> None:
    """The email rules; ``exists`` is whether another player of the brand has it."""
    e = (email or "").strip()
    if not e:
        v.add(field, "email_required", "An email address is required.")
        return
    if len(e) > EMAIL_MAX:
        v.add(field, "email_long", "Email too long.")
        return
    if not _EMAIL_SYNTAX.match(e):
        v.add(field, "email_syntax_error", "The email syntax is wrong. Format is aaa@bbb.ccc.")
        return
    local, _, domain = e.rpartition("@")
    labels = domain.split(".")
    if not _EMAIL_LOCAL.match(local) or not all(_EMAIL_LABEL.match(x) for x in labels) or not labels[-1].isalpha():
        v.add(field, "invalid_email", "Email entered is invalid.")
        return
    if not (user_name or "").lower().startswith(TEST_PLAYER_PREFIX) and domain.lower() in fraud_domains:
        v.add(field, "email_fraud", "The mail domain is not accepted.")
    if exists:
        v.add(field, "email_already_exists", "Email already exists.")


def too_long(v: Violations, key: str, value: str | None) -> None:
    """``<key>_long`` when ``value`` has more than ``MAX[key]`` characters."""
    if value is not None and len(value) > MAX[key]:
        v.add(key, f"{snake(key)}_long", f"{key}: at most {MAX[key]} characters.")


def valid_phone(phone: str) -> bool:
    return bool(_PHONE.match(phone or ""))


def valid_login_name(name: str) -> bool:
    return bool(_LOGIN_NAME.match(name or ""))


def valid_country(code: str) -> bool:
    return bool(_COUNTRY.match(code or ""))


def valid_language(code: str) -> bool:
    return bool(_LANGUAGE.match(code or ""))


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
