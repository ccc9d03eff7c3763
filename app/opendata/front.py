"""The front page's content: live figures, the latest announcements and the open pool offers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.declarations.models import Declaration
from app.declarations.search import announcement_query
from app.extensions import db
from app.opendata.figures import Headline, headline
from app.pools.models import Pool, PoolStatus

LATEST = 6


@dataclass(frozen=True)
class FrontPage:
    figures: Headline
    latest: list[Declaration]
    pools: list[Pool]


def front_page() -> FrontPage:
    """Everything the front page shows, in four queries whatever the data size."""
    latest = list(db.session.scalars(announcement_query().limit(LATEST)).unique())
    pools = db.session.scalars(
        select(Pool)
        .where(Pool.status == PoolStatus.OPEN)
        .order_by(Pool.opened_at.desc(), Pool.id.desc())
        .limit(LATEST)
    )
    return FrontPage(headline(), latest, list(pools))
