"""Royalty estimation services: estimate with marketplace data; write a chosen standard into a draft."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from app import clock
from app.auth.access import ensure_owner
from app.auth.models import Role, User
from app.declarations import services as decl_svc
from app.declarations.models import Declaration, DeclarationStatus
from app.declarations.models import FeeMethod as DeclFeeMethod
from app.errors import Forbidden, RuleViolation, ValidationFailed, clauses, get_or_404
from app.extensions import db
from app.integrations.estimate import declaration_defaults, patent_facts, recommend
from app.integrations.royalties import fee_standard_errors
from app.patents.models import Patent
from royalties.errors import EstimateInputError
from royalties.types import EstimateInput, FeeStandard, Recommendation

# Defaults for the business questions a patentee may not know how to answer.
BUSINESS_DEFAULTS: dict[str, Any] = {
    "contribution_pct": Decimal("25"),
    "discount_rate_pct": Decimal("8"),
    "maturity": "pilot",
    "market_size": "medium",
}


def today() -> date:
    """The estimate date: CNIPA's calendar (Beijing time), as for every legal date."""
    return clock.today()


def run_estimate(
    actor: User, inp: EstimateInput, exclude_declaration_id: int | None = None
) -> Recommendation:
    """Estimate a royalty standard with this marketplace's comparables; bad input -> ValidationFailed."""
    try:
        return recommend(inp, exclude_declaration_id)
    except EstimateInputError as err:
        raise ValidationFailed(_("请修改标出的字段：") + clauses(err.errors.values()), err.errors) from err


def editable_declaration(actor: User, decl_id: int) -> Declaration:
    """The actor's own draft declaration: 404 if missing, 403 if not theirs, refused if not a draft."""
    decl = decl_svc.owned_declaration(actor, decl_id)
    if decl.status != DeclarationStatus.DRAFT:
        raise RuleViolation(
            _("该声明已%(status)s，许可使用费标准不能再修改；估算只用于草稿。", status=_(decl.status.label)),
            rule="draft_only",
        )
    return decl


def wizard_defaults(decl: Declaration, on: date) -> dict[str, Any]:
    """Prefill for both wizard steps: patent facts, the draft's industry and period, plain defaults."""
    return {**patent_facts(decl.patent), **BUSINESS_DEFAULTS, **declaration_defaults(decl, on)}


def owned_patent(actor: User, patent_id: int) -> Patent:
    """A patent the actor owns (admins: any), for prefilling facts; 404 if missing."""
    patent = get_or_404(Patent, patent_id, _("专利不存在。"))
    if not actor.has_role(Role.PATENTEE):
        raise Forbidden(_("只有专利权人可以引用自己名下的专利。"))
    ensure_owner(actor, patent.owner_id, _("专利"))
    return patent


def apply_standard(
    actor: User, decl_id: int, standard: FeeStandard, rec: Recommendation | None = None
) -> Declaration:
    """Write a chosen fee standard into a draft through the declarations update service (audited)."""
    decl = editable_declaration(actor, decl_id)
    errors = fee_standard_errors(standard)
    if errors:
        raise ValidationFailed(_("许可使用费标准不完整或有误，请修改标出的字段。"), errors)
    data = decl_svc.DeclarationInput(
        fee_method=DeclFeeMethod(standard.fee_method.value),
        lump_sum=standard.lump_sum,
        entry_fee=standard.entry_fee,
        royalty_rate_pct=standard.royalty_rate_pct,
        unit_fee=standard.unit_fee,
        period_start=decl.period_start,
        period_end=decl.period_end,
        contact=decl.contact,
        industry_code=decl.industry_code,
        remarks=decl.remarks,
    )
    decl = decl_svc.update_draft(actor, decl_id, data)
    if rec is not None:
        # Keep the range the standard came from: useful if a licensee later disputes it (Art. 52).
        band = {"low": str(rec.rates.low), "mid": str(rec.rates.mid), "high": str(rec.rates.high)}
        decl_svc.record_event(decl, actor, "estimate_used", {"rate_band_pct": band})
        db.session.flush()
    return decl
