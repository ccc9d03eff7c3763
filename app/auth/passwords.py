"""Passwords: hashing, a check that costs the same for unknown accounts, and the strength policy."""

from __future__ import annotations

from functools import cache

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from app.errors import ValidationFailed

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn 0-4: 3 is "safely unguessable" (about 10^8 guesses or more)
MAX_LENGTH = 200  # zxcvbn slows down on very long input; no one types more


def hash_password(password: str) -> str:
    """A salted scrypt hash; its cost is the setting PASSWORD_HASH_METHOD (each hash records its own cost)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _dummy_hash() -> str:
    return _dummy_hash_for(current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash_for(method: str) -> str:
    dummy = "no account has this password: it only makes the check take as long"
    return generate_password_hash(dummy, method)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no account (None), check against a dummy hash so both take the same time."""
    matches = check_password_hash(password_hash or _dummy_hash(), password)
    return matches and password_hash is not None


def _user_inputs(email: str, name: str) -> list[str]:
    local = email.split("@")[0]
    return [v for v in (email, local, name) if v]


def password_error(password: str, email: str = "", name: str = "") -> str | None:
    """Why the password is too weak for this account, or None when it is strong enough."""
    if len(password) < MIN_LENGTH:
        return _("密码至少 %(n)s 位。", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("密码不能超过 %(n)s 位。", n=MAX_LENGTH)
    if zxcvbn(password, user_inputs=_user_inputs(email, name))["score"] < MIN_SCORE:
        return _(
            "密码太容易被猜中：请不要使用常见密码、连续或重复的字符、邮箱或名称，"
            "可用几个不相关的词加数字组成。"
        )
    return None


def check_password_strength(password: str, email: str = "", name: str = "", field: str = "password") -> None:
    """Refuse a password shorter than 10 characters or with a zxcvbn score below 3."""
    problem = password_error(password, email, name)
    if problem:
        raise ValidationFailed(problem, {field: problem})
