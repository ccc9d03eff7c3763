"""The sign-up e-mail: a welcome to a new account, or a notice to the owner of a registered address."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.auth.services import SignupOutcome
from app.mail import mail_enabled, send

WELCOME = [
    _l("您好！欢迎注册开放许可撮合平台，您的账号已开通。"),
    _l("请用注册时设置的密码登录：%(login)s"),
    _l("如非本人操作，请忽略本邮件。"),
]
ALREADY_REGISTERED = [
    _l("您好！有人（可能是您本人）刚刚尝试用本邮箱注册开放许可撮合平台，但本邮箱已有账号，因此未新建账号。"),
    _l("如果是您本人，请直接登录：%(login)s"),
    _l("如非本人操作，请忽略本邮件；您的账号和密码没有任何改变。"),
]


def signup_message(outcome: SignupOutcome) -> EmailMessage:
    """The message for this sign-up (plain text, UTF-8, in the visitor's language)."""
    base = str(current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    lines = ALREADY_REGISTERED if outcome.existing else WELCOME
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = outcome.email
    msg["Subject"] = (
        _("【开放许可撮合平台】注册提醒") if outcome.existing else _("【开放许可撮合平台】欢迎注册")
    )
    login = base + url_for("auth.login")
    msg.set_content("\n".join(line % {"login": login} for line in lines), charset="utf-8")
    return msg


def send_signup_mail(outcome: SignupOutcome) -> None:
    """Send it now; a mail failure is logged and never shows (nor reveals anything) to the visitor."""
    if not mail_enabled():
        current_app.logger.info("mail disabled: sign-up e-mail to %s not sent", outcome.email)
        return
    try:
        send(signup_message(outcome))
    except (smtplib.SMTPException, OSError):
        current_app.logger.exception("sign-up e-mail to %s failed", outcome.email)
