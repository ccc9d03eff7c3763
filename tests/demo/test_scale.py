"""`flask demo scale`: synthetic rows, clearly marked, added in bulk, rerunnable; pushed like any others."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import Organisation, Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.matches.models import MatchNotice, Subscription
from app.patents.models import Patent
from tests.rows import count


def _scale(app, enterprises: int, declarations: int):
    args = ["demo", "scale", "--enterprises", str(enterprises), "--declarations", str(declarations)]
    return app.test_cli_runner().invoke(args=args)


def test_scale_adds_marked_synthetic_rows_and_a_rerun_adds_nothing_twice(app):
    first = _scale(app, 20, 30)
    assert first.exit_code == 0, first.output
    assert "added 20 and 30" in first.output
    enterprises = db.session.scalars(select(User).where(User.role == Role.ENTERPRISE)).all()
    assert len(enterprises) == 20 and all(u.email.endswith("@synthetic.invalid") for u in enterprises)
    names = db.session.scalars(select(Organisation.name)).all()
    assert len(names) == 21 and all(n.startswith("[合成]") for n in names)  # with the patentee
    patents = db.session.scalars(select(Patent)).all()
    assert len(patents) == 30 and all(p.source.startswith("[合成]") and p.abstract for p in patents)
    assert len({p.abstract for p in patents}) == 30  # recombined, not copies
    assert count(Declaration, Declaration.status == DeclarationStatus.PUBLISHED) == 30
    assert count(Subscription) == 8  # 4 of every 10 enterprises subscribe

    again = _scale(app, 20, 30)
    assert again.exit_code == 0 and "added 0 and 0" in again.output
    more = _scale(app, 25, 32)  # resumes from where the last run stopped
    assert more.exit_code == 0 and "added 5 and 2" in more.output
    assert count(User, User.role == Role.ENTERPRISE) == 25 and count(Patent) == 32


def test_the_push_run_pushes_synthetic_declarations(app):
    assert _scale(app, 20, 30).exit_code == 0
    result = app.test_cli_runner().invoke(args=["push", "run"])
    assert result.exit_code == 0, result.output
    assert count(MatchNotice) > 0


def test_scale_is_refused_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "OLE_ENV", "production")
    result = _scale(app, 2, 2)
    assert result.exit_code != 0 and "never added in production" in result.output
    assert count(User) == 0
