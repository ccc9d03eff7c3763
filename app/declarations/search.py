"""Search over announced declarations (the public 开放许可公告 list); works on SQLite and PostgreSQL."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeVar

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, String, cast, func, or_, select

from app.auth.models import Organisation
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.errors import ValidationFailed
from app.extensions import db
from app.patents.models import Patent, PatentKind

Query = Select[tuple[Declaration]]
E = TypeVar("E", PatentKind, FeeMethod)


@dataclass(frozen=True)
class Page:
    items: list[Declaration]
    page: int
    pages: int
    total: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _keyword(stmt: Query, q: str) -> Query:
    # Each word must match somewhere; the JSON list of IPC codes is searched as its text form.
    for word in q.split()[:10]:
        pattern = _like(word)
        stmt = stmt.where(
            or_(
                Patent.title.ilike(pattern, escape="\\"),
                Patent.abstract.ilike(pattern, escape="\\"),
                Patent.publication_number.ilike(pattern, escape="\\"),
                Patent.application_number.ilike(pattern, escape="\\"),
                cast(Patent.ipc_codes, String).ilike(pattern, escape="\\"),
            )
        )
    return stmt


def _choice(enum: type[E], value: str, name: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = " | ".join(e.value for e in enum)
        raise ValidationFailed(
            _("筛选条件无效。"), {name: _("可选值：%(allowed)s", allowed=allowed)}
        ) from None


def _filters(
    stmt: Query, ipc_section: str, industry: str, kind: str, fee_method: str, province: str
) -> Query:
    if ipc_section:
        stmt = stmt.where(Declaration.in_ipc_section(ipc_section))
    if industry:
        stmt = stmt.where(Declaration.industry_code.like(f"{industry.strip()}%"))
    if kind:
        stmt = stmt.where(Patent.kind == _choice(PatentKind, kind, "kind"))
    if fee_method:
        stmt = stmt.where(Declaration.fee_method == _choice(FeeMethod, fee_method, "fee_method"))
    if province:
        stmt = stmt.where(Organisation.province == province)
    return stmt


def search_announcements(
    q: str = "",
    ipc_section: str = "",
    industry: str = "",
    kind: str = "",
    fee_method: str = "",
    province: str = "",
    page: int = 1,
) -> Page:
    """One page of announced declarations matching a keyword and filters; region = the patentee's province."""
    stmt: Query = (
        select(Declaration)
        .join(Patent, Declaration.patent_id == Patent.id)
        .outerjoin(Organisation, Organisation.owner_id == Declaration.owner_id)
        .where(Declaration.status == DeclarationStatus.PUBLISHED)
    )
    stmt = _filters(_keyword(stmt, q.strip()), ipc_section, industry, kind, fee_method, province)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    size = int(current_app.config["PAGE_SIZE"])
    pages = max(1, math.ceil(total / size))
    page = min(max(1, page), pages)
    rows = db.session.scalars(
        stmt.order_by(Declaration.published_at.desc(), Declaration.id.desc())
        .limit(size)
        .offset((page - 1) * size)
    )
    return Page(list(rows), page, pages, total)
