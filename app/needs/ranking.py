"""Declaration -> enterprises: the enterprises the matcher ranks for a published declaration.

The same scoring as the push run (``Matcher.push_candidates`` over each enterprise's profile and
subscriptions, ``app.matches.subscriptions.enterprise_query``), read in the other direction: not who is told,
but who the patentee or the operator may look at. Names are shown only for enterprises that chose to be
visible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import Role, User
from app.declarations import services as decl_svc
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.industries import industries, industry_name
from app.integrations.matching import get_matcher, is_empty, reasons_json, to_document
from app.licences.models import Licence
from app.matches.inbox import MIN_SCORE
from app.matches.models import Subscription
from app.matches.subscriptions import enterprise_query, enterprises_with_subscriptions, with_sei
from app.needs.models import Introduction

# At most this many enterprises are ranked for one declaration.
LIMIT = 50


@dataclass(frozen=True)
class Ranked:
    """One enterprise the matcher ranks for the declaration."""

    user: User
    score: float
    reasons: dict[str, Any]

    @property
    def visible(self) -> bool:
        org = self.user.organisation
        return bool(org and org.visible_to_patentees)


@dataclass(frozen=True)
class HiddenCount:
    industry: str
    region: str
    count: int


@dataclass(frozen=True)
class NeedsPage:
    """What the viewer sees: named enterprises, counts of the others, and who was already introduced."""

    declaration: Declaration
    named: list[Ranked]
    hidden: list[HiddenCount]
    introduced: set[int]
    total: int


def can_view(actor: User, decl: Declaration) -> bool:
    """The declaration's owner (or an admin) and operation centres."""
    return actor.can_manage(decl.owner_id) or actor.has_role(Role.OPERATOR)


def names_all(actor: User) -> bool:
    """Operation centres (and admins) see every ranked enterprise by name; a patentee the visible ones."""
    return actor.has_role(Role.OPERATOR)


def viewable_declaration(actor: User, decl_id: int) -> Declaration:
    """A published declaration the actor may see the ranking of (403 for a stranger, 404 if not published)."""
    decl = decl_svc.get_declaration(decl_id)
    if not can_view(actor, decl):
        raise Forbidden(_("您无权查看此声明的潜在需求方。"))
    if decl.status != DeclarationStatus.PUBLISHED:
        raise NotFound(_("只有已公告的声明才有潜在需求方。"))
    return decl


def _enterprises(decl: Declaration) -> list[tuple[User, list[Subscription]]]:
    """Enterprises not licensed under the declaration yet, with their active subscriptions."""
    licensed = select(Licence.licensee_id).where(Licence.declaration_id == decl.id)
    return enterprises_with_subscriptions([licensed])


def ranked_enterprises(decl: Declaration) -> list[Ranked]:
    """Enterprises whose profile and subscriptions score >= MIN_SCORE for the declaration, best first."""
    users = {}
    queries = []
    for user, subs in _enterprises(decl):
        query = enterprise_query(user, subs)
        if not is_empty(query):
            users[user.id] = (user, subs)
            queries.append((user.id, query))
    hits = get_matcher().push_candidates(to_document(decl), queries, MIN_SCORE)
    ranked = [
        Ranked(users[uid][0], *with_sei(*users[uid], decl, float(match.score), reasons_json(match)))
        for uid, match in hits
    ]
    return sorted(ranked, key=lambda r: -r.score)[:LIMIT]


def _section_name(user: User) -> str:
    codes = user.organisation.industry_codes if user.organisation else []
    row = industries().get(codes[0]) if codes else None
    return industry_name(row["section"]) if row else _("未填写行业")


def hidden_counts(ranked: list[Ranked]) -> list[HiddenCount]:
    """Counts of ranked enterprises by industry section and province; no name, no score, no reason."""
    counts = Counter(
        (
            _section_name(r.user),
            (r.user.organisation.province if r.user.organisation else "") or _("未填写地区"),
        )
        for r in ranked
    )
    return [
        HiddenCount(ind, region, n)
        for (ind, region), n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]


def introduced_ids(decl: Declaration) -> set[int]:
    stmt = select(Introduction.enterprise_id).where(Introduction.declaration_id == decl.id)
    return set(db.session.scalars(stmt))


def needs_page(actor: User, decl_id: int) -> NeedsPage:
    """Who might need this: named enterprises (all for operators, visible ones for the patentee), counts."""
    decl = viewable_declaration(actor, decl_id)
    ranked = ranked_enterprises(decl)
    everyone = names_all(actor)
    named = [r for r in ranked if everyone or r.visible]
    hidden = [r for r in ranked if not (everyone or r.visible)]
    return NeedsPage(decl, named, hidden_counts(hidden), introduced_ids(decl), len(ranked))
