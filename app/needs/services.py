"""Introductions: a patentee or an operation centre sends one message to one ranked enterprise.

The enterprise answers briefly or ignores it. Pushing stays enterprise-first: a patentee may introduce its
declaration only to enterprises that chose to be visible to patentees (it never learns the others' names); an
operation centre, the neutral broker, may introduce to any enterprise the matcher ranks for the declaration.
Never the same introduction twice (unique pair).
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.auth.models import Role, User
from app.errors import DomainError, Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.inputs import INTRO_MESSAGE_MAX, INTRO_REPLY_MAX, INTRODUCTIONS_PER_DAY
from app.needs.models import Introduction
from app.needs.ranking import names_all, ranked_enterprises, viewable_declaration

MESSAGE_MIN = 4


class AlreadyIntroduced(DomainError):
    status = 409
    code = "already_introduced"


def _message(text: str) -> str:
    text = text.strip()
    if len(text) < MESSAGE_MIN:
        raise ValidationFailed(_("介绍内容太短。"), {"message": _("请用至少 4 个字说明来意。")})
    if len(text) > INTRO_MESSAGE_MAX:
        raise ValidationFailed(
            _("介绍内容过长。"), {"message": _("最多 %(n)s 个字符。", n=INTRO_MESSAGE_MAX)}
        )
    return text


def _ensure_quota(actor: User) -> None:
    since = clock.now() - timedelta(days=1)
    stmt = select(func.count(Introduction.id)).where(
        Introduction.sender_id == actor.id, Introduction.created_at >= since
    )
    if (db.session.scalar(stmt) or 0) >= INTRODUCTIONS_PER_DAY:
        raise ValidationFailed(_("24 小时内最多发送 %(n)s 条介绍，请稍后再试。", n=INTRODUCTIONS_PER_DAY))


def _exists(decl_id: int, enterprise_id: int) -> bool:
    stmt = select(Introduction.id).where(
        Introduction.declaration_id == decl_id, Introduction.enterprise_id == enterprise_id
    )
    return db.session.scalar(stmt) is not None


def _refuse_repeat() -> None:
    raise AlreadyIntroduced(_("已向该企业介绍过此开放许可，不会重复发送。"))


def introduce(actor: User, decl_id: int, enterprise_id: int, message: str) -> Introduction:
    """Send an introduction of a published declaration to one ranked enterprise (see the module rule)."""
    decl = viewable_declaration(actor, decl_id)
    text = _message(message)
    allowed = [r for r in ranked_enterprises(decl) if names_all(actor) or r.visible]
    if enterprise_id not in {r.user.id for r in allowed}:
        # The same answer for a hidden, an unranked and an unknown enterprise: nothing about it leaks.
        raise NotFound(_("该企业不在可介绍的潜在需求方名单中。"))
    if _exists(decl.id, enterprise_id):
        _refuse_repeat()
    _ensure_quota(actor)
    intro = Introduction(
        declaration_id=decl.id, enterprise_id=enterprise_id, sender_id=actor.id, message=text
    )
    db.session.add(intro)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # a concurrent send of the same pair won
        _refuse_repeat()
    return intro


def _ensure_enterprise(actor: User) -> None:
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业账户有介绍收件箱。"))


def my_introductions(actor: User) -> list[Introduction]:
    """The enterprise's introductions, newest first; the unread ones become read."""
    _ensure_enterprise(actor)
    stmt = select(Introduction).where(Introduction.enterprise_id == actor.id).order_by(Introduction.id.desc())
    intros = list(db.session.scalars(stmt))
    now = clock.now()
    for intro in intros:
        intro.read_at = intro.read_at or now
    db.session.flush()
    return intros


def unread_introductions(actor: User) -> int:
    stmt = select(func.count(Introduction.id)).where(
        Introduction.enterprise_id == actor.id, Introduction.read_at.is_(None)
    )
    return db.session.scalar(stmt) or 0


def reply(actor: User, intro_id: int, text: str) -> Introduction:
    """The enterprise answers an introduction once, briefly (it may also just ignore it)."""
    _ensure_enterprise(actor)
    intro = db.session.get(Introduction, intro_id)
    if intro is None or not actor.can_manage(intro.enterprise_id):
        raise NotFound(_("介绍不存在。"))
    if intro.replied_at is not None:
        raise ValidationFailed(_("您已回复过这条介绍。"))
    text = text.strip()
    if not text:
        raise ValidationFailed(_("请填写回复内容。"), {"reply": _("请填写回复内容。")})
    if len(text) > INTRO_REPLY_MAX:
        raise ValidationFailed(_("回复过长。"), {"reply": _("最多 %(n)s 个字符。", n=INTRO_REPLY_MAX)})
    intro.reply, intro.replied_at = text, clock.now()
    db.session.flush()
    return intro


def sent_introductions(decl_id: int) -> list[Introduction]:
    """Introductions of a declaration, for the page of who may see its ranking."""
    stmt = select(Introduction).where(Introduction.declaration_id == decl_id).order_by(Introduction.id)
    return list(db.session.scalars(stmt))
