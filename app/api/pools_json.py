"""JSON shapes of pools, ledger lines, alliances and cross-licences for /api/v1 (money as strings)."""

from __future__ import annotations

from typing import Any

from app.alliances.models import Alliance
from app.api.core import money_str
from app.api.licences import payment_json
from app.crosslicences.models import CrossLicence
from app.pools.ledger import upfront_payment
from app.pools.models import Pool, PoolLicence, PoolPatent, PoolPayment


def pool_json(p: Pool) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "status": p.status.value,
        "field_ipc": p.field_ipc,
        "industry_codes": p.industry_codes,
        "alliance_id": p.alliance_id,
        "term_start": p.term_start.isoformat() if p.term_start else None,
        "term_end": p.term_end.isoformat() if p.term_end else None,
        "fee_method": p.fee_method.value if p.fee_method else None,
        "lump_sum": money_str(p.lump_sum),
        "royalty_rate_pct": money_str(p.royalty_rate_pct),
        "unit_fee": money_str(p.unit_fee),
        "field_of_use": p.field_of_use,
        "admin_fee_pct": money_str(p.admin_fee_pct),
        "distribution_rule": p.distribution_rule.value,
        "patents": [pool_patent_json(pp) for pp in p.consented],
    }


def pool_patent_json(pp: PoolPatent) -> dict[str, Any]:
    return {
        "id": pp.id,
        "patent_id": pp.patent_id,
        "number": pp.patent.number,
        "status": pp.status.value,
        "consent_at": pp.consent_at.isoformat() if pp.consent_at else None,
        "essentiality": pp.essentiality.value if pp.essentiality else None,
        "share_pct": money_str(pp.share_pct),
        "screen": pp.screen,
    }


def ledger_line_json(line: PoolPayment) -> dict[str, Any]:
    shares = [
        {
            "patent_id": s.patent_id,
            "patentee_id": s.patentee_id,
            "basis": str(s.basis),
            "amount": money_str(s.amount),
        }
        for s in line.shares
    ]
    return {
        "id": line.id,
        "payment_id": line.payment_id,
        "payment_status": line.payment.status.value,
        "payment_reference": line.payment.reference,
        "amount": money_str(line.amount),
        "admin_fee_pct": money_str(line.admin_fee_pct),
        "admin_fee": money_str(line.admin_fee),
        "rule": line.rule.value,
        "rounding": line.rounding_note,
        "shares": shares,
    }


def alliance_json(a: Alliance) -> dict[str, Any]:
    members = [
        {
            "id": m.id,
            "organisation_id": m.organisation_id,
            "name": m.organisation.name,
            "status": m.status.value,
        }
        for m in a.members
    ]
    return {
        "id": a.id,
        "name": a.name,
        "industry_codes": a.industry_codes,
        "region": a.region,
        "charter": a.charter,
        "members": members,
    }


def cross_json(c: CrossLicence) -> dict[str, Any]:
    items = [{"side": i.side, "patent_id": i.patent_id, "value": money_str(i.value)} for i in c.items]
    return {
        "id": c.id,
        "party_a_id": c.party_a_id,
        "party_b_id": c.party_b_id,
        "status": c.status.value,
        "round": c.round,
        "value_a": money_str(c.value_a),
        "value_b": money_str(c.value_b),
        "payer_side": c.payer_side,
        "balancing_payment": money_str(c.balancing_payment),
        "items": items,
        "a_accepted": c.a_accepted_at is not None,
        "b_accepted": c.b_accepted_at is not None,
        "grants": [{"licensor_id": g.licensor_id, "licensee_id": g.licensee_id} for g in c.grants],
    }


def pool_licence_json(licence: PoolLicence) -> dict[str, Any]:
    """A pool licence with the payment claimed at taking (None when nothing was due)."""
    payment = upfront_payment(licence)
    return {
        "id": licence.id,
        "pool_id": licence.pool_id,
        "status": licence.status.value,
        "notice_at": licence.notice_at.isoformat(),
        "in_force_at": licence.in_force_at.isoformat() if licence.in_force_at else None,
        "payment": payment_json(payment) if payment else None,
    }
