"""Patent verification: operators verify or reject on evidence; edits void a check; publishing needs it."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.declarations.services import publish_declaration
from app.errors import Forbidden, RuleViolation, ValidationFailed
from app.extensions import db
from app.patents.models import PatentVerificationEvent, Verification
from app.patents.numbers import check_digit
from app.patents.services import require_patent_input, update_patent
from app.patents.verification import reject_patent, verification_queue, verify_patent

UNVERIFIED = Verification.UNVERIFIED
pytestmark = pytest.mark.usefixtures("app")


def test_a_registered_patent_starts_unverified(client, login, make_user):
    patentee = make_user(Role.PATENTEE)
    login(patentee)
    form = {"publication_number": "CN215792497U", "kind": "utility_model", "legal_status": "granted",
            "title": "一种膜纸自动化印刷技术生产线结构"}  # fmt: skip
    assert client.post("/patents/new", data=form).status_code == 302
    page = client.get("/patents/").get_data(as_text=True)
    assert "待核验" in page


def test_operator_verifies_with_an_audit_line(make_user, make_patent):
    operator, patent = make_user(Role.OPERATOR), make_patent(verification=UNVERIFIED)
    verify_patent(operator, patent.id, "  证书号 第4567890号  ")
    db.session.commit()
    assert patent.verification == Verification.VERIFIED
    (event,) = patent.verification_events
    assert (event.actor_id, event.action, event.detail["evidence"]) == (
        operator.id,
        "verified",
        "证书号 第4567890号",
    )
    assert event.detail["from"] == "unverified" and event.at is not None
    assert patent not in verification_queue(operator)


def test_reject_keeps_the_reason_for_the_patentee(client, login, make_user, make_patent):
    operator, patent = make_user(Role.OPERATOR), make_patent(verification=UNVERIFIED)
    reject_patent(operator, patent.id, "专利权人与登记簿不一致")
    db.session.commit()
    login(patent.owner)
    page = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "核验未通过" in page and "专利权人与登记簿不一致" in page


@pytest.mark.parametrize(
    ("call", "bad", "field"),
    [
        (verify_patent, "", "evidence"),
        (verify_patent, "   ", "evidence"),
        (verify_patent, "证" * 1001, "evidence"),
        (reject_patent, "", "reason"),
        (reject_patent, "\n\t", "reason"),
        (reject_patent, "理" * 1001, "reason"),
    ],
)
def test_empty_or_long_evidence_and_reasons_are_refused(make_user, make_patent, call, bad, field):
    operator, patent = make_user(Role.OPERATOR), make_patent(verification=UNVERIFIED)
    with pytest.raises(ValidationFailed) as err:
        call(operator, patent.id, bad)
    assert field in err.value.fields
    db.session.rollback()
    assert patent.verification == UNVERIFIED and not patent.verification_events


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.ENTERPRISE])
def test_only_operators_verify(make_user, make_patent, role):
    patent = make_patent(verification=UNVERIFIED)
    for call, text in ((verify_patent, "证书"), (reject_patent, "理由")):
        with pytest.raises(Forbidden):
            call(make_user(role), patent.id, text)
    with pytest.raises(Forbidden):
        call(patent.owner, patent.id, text)  # not even the patent's own owner


def test_admin_may_verify_and_a_second_verify_is_refused(make_user, make_patent):
    admin, patent = make_user(Role.ADMIN), make_patent(verification=UNVERIFIED)
    verify_patent(admin, patent.id, "登记簿副本")
    with pytest.raises(RuleViolation):
        verify_patent(admin, patent.id, "再次核验")
    assert len(patent.verification_events) == 1


EDIT = {
    "publication_number": "CN111504366B",
    "kind": "invention",
    "title": "基于人工智能的流体输送系统精确计量方法及计量装置",
    "ipc_codes": ["G01D", "G01F"],
    "legal_status": "granted",
    "filing_date": "2020-03-01",
    "grant_date": "2021-06-01",
    "annual_fee_paid_until": "2027-03-01",
}


@pytest.mark.parametrize(
    ("change", "resets"),
    [
        ({"publication_number": "CN215792497U", "kind": "utility_model"}, True),
        ({"application_number": f"202010123456.{check_digit('202010123456')}"}, True),
        ({"applicants": "另一家公司"}, True),
        ({"legal_status": "lapsed"}, True),
        ({"title": "新的名称"}, False),
        ({"annual_fee_paid_until": "2028-03-01"}, False),
    ],
)
def test_editing_number_kind_owner_or_status_voids_the_check(make_patent, change, resets):
    patent = make_patent()
    update_patent(patent.owner, patent.id, require_patent_input({**EDIT, **change}))
    db.session.commit()
    assert (patent.verification == UNVERIFIED) is resets
    events = db.session.scalars(db.select(PatentVerificationEvent)).all()
    assert [e.action for e in events] == (["reset"] if resets else [])


def test_an_unverified_patent_cannot_be_published(make_patent, make_declaration):
    decl = make_declaration(make_patent(verification=UNVERIFIED))
    with pytest.raises(RuleViolation) as err:
        publish_declaration(decl.owner, decl.id)
    assert "patent_verified" in err.value.fields
    assert "第八十五条" in err.value.message and "第八十八条" in err.value.message


def test_public_pages_show_verified(client, make_declaration):
    decl = make_declaration()
    publish_declaration(decl.owner, decl.id)
    db.session.commit()
    assert "已核验" in client.get(f"/announcements/{decl.id}").get_data(as_text=True)
    assert "已核验" in client.get("/announcements").get_data(as_text=True)
