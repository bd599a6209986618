"""Message formats: the translatable tags the gateway answers with
(`message_format`), looked up by GET .../content/message/format/{tag}."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageFormat:
    type: str
    title: str
    content: str
    button_1_text: str = "OK"
    button_1_link: str = ""
    button_2_text: str = ""
    button_2_link: str = ""


CATALOGUE: dict[str, MessageFormat] = {
    "forgot_email_sent": MessageFormat("info", "Check your mailbox",
                                       "If an account uses this address, we sent it a link to reset the password."),
    "email_required": MessageFormat("error", "Email required", "Please enter your email address."),
    "password_successfully_changed": MessageFormat("info", "Password changed", "Your password was changed."),
    "password_replaced": MessageFormat("info", "Password replaced", "Your new password is active."),
    "general_failure": MessageFormat("error", "Something went wrong",
                                     "This link is not valid any more. Please request a new one."),
    "tnc_approval_required": MessageFormat("info", "Terms and conditions",
                                           "Please approve the terms and conditions to continue.",
                                           "Read and approve", "/tnc"),
    "privacy_approval_required": MessageFormat("info", "Privacy policy",
                                               "Please approve the privacy policy to continue.",
                                               "Read and approve", "/privacy"),
    "wrong_old_password": MessageFormat("error", "Wrong password", "The current password you entered is not valid."),
    "email_verified": MessageFormat("info", "Email verified", "Thank you: your email address is verified."),
    "activation_email_sent": MessageFormat("info", "Activation email sent",
                                           "We sent you a link to verify your email address."),
}


def find(tag: str) -> MessageFormat | None:
    return CATALOGUE.get(tag)
