"""Co-owners: shares adding up to 100 %, consent to declaring and withdrawing, royalties split by share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.coowners import services as svc
from app.coowners.models import ConsentAction, CoOwner
from app.declarations import services as decl_svc
from app.declarations.models import DeclarationStatus
from app.declarations.rules import co_owner_consent
from app.errors import Forbidden, RuleViolation, ValidationFailed
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus

TODAY = date(2026, 11, 25)
D = Decimal
pytestmark = pytest.mark.usefixtures("app")


def others(*rows: tuple[str, str | None]) -> list[svc.CoOwnerInput]:
    return [svc.CoOwnerInput(identity, D(share) if share else None) for identity, share in rows]


@pytest.fixture
def partner(make_user):
    return make_user(Role.ENTERPRISE, email="partner@example.cn", org="合作企业")


def co_owned(owner, patent, partner) -> list[CoOwner]:
    rows = svc.set_co_owners(
        owner, patent.id, D("50"), others(("partner@example.cn", "30"), ("大连理工大学", "20"))
    )
    db.session.commit()
    return rows


def test_sole_owner_has_no_rows_and_needs_no_consent(patent, make_declaration) -> None:
    assert svc.co_owners_of(patent.id) == []
    assert co_owner_consent(make_declaration(patent), TODAY) is None


def test_set_co_owners_orders_the_account_owner_first(owner, patent, partner) -> None:
    rows = co_owned(owner, patent, partner)
    assert [(r.position, r.user_id, r.name, r.share_pct) for r in rows] == [
        (0, owner.id, "", D("50.00")),
        (1, partner.id, "", D("30.00")),
        (2, None, "大连理工大学", D("20.00")),
    ]
    assert [r.label for r in rows][1:] == ["合作企业", "大连理工大学"]


def test_resetting_keeps_rows_and_back_to_sole_owner_removes_them(owner, patent, partner) -> None:
    first = co_owned(owner, patent, partner)
    again = svc.set_co_owners(owner, patent.id, D("60"), others(("partner@example.cn", "40")))
    assert again[1].id == first[1].id and again[1].share_pct == D("40.00")
    assert len(svc.co_owners_of(patent.id)) == 2
    assert svc.set_co_owners(owner, patent.id, D("100"), []) == []
    assert svc.co_owners_of(patent.id) == []


@pytest.mark.parametrize(
    ("owner_share", "rows", "field"),
    [
        ("60", [("partner@example.cn", "30")], "co_owners"),  # sum 90
        ("60", [("partner@example.cn", "50")], "co_owners"),  # sum 110
        (None, [("partner@example.cn", "50")], "owner_share_pct"),
        ("0", [("partner@example.cn", "100")], "owner_share_pct"),
        ("100", [("partner@example.cn", "0")], "co_owners.0"),
        ("-10", [("partner@example.cn", "110")], "owner_share_pct"),
        ("50", [("partner@example.cn", "50.001")], "co_owners.0"),
        ("50", [("partner@example.cn", None)], "co_owners.0"),
        ("50", [("nobody@example.cn", "50")], "co_owners.0"),
        ("50", [("", "50")], "co_owners.0"),
        ("50", [("名" * 201, "50")], "co_owners.0"),
        ("50", [("大连理工大学", "25"), ("大连理工大学", "25")], "co_owners"),
        ("50", [("operator@example.cn", "50")], "co_owners.0"),
        ("50", [("OWNER", "50")], "co_owners.0"),  # the owner's own e-mail
        ("100", [], "owner_share_pct_sole"),
    ],
)
def test_bad_co_owner_input_is_refused_and_writes_nothing(
    owner, patent, partner, make_user, owner_share, rows, field
) -> None:
    make_user(Role.OPERATOR, email="operator@example.cn")
    rows = [(owner.email if r[0] == "OWNER" else r[0], r[1]) for r in rows]
    share = D(owner_share) if owner_share else None
    if field == "owner_share_pct_sole":  # a sole owner must hold 100 %: 99 is refused
        share, field = D("99"), "co_owners"
    with pytest.raises(ValidationFailed) as err:
        svc.set_co_owners(owner, patent.id, share, others(*rows))
    assert field in err.value.fields
    db.session.rollback()
    assert svc.co_owners_of(patent.id) == []


def test_more_than_twenty_co_owners_are_refused(owner, patent) -> None:
    rows = others(*[(f"共有人{i}", "2") for i in range(21)])
    with pytest.raises(ValidationFailed) as err:
        svc.set_co_owners(owner, patent.id, D("58"), rows)
    assert "co_owners" in err.value.fields


def test_only_the_owner_sets_co_owners(patent, make_user) -> None:
    with pytest.raises(Forbidden):
        svc.set_co_owners(make_user(Role.PATENTEE), patent.id, D("100"), [])


def test_publication_needs_every_co_owners_consent(owner, patent, partner, make_declaration) -> None:
    rows = co_owned(owner, patent, partner)
    decl = make_declaration(patent)
    with pytest.raises(RuleViolation) as err:
        decl_svc.publish_declaration(owner, decl.id, TODAY)
    assert err.value.rule == "co_owner_consent"
    assert (
        "合作企业" in err.value.message
        and "大连理工大学" in err.value.message
        and "2024" in err.value.message
    )
    db.session.rollback()
    svc.record_consent(partner, decl.id, "declare")
    svc.record_consent(owner, decl.id, "declare", rows[2].id, "同意书 2026-011")
    assert decl_svc.publish_declaration(owner, decl.id, TODAY).status == DeclarationStatus.PUBLISHED


def test_editing_the_terms_voids_the_consent(owner, patent, partner, make_declaration) -> None:
    rows = co_owned(owner, patent, partner)
    decl = make_declaration(patent)
    svc.record_consent(partner, decl.id, "declare")
    svc.record_consent(owner, decl.id, "declare", rows[2].id, "同意书 1")
    assert co_owner_consent(decl, TODAY) is None
    decl_svc.update_draft(owner, decl.id, decl_svc.DeclarationInput(
        fee_method=decl.fee_method, lump_sum=D("90000.00"), period_start=decl.period_start,
        period_end=decl.period_end, contact=decl.contact,
    ))  # fmt: skip
    refusal = co_owner_consent(decl, TODAY)
    assert refusal is not None and "合作企业" in refusal.message
    again = svc.record_consent(partner, decl.id, "declare")  # consents anew, the stale row replaced
    assert again.terms_sha256 == svc.terms_sha256(decl)


def test_withdrawal_needs_every_co_owners_consent(owner, patent, partner, make_declaration) -> None:
    rows = co_owned(owner, patent, partner)
    decl = make_declaration(patent, status=DeclarationStatus.PUBLISHED)
    with pytest.raises(RuleViolation) as err:
        decl_svc.withdraw_declaration(owner, decl.id, "技术转让")
    assert err.value.rule == "co_owner_consent"
    db.session.rollback()
    svc.record_consent(partner, decl.id, "withdraw")
    svc.record_consent(owner, decl.id, "withdraw", rows[2].id, "撤回同意书 7")
    assert decl_svc.withdraw_declaration(owner, decl.id, "技术转让").status == DeclarationStatus.WITHDRAWN


def test_consent_is_idempotent(owner, patent, partner, make_declaration) -> None:
    co_owned(owner, patent, partner)
    decl = make_declaration(patent)
    assert (
        svc.record_consent(partner, decl.id, "declare").id
        == svc.record_consent(partner, decl.id, "declare").id
    )


@pytest.mark.parametrize(
    ("who", "action", "target", "reference", "status", "error"),
    [
        ("stranger", "declare", None, "", DeclarationStatus.DRAFT, Forbidden),
        ("partner", "approve", None, "", DeclarationStatus.DRAFT, ValidationFailed),
        ("partner", "withdraw", None, "", DeclarationStatus.DRAFT, RuleViolation),
        ("partner", "declare", None, "", DeclarationStatus.PUBLISHED, RuleViolation),
        (
            "owner",
            "declare",
            "partner",
            "同意书",
            DeclarationStatus.DRAFT,
            ValidationFailed,
        ),  # has an account
        ("owner", "declare", "named", "", DeclarationStatus.DRAFT, ValidationFailed),  # no reference
        ("owner", "declare", "named", "文" * 201, DeclarationStatus.DRAFT, ValidationFailed),
        ("owner", "declare", None, "同意书", DeclarationStatus.DRAFT, ValidationFailed),  # no co-owner named
    ],
)
def test_bad_consents_are_refused(
    owner, patent, partner, make_user, make_declaration, who, action, target, reference, status, error
) -> None:
    rows = co_owned(owner, patent, partner)
    decl = make_declaration(patent, status=status)
    actor = {"stranger": make_user(Role.ENTERPRISE), "partner": partner, "owner": owner}[who]
    target_id = {"partner": rows[1].id, "named": rows[2].id, None: None}[target]
    with pytest.raises(error):
        svc.record_consent(actor, decl.id, action, target_id, reference)
    db.session.rollback()
    assert svc.consents_of(decl, ConsentAction.DECLARE) == {}


def _paid(decl, licensee, amount: str, reference: str, status=PaymentStatus.CONFIRMED) -> None:
    lic = db.session.query(Licence).filter_by(declaration_id=decl.id).first()
    if lic is None:
        lic = Licence(declaration=decl, licensee=licensee, status=LicenceStatus.IN_FORCE, notice="书面通知")
    db.session.add(
        Payment(licence=lic, payer_id=licensee.id, amount=D(amount), reference=reference, status=status)
    )
    db.session.commit()


def test_royalties_received_are_split_by_share_to_the_fen(
    owner, patent, partner, make_user, make_declaration
):
    svc.set_co_owners(
        owner, patent.id, D("33.33"), others(("partner@example.cn", "33.33"), ("大学", "33.34"))
    )
    db.session.commit()
    decl = make_declaration(patent, status=DeclarationStatus.PUBLISHED)
    licensee = make_user(Role.ENTERPRISE)
    _paid(decl, licensee, "100.00", "PAY-1")
    _paid(decl, licensee, "0.01", "PAY-2")
    _paid(decl, licensee, "500.00", "PAY-3", PaymentStatus.CLAIMED)  # not received yet: not split
    mine = svc.holdings(owner)
    theirs = svc.holdings(partner)
    assert [(h.received, h.part) for h in mine] == [(D("100.01"), D("33.33"))]
    assert [(h.received, h.part) for h in theirs] == [(D("100.01"), D("33.33"))]
    # 100.00 -> 33.33 / 33.33 / 33.34; 0.01 -> the university's larger remainder takes the fen
    named = svc.co_owners_of(patent.id)[2]
    from app.integrations.coowners import split_by_shares

    assert split_by_shares(D("100.00"), svc.co_owners_of(patent.id))[named.id] == D("33.34")
    assert sum(split_by_shares(D("0.01"), svc.co_owners_of(patent.id)).values()) == D("0.01")


def test_awaiting_consent_lists_the_step_per_declaration(owner, patent, partner, make_declaration) -> None:
    co_owned(owner, patent, partner)
    draft = make_declaration(patent)
    waiting = svc.awaiting_consent(partner)
    assert [(d.id, a) for d, _row, a in waiting] == [(draft.id, ConsentAction.DECLARE)]
    assert svc.awaiting_consent(owner) == []
