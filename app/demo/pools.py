"""Demo data: one alliance, one open pool with several patentees and licences, one accepted cross-licence.

Idempotent (everything is looked up by name or parties first); the caller commits.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app import clock
from app.alliances import services as alliance_svc
from app.alliances.models import Alliance
from app.auth.models import User
from app.crosslicences import services as cross_svc
from app.crosslicences.models import CrossLicence
from app.errors import DomainError
from app.extensions import db
from app.integrations.pools import screen_patent
from app.integrations.royalties import patent_expiry
from app.licences.models import PaymentStatus
from app.patents.models import Patent
from app.payments.services import confirm_payment
from app.pools import ledger as ledger_svc
from app.pools import services as pool_svc
from app.pools.models import Essentiality, FeeMethod, Pool, Rule

ALLIANCE_NAME = "辽宁智能计量产业知识产权联盟"
POOL_NAME = "智能计量一站式专利池"
CROSS_NOTE = "演示：双方以各自专利交叉许可，估值较低一方支付差额。"


def load_pool_demo(
    operator: User, patentees: list[User], enterprises: list[User], patents_by_owner: dict[int, list[Patent]]
) -> None:
    """Create the alliance, the pool (consents, licences, ledger) and a cross-licence, once."""
    today = clock.today()
    alliance = _alliance(operator, [*patentees, *enterprises])
    chosen = {u.id: _usable(patents_by_owner.get(u.id, []), today)[:2] for u in patentees}
    chosen = {uid: ps for uid, ps in chosen.items() if ps}
    if chosen:
        pool = _pool(operator, alliance, chosen, today)
        _licences(pool, enterprises[:2], today)
    pair = [uid for uid in chosen][:2]
    if len(pair) == 2:
        _cross(operator, pair, chosen, today)
    db.session.flush()


def _usable(patents: list[Patent], today: date) -> list[Patent]:
    """In force, and not known to expire within three years.

    The demo's real patents come without filing dates (the source gives none), so their expiry is
    unknown; screening shows that to the operator instead of the demo inventing dates.
    """
    probe = Pool(field_ipc=[], term_end=today + timedelta(days=3 * 365))
    usable = []
    for patent in patents:
        flags = screen_patent(patent, probe, today)
        if flags["in_force"] and (flags["term_ok"] or flags["expiry"] is None):
            usable.append(patent)
    return usable


def _alliance(operator: User, users: list[User]) -> Alliance:
    alliance = db.session.scalar(select(Alliance).where(Alliance.name == ALLIANCE_NAME))
    if alliance is None:
        data = alliance_svc.AllianceInput(
            name=ALLIANCE_NAME,
            industry_codes=["C", "40"],
            region="辽宁省",
            charter="成员共享计量领域专利信息，通过专利池一站式许可和成员间交叉许可降低许可成本。",
        )
        alliance = alliance_svc.create_alliance(operator, data)
    orgs = [u.organisation.id for u in users if u.organisation]
    new = {m.organisation_id for m in alliance.members}
    if set(orgs) - new:
        alliance_svc.invite_organisations(operator, alliance.id, [o for o in orgs if o not in new])
    for member in alliance.members:
        if member.status.value == "invited":
            alliance_svc.decide_invitation(member.organisation.owner, member.id, True)
    return alliance


def _pool(operator: User, alliance: Alliance, chosen: dict[int, list[Patent]], today: date) -> Pool:
    pool = db.session.scalar(select(Pool).where(Pool.name == POOL_NAME))
    if pool is not None:
        return pool
    patents = [p for ps in chosen.values() for p in ps]
    field = [code for code, _ in Counter(c for p in patents for c in p.ipc_subclasses).most_common(3)]
    expiries = [e for e in (patent_expiry(p) for p in patents) if e]
    data = pool_svc.PoolInput(
        name=POOL_NAME,
        field_ipc=field,
        term_start=today,
        term_end=min([today + timedelta(days=3 * 365), *expiries]),
        fee_method=FeeMethod.LUMP_SUM,
        lump_sum=Decimal("30000.00"),
        field_of_use="池内专利所涉产品的制造、使用、销售（中国大陆）",
        admin_fee_pct=Decimal("5"),
        # Per patent: the weighted rule needs remaining terms, unknown for the demo's undated patents.
        distribution_rule=Rule.COUNT,
        alliance_id=alliance.id,
    )
    pool = pool_svc.create_pool(operator, data)
    for i, row in enumerate(pool_svc.invite_patents(operator, pool.id, [p.id for p in patents])):
        pool_svc.decide_consent(row.patent.owner, row.id, True)
        judgement = Essentiality.ESSENTIAL if i % 2 == 0 else Essentiality.RELEVANT
        pool_svc.judge_patent(
            operator, row.id, judgement, "演示：依据权利要求与领域标准的对应关系判断。", None
        )
    pool_svc.screen_pool(operator, pool.id, today)
    return pool_svc.open_pool(operator, pool.id)


def _licences(pool: Pool, enterprises: list[User], today: date) -> None:
    for ent in enterprises:
        name = ent.organisation.name if ent.organisation else ent.email
        notice = f"{name}拟在智能水表产品中实施本专利池全部专利。"
        licence = ledger_svc.take_pool_licence(ent, pool.id, notice, f"DEMO-POOL-{pool.id}-{ent.id}", today)
        payment = ledger_svc.upfront_payment(licence)
        if payment is not None and payment.status is PaymentStatus.CLAIMED:
            confirm_payment(pool.operator, payment.id)  # the operator received the lump sum


def _cross(operator: User, pair: list[int], chosen: dict[int, list[Patent]], today: date) -> None:
    a, b = pair
    stmt = select(CrossLicence).where(CrossLicence.party_a_id == a, CrossLicence.party_b_id == b)
    if db.session.scalar(stmt.where(CrossLicence.note == CROSS_NOTE)) is not None:
        return
    terms = cross_svc.CrossTerms(term_start=today, term_end=today + timedelta(days=2 * 365), note=CROSS_NOTE)
    try:
        with db.session.begin_nested():
            cl = cross_svc.propose_cross_licence(
                operator, a, b, [p.id for p in chosen[a]], [p.id for p in chosen[b]], terms, today
            )
    except DomainError:
        return  # the estimate cannot value a demo patent: skip the cross-licence, not the whole demo
    for uid in (a, b):
        cross_svc.accept_cross_licence(db.session.get(User, uid), cl.id)  # type: ignore[arg-type]
