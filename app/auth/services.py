"""Accounts: sign-up, authentication, passwords, organisation profiles, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from app import clock
from app.auth.models import ApiToken, Organisation, Role, User
from app.auth.passwords import check_password_strength, hash_password, password_error, verify_password
from app.auth.validators import uscc_error
from app.errors import Forbidden, ValidationFailed, clauses
from app.extensions import db
from app.industries import unknown_industry_codes
from app.integrations import sei

SELF_SIGNUP_ROLES = (Role.PATENTEE, Role.ENTERPRISE)


@dataclass(frozen=True)
class ProfileInput:
    name: str
    credit_code: str = ""
    province: str = ""
    city: str = ""
    industry_codes: list[str] = field(default_factory=list)
    needs: str = ""
    contact: str = ""
    visible_to_patentees: bool = False
    sei_codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SignupOutcome:
    """What a sign-up did; the visitor sees the same page either way (no account enumeration)."""

    email: str
    user: User | None  # None: the address already had an account, whose owner is told by e-mail

    @property
    def existing(self) -> bool:
        return self.user is None


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, password: str, role: Role, display_name: str = "") -> User:
    """Create an account; the e-mail must be new."""
    email = email.strip().lower()
    if find_user_by_email(email):
        raise ValidationFailed(_("该邮箱已注册。"), {"email": _("该邮箱已注册。")})
    check_password_strength(password, email, display_name)
    return _add_user(email, hash_password(password), role, display_name)


def _add_user(email: str, password_hash: str, role: Role, display_name: str) -> User:
    user = User(email=email, password_hash=password_hash, role=role, display_name=display_name)
    db.session.add(user)
    db.session.flush()
    return user


def _check_signup(email: str, password: str, role: Role, profile: ProfileInput) -> None:
    """Everything a sign-up can be refused for that does not depend on whether the address is taken."""
    if role not in SELF_SIGNUP_ROLES:
        raise Forbidden(_("运营中心和管理员账号由管理员创建。"))
    if role == Role.ENTERPRISE and not profile.credit_code.strip():
        raise ValidationFailed(
            _("企业须填写统一社会信用代码。"), {"credit_code": _("企业须填写统一社会信用代码。")}
        )
    errors = _profile_errors(User(), profile)
    weak = password_error(password, email, profile.name)
    if weak:
        errors["password"] = weak
    if errors:
        raise ValidationFailed(_("资料有误：%(detail)s", detail=clauses(errors.values())), errors)


def sign_up(email: str, password: str, role: Role, profile: ProfileInput) -> SignupOutcome:
    """Self sign-up (patentees, enterprises); an address that has an account creates nothing, silently."""
    email = email.strip().lower()
    _check_signup(email, password, role, profile)
    password_hash = hash_password(password)  # on both paths, so they take the same time
    if find_user_by_email(email):
        return SignupOutcome(email, None)
    user = _add_user(email, password_hash, role, profile.name)
    save_profile(user, profile)
    return SignupOutcome(email, user)


def authenticate(email: str, password: str) -> User | None:
    """The account for these credentials; an unknown e-mail costs the same hash check as a known one."""
    user = find_user_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    return user if ok else None


def end_all_sessions(actor: User) -> None:
    """Log out everywhere: every session and remember cookie ends, every API token is revoked."""
    actor.session_version = (actor.session_version or 1) + 1
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == actor.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    db.session.flush()


def change_password(actor: User, old: str, new: str) -> None:
    """A new password (policy checked) ends every session and API token of the account."""
    if not verify_password(actor.password_hash, old):
        raise ValidationFailed(_("原密码不正确。"), {"old_password": _("原密码不正确。")})
    check_password_strength(new, actor.email, actor.display_name, field="new_password")
    actor.password_hash = hash_password(new)
    end_all_sessions(actor)


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
    unknown_sei = [c for c in profile.sei_codes if c not in sei.categories()]
    if unknown_sei:
        errors["sei_codes"] = _("未知的战略性新兴产业分类代码：%(codes)s", codes="、".join(unknown_sei))
    return errors


def save_profile(user: User, profile: ProfileInput) -> Organisation:
    """Create or update the account's one organisation profile."""
    errors = _profile_errors(user, profile)
    if errors:
        raise ValidationFailed(_("资料有误：%(detail)s", detail=clauses(errors.values())), errors)
    org = user.organisation or Organisation(owner=user)
    org.name = profile.name.strip()
    org.credit_code = profile.credit_code.strip().upper() or None
    org.province, org.city = profile.province.strip(), profile.city.strip()
    org.industry_codes = list(dict.fromkeys(c.strip() for c in profile.industry_codes if c.strip()))
    org.needs, org.contact = profile.needs.strip(), profile.contact.strip()
    org.visible_to_patentees = profile.visible_to_patentees
    org.sei_codes = list(dict.fromkeys(profile.sei_codes))
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


def _live_token(plain: str) -> ApiToken | None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.digest == _digest(plain)))
    if row is None or row.revoked_at is not None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=clock.now().tzinfo)
    return row if expires > clock.now() else None


def user_for_token(plain: str) -> User | None:
    """The owner of a token that is neither expired nor revoked."""
    row = _live_token(plain)
    return row.user if row else None


def revoke_token(actor: User, plain: str) -> None:
    """Revoke one of the actor's own live tokens (the one the request came with)."""
    row = _live_token(plain)
    if row is None or row.user_id != actor.id:
        raise Forbidden(_("只能注销自己的有效令牌。"))
    row.revoked_at = clock.now()
    db.session.flush()
