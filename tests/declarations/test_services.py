"""Drafts, ownership, lifecycle, audit trail, withdrawal, expiry and the publish hooks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.declarations import events
from app.declarations.models import DeclarationStatus, FeeMethod
from app.declarations.services import (
    DeclarationInput,
    create_draft,
    expire_due_declarations,
    update_draft,
    withdraw_declaration,
)
from app.errors import Forbidden, RuleViolation, ValidationFailed
from app.extensions import db
from app.licences.models import LicenceStatus
from app.licences.services import take_licence
from app.payments.services import confirm_payment
from tests.declarations.helpers import publish

RUNNING = DeclarationInput(
    fee_method=FeeMethod.RUNNING_ROYALTY,
    royalty_rate_pct=Decimal("3.5"),
    period_start=date(2026, 7, 1),
    period_end=date(2029, 6, 30),
    contact="张经理 010-88886666",
)


def test_create_draft_records_the_event(app, make_patent):
    patent = make_patent()
    decl = create_draft(patent.owner, patent.id, RUNNING)
    db.session.commit()
    assert decl.status == DeclarationStatus.DRAFT and decl.owner_id == patent.owner_id
    event = decl.events[0]
    assert event.action == "created" and event.actor_id == patent.owner_id
    assert event.detail["royalty_rate_pct"] == {"old": None, "new": "3.50"}
    assert "remarks" not in event.detail  # empty before and after: not a change worth recording


def test_only_the_patents_owner_can_declare(app, make_user, make_patent):
    patent = make_patent()
    other = make_user(Role.PATENTEE)
    with pytest.raises(Forbidden):
        create_draft(other, patent.id, RUNNING)
    with pytest.raises(Forbidden):
        create_draft(make_user(Role.ENTERPRISE), patent.id, RUNNING)


def test_negative_amount_is_refused_and_nothing_saved(app, make_patent):
    patent = make_patent()
    with pytest.raises(ValidationFailed) as exc:
        create_draft(
            patent.owner, patent.id, DeclarationInput(fee_method=FeeMethod.LUMP_SUM, lump_sum=Decimal("-1"))
        )
    assert "lump_sum" in exc.value.fields


def test_update_logs_old_and_new_values(app, make_declaration):
    decl = make_declaration()
    update_draft(decl.owner, decl.id, DeclarationInput(**{**RUNNING.__dict__, "contact": "新联系人"}))
    db.session.commit()
    detail = decl.events[-1].detail
    assert decl.events[-1].action == "updated"
    assert detail["fee_method"] == {"old": "lump_sum", "new": "running_royalty"}
    assert detail["lump_sum"] == {"old": "50000.00", "new": None}
    assert detail["contact"]["new"] == "新联系人"


def test_another_user_cannot_edit_publish_or_withdraw(app, make_user, make_declaration):
    from app.declarations.services import publish_declaration

    decl = make_declaration()
    other = make_user(Role.PATENTEE)
    for call in (
        lambda: update_draft(other, decl.id, RUNNING),
        lambda: publish_declaration(other, decl.id),
        lambda: withdraw_declaration(other, decl.id, "x"),
    ):
        with pytest.raises(Forbidden):
            call()
    assert decl.status == DeclarationStatus.DRAFT and len(decl.events) == 0


def test_published_declaration_is_not_editable(app, make_declaration):
    decl = publish(make_declaration())
    with pytest.raises(RuleViolation):
        update_draft(decl.owner, decl.id, RUNNING)


def test_withdraw_needs_reason_and_keeps_licences(app, make_user, make_declaration):
    decl = publish(make_declaration())
    licensee = make_user(Role.ENTERPRISE)
    licence, _ = take_licence(licensee, decl.id, "书面通知", "BANK-001", Decimal("50000.00"))
    confirm_payment(decl.owner, licence.upfront_payment.id)
    db.session.commit()
    with pytest.raises(ValidationFailed):
        withdraw_declaration(decl.owner, decl.id, "  ")
    withdraw_declaration(decl.owner, decl.id, "技术方案已转让")
    db.session.commit()
    assert decl.status == DeclarationStatus.WITHDRAWN and decl.withdrawn_at is not None
    assert licence.status == LicenceStatus.IN_FORCE
    assert [e.action for e in decl.events] == ["published", "withdrawn"]
    assert decl.events[-1].detail["reason"] == "技术方案已转让"
    with pytest.raises(RuleViolation):
        withdraw_declaration(decl.owner, decl.id, "again")


def test_expiry_ends_only_declarations_past_their_period(app, make_patent, make_declaration):
    ending = publish(make_declaration(period_end=date(2026, 12, 31)))
    running = publish(
        make_declaration(make_patent(publication_number="CN114081026A"), period_end=date(2028, 1, 1))
    )
    assert expire_due_declarations(date(2026, 12, 31)) == []
    expired = expire_due_declarations(date(2027, 1, 1))
    db.session.commit()
    assert expired == [ending]
    assert ending.status == DeclarationStatus.EXPIRED and ending.events[-1].action == "expired"
    assert ending.events[-1].actor_id is None and running.status == DeclarationStatus.PUBLISHED


def test_signals_fire_on_publish_withdraw_and_expire(app, make_patent, make_declaration):
    seen: list[tuple[str, object, int]] = []

    def receiver(kind: str):  # type: ignore[no-untyped-def]
        return lambda sender, declaration: seen.append((kind, sender, declaration.id))

    pub, unpub = receiver("pub"), receiver("unpub")
    with events.published.connected_to(pub, sender=app), events.unpublished.connected_to(unpub, sender=app):
        a = publish(make_declaration())
        withdraw_declaration(a.owner, a.id, "停止开放许可")
        b = publish(
            make_declaration(make_patent(publication_number="CN114081026A"), period_end=date(2026, 12, 31))
        )
        expire_due_declarations(date(2027, 1, 1))
    assert seen == [("pub", app, a.id), ("unpub", app, a.id), ("pub", app, b.id), ("unpub", app, b.id)]


def test_cli_expire_command(app, make_declaration):
    decl = publish(make_declaration(period_end=date(2026, 12, 31)))
    result = app.test_cli_runner().invoke(args=["declarations", "expire", "--today", "2027-01-02"])
    assert result.exit_code == 0 and "expired 1" in result.output
    db.session.refresh(decl)
    assert decl.status == DeclarationStatus.EXPIRED
