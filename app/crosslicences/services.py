"""Cross-licence services: propose, counter, accept, reject; alliance-wide proposals.

Each offered patent is valued with royalties.estimate under the same business assumptions for both
sides, and royalties.cross.balance proposes the payment from the side whose portfolio is worth less.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app import clock
from app.alliances import services as alliance_svc
from app.auth.models import Role, User
from app.crosslicences.models import CrossGrant, CrossLicence, CrossLicenceItem, CrossStatus
from app.errors import Forbidden, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.integrations import pools as bridge
from app.licences.models import Payment
from app.patents.models import Patent
from app.pools.models import Pool, PoolPatent, PoolPatentStatus
from royalties.errors import EstimateInputError

OPEN_STATES = (CrossStatus.PROPOSED, CrossStatus.COUNTERED)


@dataclass
class CrossTerms:
    """Licence term and the valuation basis (licensee's annual sales and margin) for both sides."""

    term_start: date
    term_end: date
    industry_code: str = "C"
    annual_sales: Decimal = Decimal("1000000")
    profit_margin_pct: Decimal = Decimal("15")
    note: str = ""


def get_cross(cross_id: int) -> CrossLicence:
    return get_or_404(CrossLicence, cross_id, _("交叉许可提议不存在。"))


def _terms_errors(terms: CrossTerms, today: date) -> dict[str, str]:
    errors = {}
    if terms.term_start < today:
        errors["term_start"] = _("许可期限开始日不得早于今天。")
    if terms.term_end <= terms.term_start:
        errors["term_end"] = _("许可期限结束日须晚于开始日。")
    if not bridge.known_industry(terms.industry_code):
        errors["industry_code"] = _("未知的国民经济行业代码。")
    if terms.annual_sales < 0:
        errors["annual_sales"] = _("预计年销售额不得为负数。")
    if not Decimal(0) <= terms.profit_margin_pct <= Decimal(100):
        errors["profit_margin_pct"] = _("利润率须在0%至100%之间。")
    return errors


def _side_patents(owner: User, patent_ids: list[int], name: str) -> list[Patent]:
    ids = list(dict.fromkeys(patent_ids))
    patents = list(db.session.scalars(select(Patent).where(Patent.id.in_(ids)).order_by(Patent.id)))
    if not ids:
        raise ValidationFailed(_("双方都须列出拟许可的专利。"), {name: _("请至少选择一件专利。")})
    if len(patents) != len(ids) or any(p.owner_id != owner.id for p in patents):
        raise ValidationFailed(
            _("每一方只能列出自己名下的专利。"),
            {name: _("存在不属于%(owner)s的专利。", owner=owner.display_name or owner.email)},
        )
    return patents


def _value_items(cl: CrossLicence, sides: dict[str, list[Patent]], today: date) -> None:
    basis = bridge.ValuationBasis(
        cl.industry_code, cl.annual_sales, cl.profit_margin_pct, cl.term_start, cl.term_end, today
    )
    if cl.items:  # a counter: delete the old rows before inserting new ones for the same patents
        cl.items.clear()
        db.session.flush()
    values: dict[str, list] = {"a": [], "b": []}
    for side, patents in sides.items():
        for patent in patents:
            try:
                item = bridge.value_patent(patent, basis)
            except (EstimateInputError, ValueError) as err:
                message = getattr(err, "message", str(err))
                raise ValidationFailed(
                    _("专利 %(number)s 无法估值：%(reason)s。", number=patent.number, reason=message),
                    {f"patents_{side}": message},
                ) from err
            values[side].append(item)
            cl.items.append(CrossLicenceItem(side=side, patent=patent, value=item.lump_sum_value))
    result = bridge.balance_portfolios(values["a"], values["b"])
    cl.value_a, cl.value_b, cl.payer_side, cl.balancing_payment = (
        result.value_a,
        result.value_b,
        result.payer,
        result.payment,
    )


def propose_cross_licence(
    actor: User,
    party_a_id: int,
    party_b_id: int,
    patents_a: list[int],
    patents_b: list[int],
    terms: CrossTerms,
    today: date,
) -> CrossLicence:
    """A party (or an operator on their behalf) proposes a cross-licence; both sides are valued."""
    party_a, party_b = db.session.get(User, party_a_id), db.session.get(User, party_b_id)
    if party_a is None or party_b is None or party_a.id == party_b.id:
        raise ValidationFailed(_("请选择两个不同的当事方。"), {"party_b_id": _("请选择另一方。")})
    if actor.id not in (party_a.id, party_b.id) and not actor.has_role(Role.OPERATOR):
        raise Forbidden(_("只有当事方或运营中心可以提出交叉许可。"))
    errors = _terms_errors(terms, today)
    if errors:
        raise ValidationFailed(_("许可条件有误，请检查。"), errors)
    sides = {
        "a": _side_patents(party_a, patents_a, "patents_a"),
        "b": _side_patents(party_b, patents_b, "patents_b"),
    }
    cl = CrossLicence(
        party_a_id=party_a.id,
        party_b_id=party_b.id,
        proposer_id=actor.id,
        status=CrossStatus.PROPOSED,
        round=1,
    )
    for name in ("term_start", "term_end", "industry_code", "annual_sales", "profit_margin_pct", "note"):
        setattr(cl, name, getattr(terms, name))
    db.session.add(cl)
    _value_items(cl, sides, today)
    _record_acceptance(cl, actor)
    db.session.flush()
    return cl


def _party_side(actor: User, cl: CrossLicence) -> str:
    side = cl.side_of(actor)
    if side is None:
        raise Forbidden(_("只有交叉许可的当事方可以接受、还价或拒绝。"))
    if cl.status not in OPEN_STATES:
        raise RuleViolation(_("该交叉许可已经结束，不能再更改。"), rule="cross_closed")
    return side


def _record_acceptance(cl: CrossLicence, actor: User) -> None:
    side = cl.side_of(actor)
    if side is not None:
        setattr(cl, f"{side}_accepted_at", clock.now())


def counter_cross_licence(
    actor: User, cross_id: int, patents_a: list[int], patents_b: list[int], today: date
) -> CrossLicence:
    """A party counters with new lists: both sides are revalued and both acceptances reset."""
    cl = get_cross(cross_id)
    _party_side(actor, cl)
    sides = {
        "a": _side_patents(cl.party_a, patents_a, "patents_a"),
        "b": _side_patents(cl.party_b, patents_b, "patents_b"),
    }
    if cl.term_start < today:
        cl.term_start = today
    _value_items(cl, sides, today)
    cl.status, cl.round = CrossStatus.COUNTERED, cl.round + 1
    cl.a_accepted_at = cl.b_accepted_at = None
    _record_acceptance(cl, actor)
    db.session.flush()
    return cl


def accept_cross_licence(actor: User, cross_id: int) -> CrossLicence:
    """A party accepts; once both have, both licences are in force and the balancing payment is recorded."""
    cl = get_cross(cross_id)
    _party_side(actor, cl)
    _record_acceptance(cl, actor)
    if cl.a_accepted_at and cl.b_accepted_at:
        _conclude(cl)
    db.session.flush()
    return cl


def _conclude(cl: CrossLicence) -> None:
    now = clock.now()
    cl.status, cl.accepted_at = CrossStatus.ACCEPTED, now
    for licensor, licensee in ((cl.party_a, cl.party_b), (cl.party_b, cl.party_a)):
        cl.grants.append(CrossGrant(licensor=licensor, licensee=licensee, in_force_at=now))
    if cl.payer is not None and cl.balancing_payment > 0:
        cl.payment = Payment(
            licence_id=None,
            payer_id=cl.payer.id,
            payee_id=cl.payee.id if cl.payee else None,  # the payee confirms receipt
            amount=cl.balancing_payment,
            reference=f"CROSS-{cl.id}-R{cl.round}",
            purpose="cross_balance",
        )


def reject_cross_licence(actor: User, cross_id: int) -> CrossLicence:
    """A party rejects the proposal; it is closed."""
    cl = get_cross(cross_id)
    _party_side(actor, cl)
    cl.status, cl.rejected_at = CrossStatus.REJECTED, clock.now()
    db.session.flush()
    return cl


def view_cross(actor: User, cross_id: int) -> CrossLicence:
    """The proposal, for its parties, its proposer and admins."""
    cl = get_cross(cross_id)
    if not any(actor.can_manage(uid) for uid in (cl.party_a_id, cl.party_b_id, cl.proposer_id)):
        raise Forbidden(_("您无权查看此交叉许可。"))
    return cl


def crosses_of(user: User) -> list[CrossLicence]:
    ids = (CrossLicence.party_a_id, CrossLicence.party_b_id, CrossLicence.proposer_id)
    stmt = select(CrossLicence).where(or_(*(c == user.id for c in ids))).order_by(CrossLicence.id.desc())
    return list(db.session.scalars(stmt))


def pooled_patents(alliance_id: int, owner_id: int) -> list[int]:
    """Ids of the owner's patents consented into the alliance's pools."""
    stmt = (
        select(PoolPatent.patent_id)
        .join(Pool)
        .join(Patent, Patent.id == PoolPatent.patent_id)
        .where(Pool.alliance_id == alliance_id, PoolPatent.status == PoolPatentStatus.CONSENTED)
        .where(Patent.owner_id == owner_id)
    )
    return sorted(set(db.session.scalars(stmt)))


def _pair_open(alliance_id: int, a: int, b: int) -> bool:
    stmt = select(CrossLicence.id).where(
        CrossLicence.alliance_id == alliance_id,
        CrossLicence.status.in_([*OPEN_STATES, CrossStatus.ACCEPTED]),
        or_(
            (CrossLicence.party_a_id == a) & (CrossLicence.party_b_id == b),
            (CrossLicence.party_a_id == b) & (CrossLicence.party_b_id == a),
        ),
    )
    return db.session.scalar(stmt) is not None


def propose_alliance_cross_licences(
    actor: User, alliance_id: int, terms: CrossTerms, today: date
) -> list[CrossLicence]:
    """Pairwise cross-licences of all accepted members' pooled patents in the alliance's pools."""
    alliance = alliance_svc.managed_alliance(actor, alliance_id)
    holders = {
        m.organisation.owner_id: pooled_patents(alliance.id, m.organisation.owner_id)
        for m in alliance.accepted_members
    }
    holders = {uid: ids for uid, ids in holders.items() if ids}
    if len(holders) < 2:
        raise RuleViolation(_("至少需要两家联盟成员在联盟专利池中有已入池的专利。"), rule="alliance_pooled")
    made = []
    for a, b in combinations(sorted(holders), 2):
        if _pair_open(alliance.id, a, b):
            continue
        cl = propose_cross_licence(actor, a, b, holders[a], holders[b], terms, today)
        cl.alliance_id = alliance.id
        made.append(cl)
    db.session.flush()
    return made
