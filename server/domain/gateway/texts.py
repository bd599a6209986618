"""Every text the player gateway writes for people: mail subjects and bodies,
the SMS, and the not-found answers. One module, so that wording and
translation are in one place (the documents' message-format tags are in
``messages.py``)."""

from __future__ import annotations

DETAILS_NOT_FOUND = "Player Personal Details not found"
EMAIL_NOT_FOUND = "Player Personal Email not found"


def sms_code(code: str, minutes: int) -> str:
    return f"Your verification code is {code}. It expires in {minutes} minutes."


def verification_subject(kind: str) -> str:
    return "Activate your account" if kind == "activation" else "Confirm your new email address"


def verification_body(user_name: str, link: str, h: str) -> str:
    return f"Hello {user_name},\n\nPlease confirm this address by opening:\n{link}\n\nhash: {h}\n"


def verification_link(link_base: str, brand_id: int, h: str) -> str:
    return f"{link_base}/gateway/admission/1.0/verify/email/{brand_id}?hash={h}"


EMAIL_CHANGED_SUBJECT = "Your email address is changing"
# The email update's comment when none is sent (the document's default).
DEFAULT_COMMENT = "player request"


def email_changed_body(user_name: str, email: str, comment: str | None) -> str:
    return (f"Hello {user_name},\n\nA change of your account's email address to {email} was requested"
            f" ({(comment or DEFAULT_COMMENT)[:100]}). It takes effect when the link sent to the new"
            " address is used. If you did not ask for this, contact support.\n")


PHONE_CHANGING_SUBJECT = "Your mobile number is changing"
PHONE_CHANGED_SUBJECT = "Your mobile number has changed"


def phone_changing_body(user_name: str, phone: str) -> str:
    return (f"Hello {user_name},\n\nA change of your account's mobile number to {phone} was requested."
            " It takes effect when the code sent by SMS to the new number is entered."
            " If you did not ask for this, contact support.\n")


def phone_changed_body(user_name: str, phone: str) -> str:
    return (f"Hello {user_name},\n\nYour account's mobile number was changed to {phone}."
            " If you did not ask for this, contact support.\n")


RESET_SUBJECT = "Reset your password"


def reset_body(user_name: str, link_base: str, brand_id: int, h: str, minutes: int) -> str:
    return (f"Hello {user_name},\n\nTo choose a new password, open:\n"
            f"{link_base}/reset-password?brand={brand_id}&hash={h}\n\n"
            f"hash: {h}\n\nThe link works once and expires in {minutes} minutes."
            " If you did not ask for it, ignore this mail.\n")


def time_played(hours: int, minutes: int) -> str:
    return f"{hours} hour{'s' if hours != 1 else ''} {minutes} minute{'s' if minutes != 1 else ''}"


DORMANCY_SUBJECT = "Your account will become dormant"


def dormancy_body(user_name: str, brand_name: str, on: str) -> str:
    return (f"Hello {user_name},\n\nYou have not logged in to {brand_name} for a long time. Unless you log in,"
            f" your account becomes dormant on {on}.\n\nYour balance stays yours: nothing is taken from a dormant"
            " account and no fee is charged. Logging in at any time makes the account active again.\n")
