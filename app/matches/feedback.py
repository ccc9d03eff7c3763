"""Feedback on matches: stored per (enterprise, licence), used to stop similar pushes and to train."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.integrations.feedback import training_texts
from app.integrations.matching import to_document
from app.matches.models import Feedback, MatchNotice
from app.matches.subscriptions import enterprise_query
from matching.types import MatchDocument, MatchQuery


def record_feedback(actor: User, decl_id: int, useful: bool) -> Feedback:
    """Store (or change) the actor's verdict on a matched licence."""
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业账户可以评价推荐结果。"))
    decl = db.session.get(Declaration, decl_id)
    noticed = db.session.scalar(
        select(MatchNotice.id).where(MatchNotice.user_id == actor.id, MatchNotice.declaration_id == decl_id)
    )
    if decl is None or (decl.status != DeclarationStatus.PUBLISHED and noticed is None):
        raise NotFound(_("该开放许可声明不存在或已撤回。"))
    row = db.session.scalar(
        select(Feedback).where(Feedback.user_id == actor.id, Feedback.declaration_id == decl_id)
    )
    if row is None:
        row = Feedback(user_id=actor.id, declaration_id=decl_id, useful=useful)
        db.session.add(row)
    row.useful = useful
    db.session.flush()
    return row


def verdicts(user_id: int) -> dict[int, bool]:
    """Declaration id -> useful, for one enterprise."""
    rows = db.session.execute(
        select(Feedback.declaration_id, Feedback.useful).where(Feedback.user_id == user_id)
    )
    return {decl_id: useful for decl_id, useful in rows}


def disliked(user_id: int) -> list[Declaration]:
    stmt = select(Declaration).join(Feedback, Feedback.declaration_id == Declaration.id)
    stmt = stmt.where(Feedback.user_id == user_id, Feedback.useful.is_(False)).order_by(Declaration.id)
    return list(db.session.scalars(stmt))


def training_pairs() -> list[tuple[str, str]]:
    """(enterprise profile text, licence text) positives from every "useful" verdict."""
    stmt = select(Feedback).where(Feedback.useful.is_(True)).order_by(Feedback.id)
    liked: list[tuple[MatchQuery, MatchDocument]] = []
    for row in db.session.scalars(stmt):
        user = db.session.get(User, row.user_id)
        if user is not None:
            liked.append((enterprise_query(user), to_document(row.declaration)))
    return training_texts(liked)
