"""The demo assumptions recorded for a patent (facts its source data lacks), for the badge on its page."""

from __future__ import annotations

from sqlalchemy import select

from app.demo.models import DemoAssumption
from app.extensions import db


def assumptions_of(patent_id: int) -> list[str]:
    """What the demo assumed about the patent, in the order it was recorded; empty for real data."""
    query = select(DemoAssumption.note).where(DemoAssumption.patent_id == patent_id)
    return list(db.session.scalars(query.order_by(DemoAssumption.id)))
