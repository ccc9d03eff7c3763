"""ORM rows -> the royalty estimator's inputs: patent facts, declaration defaults, marketplace comparables."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import exists, or_, select

from app.declarations.models import Declaration, DeclarationStatus
from app.declarations.models import FeeMethod as DeclFeeMethod
from app.extensions import db
from app.licences.models import Licence
from app.patents.models import Patent
from royalties.estimate import estimate, to_dict
from royalties.rates import normalise_code, section_of
from royalties.types import Comparable, EstimateInput, FeeMethod, PatentKind, Recommendation, Stability


def patent_facts(patent: Patent) -> dict[str, Any]:
    """Step 1 defaults from the patent record (the patentee may correct them)."""
    return {
        "patent_kind": PatentKind(patent.kind.value).value,
        "filing_date": patent.filing_date,
        "grant_date": patent.grant_date,
        "annual_fee_paid_until": patent.annual_fee_paid_until,
        "claim_count": patent.claim_count,
        # An evaluation report on file is the stability evidence the patentee most often has.
        "stability": (Stability.EVALUATION_REPORT if patent.evaluation_report_ref else Stability.NONE).value,
        "ipc_subclass": patent.ipc_subclasses[0] if patent.ipc_codes else "",
    }


def declaration_defaults(decl: Declaration, today: date) -> dict[str, Any]:
    """Step 2 defaults: industry and licence period from the draft (or the patentee's profile)."""
    org = decl.owner.organisation
    industry = decl.industry_code or (org.industry_codes[0] if org and org.industry_codes else "")
    start = decl.period_start
    # An estimate looks forward: a period that already began is valued from today.
    if start is not None and start < today:
        start = today
    return {"industry_code": industry, "licence_start": start, "licence_end": decl.period_end}


def gather_comparables(inp: EstimateInput, exclude_declaration_id: int | None = None) -> list[Comparable]:
    """Running-royalty declarations on this marketplace in the input's IPC section or industry.

    A declaration counts once if it is announced now, or if licences were taken under it (a withdrawn
    declaration's rate was still a price someone accepted). Licences carry the declaration's standard,
    so counting each licence again would weight one patentee's price several times.
    """
    rows = db.session.scalars(_comparable_query(inp, exclude_declaration_id)).all()
    wanted_ipc = (inp.ipc_subclass or "").replace(" ", "").upper()[:4]
    return [_comparable(decl, wanted_ipc) for decl in rows]


def _comparable_query(inp: EstimateInput, exclude_id: int | None) -> Any:
    has_licence = exists().where(Licence.declaration_id == Declaration.id)
    stmt = select(Declaration).where(
        Declaration.fee_method.in_([DeclFeeMethod.RUNNING_ROYALTY, DeclFeeMethod.ENTRY_PLUS_RUNNING]),
        Declaration.royalty_rate_pct.is_not(None),
        or_(Declaration.status == DeclarationStatus.PUBLISHED, has_licence),
    )
    narrow = []
    if inp.ipc_subclass:
        narrow.append(Declaration.in_ipc_section(inp.ipc_subclass))
    division = normalise_code(inp.industry_code)
    if division:
        narrow.append(Declaration.industry_code.like(f"{division}%"))
        narrow.append(Declaration.industry_code.like(f"{section_of(division)}{division}%"))
    if narrow:
        stmt = stmt.where(or_(*narrow))
    if exclude_id is not None:
        stmt = stmt.where(Declaration.id != exclude_id)
    return stmt.order_by(Declaration.id)


def _comparable(decl: Declaration, wanted_ipc: str) -> Comparable:
    subclasses = decl.patent.ipc_subclasses
    # A patent with several subclasses is comparable on any of them: report the one asked for.
    ipc = wanted_ipc if wanted_ipc in subclasses else (subclasses[0] if subclasses else None)
    return Comparable(
        key=f"declaration:{decl.id}",
        fee_method=FeeMethod(decl.fee_method.value),  # type: ignore[union-attr]
        royalty_rate_pct=decl.royalty_rate_pct,
        lump_sum=decl.lump_sum,
        unit_fee=decl.unit_fee,
        entry_fee=decl.entry_fee,
        ipc_subclass=ipc,
        industry_code=decl.industry_code or None,
    )


def recommend(inp: EstimateInput, exclude_declaration_id: int | None = None) -> Recommendation:
    """The royalty estimate with this marketplace's comparables; raises EstimateInputError on bad input."""
    return estimate(inp, gather_comparables(inp, exclude_declaration_id))


def recommendation_json(rec: Recommendation) -> dict[str, Any]:
    """A recommendation as JSON: rates in % of net sales, money in CNY, as decimal strings."""
    return to_dict(rec)
