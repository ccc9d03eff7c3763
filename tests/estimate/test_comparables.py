"""Comparables gathered from the marketplace: announced running-royalty declarations, same IPC or industry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus, FeeMethod
from app.estimate.forms import estimate_input
from app.estimate.services import run_estimate, today
from app.extensions import db
from app.integrations.estimate import gather_comparables
from app.licences.models import Licence
from tests.estimate.conftest import business_form, facts_form
from tests.estimate.test_wizard import cleaned


def inp(**overrides):
    return estimate_input(cleaned({**facts_form(), **business_form(**overrides)}), today())


@pytest.fixture
def announce(app, make_patent, make_declaration):
    """n declarations of G01F patents at 3..(3+n-1) %, with a status; industry left blank."""

    def make(n, status=DeclarationStatus.PUBLISHED, ipc=("G01F",), method=FeeMethod.RUNNING_ROYALTY):
        decls = []
        for i in range(n):
            patent = make_patent(publication_number=None, application_number=None, ipc_codes=list(ipc))
            decl = make_declaration(
                patent=patent, status=status, fee_method=method, lump_sum=None,
                royalty_rate_pct=Decimal(3 + i), ipc_sections=f",{ipc[0][0]},",
            )  # fmt: skip
            decls.append(decl)
        return decls

    return make


def comparables_method(patentee):
    rec = run_estimate(patentee, inp())
    return next(m for m in rec.methods if m.name == "comparables")


def test_five_announced_in_the_same_subclass_make_the_method_available(announce, patentee):
    announce(5)
    method = comparables_method(patentee)
    assert method.available and method.inputs["count"] == "5" and "G01F" in method.inputs["basis"]
    assert method.inputs["quartiles_pct"] == "4.00 / 5.00 / 6.00"


@pytest.mark.parametrize(
    "extra_status, available",
    [
        (DeclarationStatus.DRAFT, False),
        (DeclarationStatus.WITHDRAWN, False),
        (DeclarationStatus.PUBLISHED, True),
    ],
)
def test_drafts_and_unused_withdrawn_declarations_do_not_count(announce, patentee, extra_status, available):
    announce(4)
    announce(1, status=extra_status)
    method = comparables_method(patentee)
    assert method.available is available
    assert len(gather_comparables(inp())) == (5 if available else 4)
    if not available:
        assert "少于5个" in method.reason_unavailable


def test_withdrawn_declaration_with_a_licence_taken_counts_once(announce, patentee, make_user):
    announce(4)
    (withdrawn,) = announce(1, status=DeclarationStatus.WITHDRAWN)
    for _ in range(2):
        db.session.add(Licence(declaration=withdrawn, licensee=make_user(Role.ENTERPRISE), notice="书面通知"))
    db.session.commit()
    assert len(gather_comparables(inp())) == 5 and comparables_method(patentee).available


def test_other_fields_and_lump_sums_are_not_comparables(announce, patentee):
    announce(5, ipc=("A61K",))
    announce(5, method=FeeMethod.LUMP_SUM)
    assert gather_comparables(inp()) == [] or all(c.ipc_subclass != "G01F" for c in gather_comparables(inp()))
    assert not comparables_method(patentee).available


def test_same_industry_division_when_the_subclass_has_too_few(announce, patentee):
    decls = announce(5, ipc=("A61K",))
    for d in decls:
        d.industry_code = "4011"
    db.session.commit()
    method = comparables_method(patentee)
    assert method.available and "同行业40" in method.inputs["basis"]


def test_the_declaration_being_estimated_is_left_out(announce):
    decls = announce(5)
    assert len(gather_comparables(inp(), exclude_declaration_id=decls[0].id)) == 4
