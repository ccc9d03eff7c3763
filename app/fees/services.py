"""Annual-fee services: a patent's fee position for the people who may see it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.integrations import royalties as bridge
from app.patents.services import get_patent_for_viewer
from royalties.annual_fees import FeeStatus

ANNOUNCED = (DeclarationStatus.PUBLISHED, DeclarationStatus.WITHDRAWN, DeclarationStatus.EXPIRED)


def _published_period(decl: Declaration) -> tuple[date, date | None] | None:
    """The days a declaration stood published: announcement to withdrawal (or end of period), in China."""
    if decl.published_at is None:
        return None
    start = decl.published_at.astimezone(clock.SHANGHAI).date()
    if decl.withdrawn_at is not None:
        return start, decl.withdrawn_at.astimezone(clock.SHANGHAI).date()
    return start, decl.period_end if decl.status == DeclarationStatus.EXPIRED else None


def open_licence_periods(patent_id: int) -> tuple[tuple[date, date | None], ...]:
    """When the patent had an open licence published (the 15 % reduction applies to fees due then)."""
    rows = db.session.scalars(
        select(Declaration).where(Declaration.patent_id == patent_id, Declaration.status.in_(ANNOUNCED))
    )
    return tuple(period for decl in rows if (period := _published_period(decl)) is not None)


def patent_fees(actor: User, patent_id: int) -> FeeStatus | None:
    """A patent's annual fees today, for its owner, an operation centre or an admin; None without dates."""
    patent = get_patent_for_viewer(actor, patent_id)
    return bridge.fee_position(patent, open_licence_periods(patent.id), clock.today())
