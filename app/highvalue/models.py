"""Awards a patent has won (China Patent Award, national science and technology awards)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class PatentAward(db.Model):  # type: ignore[name-defined]
    __tablename__ = "patent_awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))  # china_patent_award | national_sti_award
    level: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
