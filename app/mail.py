"""Plain-text e-mail over SMTP (MAIL_SERVER, MAIL_PORT, MAIL_SENDER) for every domain that writes mail."""

from __future__ import annotations

import re
import smtplib
from collections.abc import Sequence
from email.message import EmailMessage

from flask import current_app

HEADER_MAX = 200  # characters of one header value (a subject carries at most 40 of the title)
# CR and LF would start a new header ("\r\nBcc: x@y"); other controls are not text either.
HEADER_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def public_base() -> str:
    """The platform's address for links in e-mail (PUBLIC_BASE_URL; works outside a request, e.g. the CLI)."""
    return str(current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/")


def header_value(value: str, limit: int = HEADER_MAX) -> str:
    """A safe header value: control characters (CR and LF above all) become one space; at most `limit`."""
    return HEADER_BAD.sub(" ", value).strip()[:limit]


def message(to: str, subject: str, lines: Sequence[str]) -> EmailMessage:
    """A message from MAIL_SENDER, every header value made safe, the lines as UTF-8 text."""
    msg = EmailMessage()
    msg["From"] = header_value(current_app.config["MAIL_SENDER"])
    msg["To"] = header_value(to)
    msg["Subject"] = header_value(subject)
    msg.set_content("\n".join(lines), charset="utf-8")
    return msg


def is_permanent(err: Exception) -> bool:
    """True when retrying cannot help: the message cannot be built, or the server answered 5xx."""
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in err.recipients.values())
    if isinstance(err, smtplib.SMTPResponseException):
        return err.smtp_code >= 500
    return isinstance(err, (ValueError, TypeError, UnicodeError))


def send(message: EmailMessage) -> None:
    """Deliver one message through MAIL_SERVER:MAIL_PORT (raises smtplib errors)."""
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30) as smtp:
        smtp.send_message(message)
