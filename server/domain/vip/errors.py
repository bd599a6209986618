"""VIP Connect's decline codes: one table, used by every VIP call.

The vendor's codes are 2, 3, 10, 13 and 99; codes from 100 up are Pitboss's
own and are listed in docs/vip-connect.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.domain.errors import Declined

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
    ]
}


class VipDeclined(Declined):
    """A VIP business decline carrying one row of the code table."""

    def __init__(self, code: str) -> None:
        self.entry = VIP_ERROR_CODES[code]
        super().__init__(code, self.entry.operator_message)
