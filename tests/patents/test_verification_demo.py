"""The demo operation centre verifies the demo patents, visibly in their audit trail."""

from __future__ import annotations

import pytest

from app.auth.models import User
from app.demo import load
from app.demo.patents import demo_patents
from app.extensions import db
from app.patents.models import Patent, PatentVerificationEvent, Verification


def test_the_demo_operator_verifies_the_demo_patents(app, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(load, "demo_patents", lambda: demo_patents()[:12])  # a small demo is enough here
    counts = load.load_demo()
    operator = db.session.scalar(db.select(User).where(User.email == "operator@demo.ole.cn"))
    patents = db.session.scalars(db.select(Patent)).all()
    assert counts["published"] > 0 and len(patents) == 12
    assert all(p.verification == Verification.VERIFIED for p in patents)
    events = db.session.scalars(db.select(PatentVerificationEvent)).all()
    assert len(events) == 12 and {(e.actor_id, e.action) for e in events} == {(operator.id, "verified")}
    load.load_demo()  # a rerun verifies nothing twice
    assert db.session.scalar(db.select(db.func.count(PatentVerificationEvent.id))) == 12
