"""Accounts: sign-up, authentication, passwords, organisation profiles, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app import clock
from app.auth.models import ApiToken, Organisation, Role, User
from app.auth.validators import uscc_error
from app.errors import Forbidden, ValidationFailed
from app.extensions import db
from app.industries import unknown_industry_codes

SELF_SIGNUP_ROLES = (Role.PATENTEE, Role.ENTERPRISE)
MIN_PASSWORD = 8


@dataclass(frozen=True)
class ProfileInput:
    name: str
    credit_code: str = ""
    province: str = ""
    city: str = ""
    industry_codes: list[str] = field(default_factory=list)
    needs: str = ""
    contact: str = ""


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def _check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        message = _("密码至少 %(n)s 位。", n=MIN_PASSWORD)
        raise ValidationFailed(message, {"password": message})


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, password: str, role: Role, display_name: str = "") -> User:
    """Create an account; the e-mail must be new."""
    email = email.strip().lower()
    if find_user_by_email(email):
        raise ValidationFailed(_("该邮箱已注册。"), {"email": _("该邮箱已注册。")})
    _check_password_strength(password)
    user = User(email=email, password_hash=hash_password(password), role=role, display_name=display_name)
    db.session.add(user)
    db.session.flush()
    return user


def sign_up(email: str, password: str, role: Role, profile: ProfileInput) -> User:
    """Self sign-up: patentees and enterprises only, with their organisation profile."""
    if role not in SELF_SIGNUP_ROLES:
        raise Forbidden(_("运营中心和管理员账号由管理员创建。"))
    if role == Role.ENTERPRISE and not profile.credit_code.strip():
        raise ValidationFailed(
            _("企业须填写统一社会信用代码。"), {"credit_code": _("企业须填写统一社会信用代码。")}
        )
    user = create_user(email, password, role, display_name=profile.name)
    save_profile(user, profile)
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user and check_password_hash(user.password_hash, password):
        return user
    return None


def change_password(user: User, old: str, new: str) -> None:
    if not check_password_hash(user.password_hash, old):
        raise ValidationFailed(_("原密码不正确。"), {"old_password": _("原密码不正确。")})
    _check_password_strength(new)
    user.password_hash = hash_password(new)


def _profile_errors(user: User, profile: ProfileInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not profile.name.strip():
        errors["name"] = _("请填写名称。")
    if profile.credit_code:
        problem = uscc_error(profile.credit_code)
        if problem:
            errors["credit_code"] = problem
        else:
            taken = db.session.scalar(
                select(Organisation).where(Organisation.credit_code == profile.credit_code.strip().upper())
            )
            if taken and taken.owner_id != user.id:
                errors["credit_code"] = _("该统一社会信用代码已被其他账号使用。")
    unknown = unknown_industry_codes(profile.industry_codes)
    if unknown:
        errors["industry_codes"] = _("未知的国民经济行业分类代码：%(codes)s", codes="、".join(unknown))
    return errors


def save_profile(user: User, profile: ProfileInput) -> Organisation:
    """Create or update the account's one organisation profile."""
    errors = _profile_errors(user, profile)
    if errors:
        raise ValidationFailed(_("资料有误：%(detail)s", detail="；".join(errors.values())), errors)
    org = user.organisation or Organisation(owner=user)
    org.name = profile.name.strip()
    org.credit_code = profile.credit_code.strip().upper() or None
    org.province, org.city = profile.province.strip(), profile.city.strip()
    org.industry_codes = list(dict.fromkeys(c.strip() for c in profile.industry_codes if c.strip()))
    org.needs, org.contact = profile.needs.strip(), profile.contact.strip()
    db.session.add(org)
    db.session.flush()
    return org


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, ttl_hours: int) -> tuple[str, ApiToken]:
    """A new bearer token; the plain value is returned once and never stored."""
    plain = secrets.token_urlsafe(32)
    row = ApiToken(user=user, digest=_digest(plain), expires_at=clock.now() + timedelta(hours=ttl_hours))
    db.session.add(row)
    db.session.flush()
    return plain, row


def user_for_token(plain: str) -> User | None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.digest == _digest(plain)))
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=clock.now().tzinfo)
    return row.user if expires > clock.now() else None
