"""VIP Connect's decline codes: one table, used by every VIP call.

The vendor's codes are 2, 3, 10, 13 and 99; codes from 100 up are Pitboss's
own and are listed in docs/vip.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.domain.errors import Declined, RateLimited
from server.domain.outcome import AnsweredDecline

SUPPORT = "1-800-500-1973"


@dataclass(frozen=True)
class VipErrorCode:
    code: str
    stage: str
    operator_message: str
    operator_decline_description: str
    patron_message: str


def _support(ref: str) -> str:
    return (
        "Sorry, unable to complete this request. Please contact CAMS at "
        f"{SUPPORT} for support using error code {ref}."
    )


VIP_ERROR_CODES: dict[str, VipErrorCode] = {
    e.code: e
    for e in [
        VipErrorCode("2", "VIP Enrollment", "Enrollment declined.",
                     "The enrollment request was declined.", _support("E-02")),
        VipErrorCode("3", "VIP Enrollment", "Enrollment requires a call to support.",
                     f"The enrollment could not be completed automatically. Please contact support at {SUPPORT} with reference code E-03.",
                     _support("E-03")),
        VipErrorCode("10", "VIP Enrollment", "Invalid phone number.",
                     "The mobile phone number supplied is invalid (E-10).", _support("E-10")),
        VipErrorCode("13", "VIP Account Inquiry", "Account closed.",
                     "The VIP account has been closed.", _support("E-13")),
        VipErrorCode("99", "VIP Account Inquiry", "Invalid Account.",
                     "This transaction has been requested from an account that has been closed. "
                     f"For further assistance please contact Pavilion Gaming Services customer support at {SUPPORT} with reference code E-99.",
                     _support("E-99")),
        # Pitboss's own codes (100 and up), documented in docs/vip.md.
        VipErrorCode("100", "VIP Account Inquiry", "Invalid VIP card number.",
                     "No VIP account holds this card number.", _support("E-100")),
        VipErrorCode("101", "VIP Cardholder Validation", "Date of birth does not match.",
                     "The date of birth does not match the VIP cardholder's. Repeated mismatches lock the card for a while.",
                     "Sorry, the details entered do not match our records. Please check them and try again."),
        VipErrorCode("102", "VIP Cardholder Validation", "Card temporarily locked.",
                     "Too many date-of-birth mismatches for this card; new sessions are declined until the lock expires.",
                     _support("E-102")),
        VipErrorCode("103", "VIP Account Inquiry", "Account not in good standing.",
                     "The VIP account is not in good standing.", _support("E-103")),
        VipErrorCode("104", "VIP Account Inquiry", "Product type mismatch.",
                     "The VIP card belongs to the other VIP product (Preferred / Online).", _support("E-104")),
        VipErrorCode("105", "VIP Session", "Duplicate transaction id.",
                     "A transaction with this transactionId was already confirmed; each transaction needs its own id.",
                     _support("E-105")),
        VipErrorCode("110", "VIP Transaction Limits", "Amount below the operator minimum.",
                     "The transaction amount is below the operator's minimum for this product and transaction type.",
                     "Sorry, the amount is below the minimum allowed. Please enter a larger amount."),
        VipErrorCode("111", "VIP Transaction Limits", "Amount above the operator maximum.",
                     "The transaction amount is above the operator's maximum for this product and transaction type.",
                     "Sorry, the amount is above the maximum allowed. Please enter a smaller amount."),
        VipErrorCode("112", "VIP Transaction Limits", "Amount above the patron's available limit.",
                     "The deposit amount is above the VIP patron's available limit.",
                     "Sorry, the amount is above your available VIP limit. Please enter a smaller amount."),
        VipErrorCode("113", "VIP Transaction Limits", "Amount above the remaining daily deposit.",
                     "The deposit amount is above the remainingDailyDeposit the operator sent.",
                     "Sorry, the amount is above your remaining daily deposit. Please enter a smaller amount."),
        VipErrorCode("114", "VIP Transaction Limits", "Amount above the wallet balance.",
                     "The withdrawal amount is above the walletBalance the operator sent.",
                     "Sorry, the amount is above your wallet balance. Please enter a smaller amount."),
        # Player protection (docs/protection.md): the patronId is the player.
        VipErrorCode("120", "VIP Player Protection", "Deposits are refused: the player is timed out or self-excluded.",
                     "The player has taken a time-out or excluded themselves; no deposit goes through until it ends.",
                     "Sorry, deposits are not available while your time-out or self-exclusion runs."),
        VipErrorCode("121", "VIP Player Protection", "Deposit above the player's deposit limit.",
                     "The deposit would pass a deposit limit the player set (per day, week or month).",
                     "Sorry, this deposit would pass your deposit limit. Please enter a smaller amount."),
        # Licence gates (docs/compliance.md): the brand requires a verified
        # identity for deposits. Withdrawals are never held for it.
        VipErrorCode("122", "VIP Licence Gates", "Deposits are refused: the player's identity is not verified.",
                     "The operator's brand requires a verified identity for deposits and the player has none yet.",
                     "Sorry, deposits are available once your identity is verified."),
        VipErrorCode("115", "VIP Wallet", "Unknown wallet player.",
                     "The operator's wallet is this platform's: patronId must be the ID of a player of the "
                     "operator's brand whose wallet holds the operator's currency.", _support("E-115")),
    ]
}


class VipDeclined(Declined):
    """A VIP business decline carrying one row of the code table."""

    def __init__(self, code: str) -> None:
        self.entry = VIP_ERROR_CODES[code]
        super().__init__(code, self.entry.operator_message)


NIL_SESSION = "00000000-0000-0000-0000-000000000000"


class SessionDeclined(VipDeclined, AnsweredDecline):
    """A session call declined for a business reason. Answered with the
    session-shaped body (nil sessionId, errorModel) of ``outcome`` (the echo
    of the request, the operator's limits). ``SessionDeclined.of`` gives the
    card lock (102) its kind: a rate limit."""

    def __init__(self, code: str, outcome: Any = None) -> None:
        super().__init__(code)
        self.outcome = outcome

    @staticmethod
    def of(code: str, outcome: Any = None) -> SessionDeclined:
        return (CardLocked if code == "102" else SessionDeclined)(code, outcome)


class CardLocked(RateLimited, SessionDeclined):
    """102: too many birth-date mismatches; new sessions wait for the lock to
    expire."""

    reason = SessionDeclined.reason

    def __init__(self, code: str, outcome: Any = None) -> None:
        SessionDeclined.__init__(self, code, outcome)
