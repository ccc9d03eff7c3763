"""Taking a licence under an open licence (Patent Law Art. 51): written notice + payment; sales reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app import clock
from app.auth.access import ensure_owner
from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.integrations.royalties import report_fee, upfront_amount
from app.licences.models import Licence, LicenceStatus, Payment, SalesReport
from app.payments.claims import new_claim, reference_taken, require_reference
from app.payments.receipts import Receipt, store_receipt
from app.savepoint import create_once
from royalties.errors import EstimateInputError

ZERO = Decimal("0.00")


def amount_due_at_taking(decl: Declaration) -> Decimal:
    """CNY payable with the notice: the lump sum, or the entry fee; 0 for running or per-unit fees."""
    return upfront_amount(decl)


def existing_licence(licensee_id: int, declaration_id: int) -> Licence | None:
    """This licensee's licence under this declaration, if any."""
    stmt = select(Licence).where(Licence.licensee_id == licensee_id, Licence.declaration_id == declaration_id)
    return db.session.scalar(stmt)


def _check_taker(actor: User, decl: Declaration) -> None:
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业账户可以获取开放许可。"))
    if actor.id == decl.owner_id:
        raise RuleViolation(_("专利权人不能对自己的专利获取许可。"), rule="not_own_patent")
    if decl.status != DeclarationStatus.PUBLISHED:
        raise RuleViolation(
            _(
                "该开放许可声明未处于公告状态（%(s)s），不能获取许可（《专利法》第五十一条）。",
                s=_(decl.status.label),
            ),
            rule="declaration_published",
        )


def _check_payment(due: Decimal, reference: str, amount: Decimal | None) -> None:
    errors: dict[str, str] = {}
    if due > ZERO:
        if not reference:
            errors["payment_reference"] = _("请填写付款凭证号（银行流水号等）。")
        elif len(reference) > 100:
            errors["payment_reference"] = _("最多 100 个字符。")
        if amount is None or amount != due:
            errors["amount"] = _("应按公告标准支付 ¥%(due)s。", due=f"{due:,.2f}")
    elif amount not in (None, ZERO):
        errors["amount"] = _("该支付方式在获取许可时无需付款，使用费随销售报告支付。")
    if errors:
        raise ValidationFailed(_("付款信息与公告的许可使用费标准不符。"), errors)


def take_licence(
    actor: User,
    declaration_id: int,
    notice: str,
    payment_reference: str,
    amount: Decimal | None,
    receipt: Receipt | None = None,
) -> tuple[Licence, bool]:
    """Take a licence by written notice + the payment due now; returns (licence, created), idempotent.

    The payment due at taking is the lump sum (lump_sum) or the entry fee (entry_plus_running); it is
    recorded as claimed and the licence is payment_pending until the patentee (or the payment provider)
    confirms it (Patent Law 2020 Art. 51). Nothing due (running royalties, per-unit fees): in force at once.
    A repeat submission, even a concurrent one, returns the existing licence and records no second payment.
    """
    decl = get_or_404(Declaration, declaration_id, _("开放许可声明不存在。"))
    if actor.has_role(Role.ENTERPRISE) and (found := existing_licence(actor.id, decl.id)) is not None:
        return found, False
    _check_taker(actor, decl)
    notice, reference = notice.strip(), payment_reference.strip()
    if not notice:
        raise ValidationFailed(
            _("请填写书面许可通知。"),
            {"notice": _("书面通知是获取开放许可的法定条件（《专利法》第五十一条）。")},
        )
    due = amount_due_at_taking(decl)
    _check_payment(due, reference, amount)
    claim = None
    if due > ZERO:
        stored = store_receipt(receipt) if receipt is not None else None
        claim = new_claim(actor, decl.owner_id, due, reference, "licence", stored)
    return create_once(
        lambda: _new_licence(actor, decl, notice, claim),
        lambda: existing_licence(actor.id, decl.id),
        _reference_taken(),
    )


def _new_licence(actor: User, decl: Declaration, notice: str, claim: Payment | None) -> Licence:
    now = clock.now()
    licence = Licence(declaration=decl, licensee=actor, notice=notice[:10000], notice_at=now)
    if claim is None:
        licence.status, licence.in_force_at = LicenceStatus.IN_FORCE, now
    else:
        licence.status = LicenceStatus.PAYMENT_PENDING
        licence.payments.append(claim)
    db.session.add(licence)
    db.session.flush()
    return licence


def _reference_taken() -> ValidationFailed:
    return ValidationFailed(_("该付款凭证号已被使用，请核对。"), {"payment_reference": _("付款凭证号重复。")})


def get_licence(actor: User, licence_id: int) -> Licence:
    """A licence the actor is party to (licensee or patentee; admins too); 404 / 403 otherwise."""
    licence = get_or_404(Licence, licence_id, _("许可不存在。"))
    if not (actor.can_manage(licence.licensee_id) or actor.can_manage(licence.declaration.owner_id)):
        raise Forbidden(_("您无权查看此许可。"))
    return licence


def licences_for(actor: User) -> list[Licence]:
    """Licences where the actor is the licensee or the patentee, newest first."""
    stmt = (
        select(Licence)
        .join(Declaration, Licence.declaration_id == Declaration.id)
        .where(or_(Licence.licensee_id == actor.id, Declaration.owner_id == actor.id))
        .order_by(Licence.id.desc())
    )
    return list(db.session.scalars(stmt))


def _check_period(licence: Licence, start: date, end: date) -> None:
    decl = licence.declaration
    if start > end:
        raise ValidationFailed(_("报告期间无效。"), {"period_end": _("结束日期不得早于开始日期。")})
    if (decl.period_start and start < decl.period_start) or (decl.period_end and end > decl.period_end):
        raise ValidationFailed(
            _("报告期间须在许可期限（%(a)s 至 %(b)s）之内。", a=decl.period_start, b=decl.period_end),
            {"period_start": _("超出许可期限。")},
        )
    overlap = select(SalesReport.id).where(
        SalesReport.licence_id == licence.id, SalesReport.period_start <= end, SalesReport.period_end >= start
    )
    if db.session.scalar(overlap) is not None:
        raise RuleViolation(
            _("该期间与已提交的销售报告重叠，不能重复报告。"), {"period_start": _("期间重叠。")}, "no_overlap"
        )


def _report_fee(licence: Licence, net_sales: Decimal, units: int) -> Decimal:
    errors = {}
    if net_sales < ZERO:
        errors["net_sales"] = _("净销售额不得为负数。")
    if units < 0:
        errors["units"] = _("销售数量不得为负数。")
    if errors:
        raise ValidationFailed(_("请修改标出的字段。"), errors)
    try:
        return report_fee(licence.declaration, net_sales, units)
    except EstimateInputError as err:
        raise ValidationFailed(_("无法计算使用费。"), err.errors) from None


def file_sales_report(
    actor: User,
    licence_id: int,
    period_start: date,
    period_end: date,
    net_sales: Decimal,
    units: int,
    payment_reference: str = "",
) -> SalesReport:
    """File a periodic sales report; the fee due follows the announced standard; may record its payment."""
    licence = get_or_404(Licence, licence_id, _("许可不存在。"))
    ensure_owner(actor, licence.licensee_id, _("许可"))
    if licence.status != LicenceStatus.IN_FORCE:
        raise RuleViolation(_("许可未生效，不能提交销售报告。"), rule="licence_in_force")
    _check_period(licence, period_start, period_end)
    fee = _report_fee(licence, net_sales, units)
    reference = payment_reference.strip()
    record_payment = bool(reference) and fee > ZERO
    if record_payment and reference_taken(require_reference(reference)):
        raise _reference_taken()
    report = SalesReport(
        licence=licence,
        period_start=period_start,
        period_end=period_end,
        net_sales=net_sales,
        units=units,
        fee_due=fee,
    )
    if record_payment:  # claimed; the patentee confirms receipt (Patent Law 2020 Art. 51)
        report.payment = new_claim(actor, licence.declaration.owner_id, fee, reference, "royalty")
        report.payment.licence = licence
    db.session.add(report)
    db.session.flush()
    return report
