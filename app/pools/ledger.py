"""Pool licences and the royalty ledger: notice + payment, then each payment split among patentees.

As with a single open licence (Patent Law 2020 Art. 51), the licence is obtained by a written notice
and the payment of the royalty under the published standard; taking it twice changes nothing. A payment
is claimed by the licensee and confirmed (or disputed) by the pool's operator, who receives it; the
ledger's totals count confirmed payments only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app import clock
from app.auth.models import Role, User
from app.errors import Forbidden, NotFound, RuleViolation, ValidationFailed
from app.extensions import db
from app.integrations import pools as bridge
from app.licences.models import Payment, PaymentStatus
from app.payments.claims import new_claim, reference_taken, require_reference
from app.pools.models import Pool, PoolLicence, PoolLicenceStatus, PoolPayment, PoolShare, PoolStatus
from app.pools.services import get_pool
from app.savepoint import create_once
from royalties.errors import EstimateInputError


def licence_of(pool_id: int, licensee_id: int) -> PoolLicence | None:
    stmt = select(PoolLicence).where(PoolLicence.pool_id == pool_id, PoolLicence.licensee_id == licensee_id)
    return db.session.scalar(stmt)


def _reference_taken() -> ValidationFailed:
    return ValidationFailed(_("该付款凭证号已被使用。"), {"payment_reference": _("该付款凭证号已被使用。")})


def _new_payment(payer: User, pool: Pool, amount: Decimal, reference: str, purpose: str) -> Payment:
    """A payment into the pool claimed by the licensee, for the pool's operator to confirm."""
    reference = require_reference(reference)
    if reference_taken(reference):
        raise _reference_taken()
    payment = new_claim(payer, pool.operator_id, amount, reference, purpose)
    db.session.add(payment)
    return payment


def record_pool_payment(
    pool: Pool,
    licence: PoolLicence | None,
    payment: Payment,
    on: date,
    sales: tuple[Decimal, int] | None = None,
) -> PoolPayment:
    """Split a payment into the pool among the patents in it on ``on`` and write the ledger line."""
    try:
        dist, bases = bridge.split_payment(pool, payment.amount, on)
    except EstimateInputError as err:
        raise RuleViolation(
            _("无法分配该笔付款：%(reason)s。请联系运营中心。", reason=err.message), rule="distribution"
        ) from err
    line = PoolPayment(
        pool=pool,
        licence=licence,
        payment=payment,
        amount=payment.amount,
        admin_fee_pct=pool.admin_fee_pct,
        admin_fee=dist.admin_fee,
        distributed=dist.distributed,
        rule=pool.distribution_rule,
        rounding_note=bridge.rounding_note(pool),
        net_sales=sales[0] if sales else None,
        units=sales[1] if sales else None,
    )
    by_key = {bridge.share_key(pp.patent_id): pp for pp in pool.consented}
    for key, amount in dist.shares:
        patent = by_key[key].patent
        line.shares.append(
            PoolShare(patent=patent, patentee_id=patent.owner_id, basis=bases[key], amount=amount)
        )
    db.session.add(line)
    db.session.flush()
    return line


def take_pool_licence(
    actor: User, pool_id: int, notice: str, payment_reference: str, today: date
) -> PoolLicence:
    """An enterprise takes the pool's one-stop licence by written notice + payment; idempotent.

    With a lump sum the licence is payment_pending until the pool's operator confirms the payment;
    with running or per-unit royalties nothing is due at taking and it is in force at once.
    """
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业用户可以取得专利池许可。"))
    pool = get_pool(pool_id)
    existing = licence_of(pool.id, actor.id)
    if existing is not None:
        return existing
    if pool.status is not PoolStatus.OPEN or (pool.term_end and today > pool.term_end):
        raise RuleViolation(_("该专利池当前没有有效的许可要约。"), rule="pool_not_open")
    if not notice.strip():
        raise ValidationFailed(_("请填写书面通知。"), {"notice": _("请填写书面通知（实施的产品、范围等）。")})
    upfront = bridge.upfront_amount(pool)
    if upfront > 0:
        require_reference(payment_reference)
    licence, _created = create_once(
        lambda: _new_pool_licence(actor, pool, notice.strip(), upfront, payment_reference, today),
        lambda: licence_of(pool.id, actor.id),
        _reference_taken(),
    )
    return licence


def _new_pool_licence(
    actor: User, pool: Pool, notice: str, upfront: Decimal, reference: str, today: date
) -> PoolLicence:
    now = clock.now()
    licence = PoolLicence(pool=pool, licensee_id=actor.id, notice=notice, notice_at=now)
    db.session.add(licence)
    if upfront > 0:
        licence.status = PoolLicenceStatus.PAYMENT_PENDING
        payment = new_claim(actor, pool.operator_id, upfront, reference.strip(), "pool_licence")
        db.session.add(payment)
        db.session.flush()
        record_pool_payment(pool, licence, payment, today)
    else:
        licence.status, licence.in_force_at = PoolLicenceStatus.IN_FORCE, now
    db.session.flush()
    return licence


def pay_pool_royalty(
    actor: User, licence_id: int, net_sales: Decimal, units: int, payment_reference: str, today: date
) -> PoolPayment:
    """The licensee pays the running or per-unit royalty for a period; the payment is split."""
    licence = own_licence(actor, licence_id)
    if licence.status is not PoolLicenceStatus.IN_FORCE:
        raise RuleViolation(_("专利池许可未生效，不能申报付款。"), rule="licence_in_force")
    try:
        fee = bridge.report_fee(licence.pool, net_sales, units)
    except EstimateInputError as err:
        raise ValidationFailed(err.message + "。", err.errors) from err
    if fee <= 0:
        raise ValidationFailed(
            _("按该专利池的收费标准，本期应付金额为0，无需付款。"), {"net_sales": _("本期应付金额为0。")}
        )
    payment = _new_payment(actor, licence.pool, fee, payment_reference, "pool")
    db.session.flush()
    return record_pool_payment(licence.pool, licence, payment, today, (net_sales, units))


def upfront_payment(licence: PoolLicence) -> Payment | None:
    """The payment claimed when the pool licence was taken (a lump sum), if any."""
    stmt = select(Payment).join(PoolPayment, PoolPayment.payment_id == Payment.id)
    return db.session.scalar(
        stmt.where(PoolPayment.pool_licence_id == licence.id, Payment.purpose == "pool_licence")
    )


def own_licence(actor: User, licence_id: int) -> PoolLicence:
    """The actor's own pool licence (others' licences do not exist for them)."""
    licence = db.session.get(PoolLicence, licence_id)
    if licence is None or licence.licensee_id != actor.id:
        raise NotFound(_("专利池许可不存在。"))
    return licence


def upfront_for(pool: Pool) -> Decimal | None:
    """What taking the pool licence costs up front, or None while the offer is incomplete."""
    return bridge.upfront_amount(pool) if not bridge.standard_errors(pool) else None


def can_see_ledger(actor: User, pool: Pool) -> bool:
    """The operator, admins and every patentee with a patent that is or was in the pool."""
    if actor.can_manage(pool.operator_id):
        return True
    return any(pp.patent.owner_id == actor.id and pp.joined_at for pp in pool.patents)


def ledger(actor: User, pool_id: int) -> list[PoolPayment]:
    """Every payment into the pool with its admin fee and shares, oldest first."""
    pool = get_pool(pool_id)
    if not can_see_ledger(actor, pool):
        raise Forbidden(_("只有运营中心和池内专利权人可以查看分配台账。"))
    stmt = select(PoolPayment).where(PoolPayment.pool_id == pool.id).order_by(PoolPayment.id)
    return list(db.session.scalars(stmt))


def totals_by_patentee(lines: list[PoolPayment]) -> dict[User, Decimal]:
    """Sum of shares per patentee across the ledger lines whose payment the operator confirmed."""
    totals: dict[User, Decimal] = defaultdict(Decimal)
    for line in lines:
        if line.payment.status is not PaymentStatus.CONFIRMED:
            continue
        for share in line.shares:
            totals[share.patentee] += share.amount
    return dict(totals)


def licences_of(licensee: User) -> list[PoolLicence]:
    stmt = select(PoolLicence).where(PoolLicence.licensee_id == licensee.id).order_by(PoolLicence.id.desc())
    return list(db.session.scalars(stmt))


def licences_of_pool(pool_id: int) -> list[PoolLicence]:
    return list(db.session.scalars(select(PoolLicence).where(PoolLicence.pool_id == pool_id)))
