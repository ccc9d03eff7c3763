"""Enterprise -> licences: the inbox of pushed matches and "recommended for you"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from app import clock
from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden
from app.extensions import db
from app.integrations.feedback import FeedbackFilter
from app.integrations.matching import get_matcher, is_empty, reasons_json
from app.licences.models import Licence
from app.matches.feedback import disliked, verdicts
from app.matches.models import MatchNotice
from app.matches.subscriptions import enterprise_query, my_subscriptions, with_sei
from app.pagination import Page, paginate

MAX_K = 50
# Below this fused score a licence is noise rather than a recommendation.
MIN_SCORE = 0.1


@dataclass(frozen=True)
class Recommendation:
    declaration: Declaration
    score: float
    reasons: dict[str, Any]


def _ensure_enterprise(actor: User) -> None:
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业账户有匹配推荐。"))


@dataclass(frozen=True)
class InboxPage(Page[MatchNotice]):
    unread_ids: set[int]
    verdicts: dict[int, bool]


def open_inbox(actor: User, page: int, per_page: int) -> InboxPage:
    """One page of the actor's inbox, newest first; the items shown become read."""
    _ensure_enterprise(actor)
    stmt = select(MatchNotice).where(MatchNotice.user_id == actor.id).order_by(MatchNotice.id.desc())
    found = paginate(stmt, page, per_page)
    unread = {n.id for n in found.items if n.read_at is None}
    now = clock.now()
    for notice in found.items:
        notice.read_at = notice.read_at or now
    db.session.flush()
    return InboxPage(found.items, found.page, found.pages, found.total, unread, verdicts(actor.id))


def unread_count(actor: User) -> int:
    stmt = select(func.count(MatchNotice.id)).where(
        MatchNotice.user_id == actor.id, MatchNotice.read_at.is_(None)
    )
    return db.session.scalar(stmt) or 0


def _licensed(user_id: int) -> set[int]:
    return set(db.session.scalars(select(Licence.declaration_id).where(Licence.licensee_id == user_id)))


def recommendations(actor: User, k: int = 10) -> list[Recommendation]:
    """The k published licences that best match the actor's profile and subscriptions, with reasons.

    Excludes licences the actor already took and those it marked not useful, and drops ones similar
    to those (feedback is used).
    """
    _ensure_enterprise(actor)
    k = max(1, min(k, MAX_K))
    query = enterprise_query(actor)
    if is_empty(query):
        return []
    m = get_matcher()
    bad = {i for i, useful in verdicts(actor.id).items() if not useful}
    skip = bad | _licensed(actor.id)
    found = [x for x in m.search(query, k=k + len(skip) + 10, min_score=MIN_SCORE) if x.doc_id not in skip]
    found = FeedbackFilter(m, disliked(actor.id)).keep(found, m.docs)[:k]
    rows = {
        d.id: d
        for d in db.session.scalars(select(Declaration).where(Declaration.id.in_([x.doc_id for x in found])))
    }
    subs = my_subscriptions(actor)
    scored = [
        Recommendation(
            rows[x.doc_id], *with_sei(actor, subs, rows[x.doc_id], float(x.score), reasons_json(x))
        )
        for x in found
        if x.doc_id in rows and rows[x.doc_id].status == DeclarationStatus.PUBLISHED
    ]
    return sorted(scored, key=lambda r: -r.score)
