"""The demo shows a patent's life after grant: every annual-fee status and every CNIPA high-value category
occurs on dates relative to today, and what the source data lacks is badged as a demo assumption."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Role, User
from app.demo import load
from app.demo.models import DemoAssumption
from app.demo.patents import demo_patents
from app.extensions import db
from app.fees.services import fee_position_of
from app.highvalue.models import PatentAward
from app.highvalue.services import high_value_of
from app.monitoring.services import HIGH_VALUE_UNPAID, LAPSE, NEARING, MonitorFilter, monitored_patents
from app.patents.models import Patent
from royalties.types import YearStatus
from tests.rows import count

CATEGORIES = {"sei", "overseas_family", "maintained_10y", "pledge_financing", "award"}


@pytest.fixture
def demo(app, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(load, "demo_patents", lambda: demo_patents()[:80])  # enough for every story
    load.load_demo()
    return db.session.scalars(select(Patent).order_by(Patent.id)).all()


def _statuses(patents) -> set[YearStatus]:
    found = set()
    for patent in patents:
        position = fee_position_of(patent)
        if position is not None:
            found |= {y.status for y in position.schedule}
    return found


def test_every_fee_status_and_high_value_category_occurs(demo):
    assert {YearStatus.PAID, YearStatus.DUE, YearStatus.GRACE, YearStatus.LAPSED} <= _statuses(demo)
    next_due = {p.id: pos.next_due.status for p in demo if (pos := fee_position_of(p)) and pos.next_due}
    assert {YearStatus.DUE, YearStatus.GRACE, YearStatus.LAPSED} <= set(next_due.values())
    assert {c.code for p in demo for c in high_value_of(p)} == CATEGORIES


def test_the_operator_lists_are_not_empty(demo):
    operator = db.session.scalar(select(User).where(User.email == "operator@demo.ole.cn"))
    reasons = {r for row in monitored_patents(operator, MonitorFilter()) for r in row.reasons}
    assert reasons == {LAPSE, NEARING, HIGH_VALUE_UNPAID}


def test_assumed_facts_are_recorded_and_badged(demo, client):
    dated = [p for p in demo if p.grant_date is not None]
    assert len(dated) == 6
    noted = set(db.session.scalars(select(DemoAssumption.patent_id)))
    assert noted == {p.id for p in dated}  # every patent given a date or fact has its notes
    facts = [p for p in demo if p.pledge_amount or p.foreign_family]
    awarded = set(db.session.scalars(select(PatentAward.patent_id)))
    assert {p.id for p in facts} | awarded <= noted
    patentee = dated[0].owner
    assert patentee.email == "patentee1@demo.ole.cn" and patentee.role is Role.PATENTEE
    from app.demo.accounts import DEMO_PASSWORD

    client.post("/auth/login", data={"email": patentee.email, "password": DEMO_PASSWORD})
    html = client.get(f"/patents/{dated[0].id}").get_data(as_text=True)
    assert 'id="demo-assumptions"' in html and "演示假设" in html and "中国专利奖优秀奖" in html
    plain = next(p for p in demo if p.owner_id == patentee.id and p.id not in noted)
    assert 'id="demo-assumptions"' not in client.get(f"/patents/{plain.id}").get_data(as_text=True)


def test_rerun_keeps_one_set_of_assumptions(demo):
    before = (
        count(DemoAssumption),
        count(PatentAward),
    )
    load.load_demo()
    after = (
        count(DemoAssumption),
        count(PatentAward),
    )
    assert before == after and before[0] >= 6
