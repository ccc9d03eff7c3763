"""Search over announced declarations (the public 开放许可公告 list); works on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TypeVar

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from app.auth.models import Organisation, User
from app.declarations import fulltext
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.errors import ValidationFailed
from app.extensions import db
from app.pagination import CursorPage, paginate_keyset
from app.patents.models import Patent, PatentKind

Query = Select[Declaration]
E = TypeVar("E", PatentKind, FeeMethod)


def _keyword(stmt: Query, q: str) -> Query:
    # Each word must match somewhere (title, abstract, numbers, IPC codes).
    dialect = db.session.get_bind().dialect.name
    for word in q.split()[:10]:
        stmt = stmt.where(fulltext.contains(word, dialect))
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


# The order of the public list, newest first; the id makes the key unique for keyset paging.
ORDER = (Declaration.published_at, Declaration.id)

# Statuses a visitor may list: announcements in force, and withdrawal announcements (Art. 50(2)).
PUBLIC_STATUSES = (DeclarationStatus.PUBLISHED, DeclarationStatus.WITHDRAWN)


def _public_status(status: str) -> DeclarationStatus:
    if not status:
        return DeclarationStatus.PUBLISHED
    if status not in {s.value for s in PUBLIC_STATUSES}:
        allowed = " | ".join(s.value for s in PUBLIC_STATUSES)
        raise ValidationFailed(_("筛选条件无效。"), {"status": _("可选值：%(allowed)s", allowed=allowed)})
    return DeclarationStatus(status)


def announcement_query(
    q: str = "",
    ipc_section: str = "",
    industry: str = "",
    kind: str = "",
    fee_method: str = "",
    province: str = "",
    status: str = "",
) -> Query:
    """Announced (or, with status=withdrawn, withdrawn) declarations matching a keyword and filters, newest
    first, with patent and patentee loaded (no N+1); region = the patentee's province."""
    stmt: Query = (
        select(Declaration)
        .join(Patent, Declaration.patent_id == Patent.id)
        .outerjoin(Organisation, Organisation.owner_id == Declaration.owner_id)
        .where(Declaration.status == _public_status(status))
        .options(joinedload(Declaration.patent), joinedload(Declaration.owner).joinedload(User.organisation))
    )
    stmt = _filters(_keyword(stmt, q.strip()), ipc_section, industry, kind, fee_method, province)
    return stmt.order_by(*(key.desc() for key in ORDER))


def search_announcements(cursor: str = "", **filters: str) -> CursorPage[Declaration]:
    """The page of announcement_query(**filters) after `cursor` ("" = the first page), newest first, with the
    number of matches counted up to COUNT_CAP."""
    config = current_app.config
    query = announcement_query(**filters)
    return paginate_keyset(query, ORDER, cursor, int(config["PAGE_SIZE"]), int(config["COUNT_CAP"]))
