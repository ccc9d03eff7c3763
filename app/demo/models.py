"""Facts the demo sets that its source data lacks (a payment date, a pledge, an award): each is kept with the
patent so its page can mark it as a demo assumption."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class DemoAssumption(db.Model):  # type: ignore[name-defined]
    __tablename__ = "demo_assumptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(String(300))
