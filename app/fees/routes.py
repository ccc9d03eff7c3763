"""The owner's buttons on a patent's fee section: record a payment, declare a fee reduction."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.fees import importing
from app.fees import services as svc
from app.fees.forms import FeeImportForm, FeePaymentForm, FeeReductionForm
from app.forms import form_messages, import_upload, post_back
from app.patents.importing import MAX_IMPORT_BYTES, template_download

bp = Blueprint("fees", __name__)


def _back(patent_id: int) -> str:
    return url_for("patents.detail", patent_id=patent_id, _anchor="fees")


def _payment_input(form: FeePaymentForm) -> svc.FeePaymentInput:
    year, paid_on, amount = form.year.data, form.paid_on.data, form.amount.data
    assert year is not None and paid_on is not None and amount is not None  # InputRequired
    return svc.FeePaymentInput(year=year, paid_on=paid_on, amount=amount)


def _reduction_pct(form: FeeReductionForm) -> int | None:
    return int(form.fee_reduction_pct.data) if form.fee_reduction_pct.data else None


@bp.post("/patents/<int:patent_id>/fees/payments")
@role_required(Role.PATENTEE)
def record_payment(patent_id: int) -> Response:
    return post_back(
        FeePaymentForm(),
        lambda form: svc.record_fee_payment(current_user, patent_id, _payment_input(form)),
        _back(patent_id),
        invalid=form_messages,
        success=lambda payment: _("已登记第 %(n)s 年度年费。", n=payment.year),
    )


@bp.post("/patents/<int:patent_id>/fees/reduction")
@role_required(Role.PATENTEE)
def declare_reduction(patent_id: int) -> Response:
    return post_back(
        FeeReductionForm(),
        lambda form: svc.set_fee_reduction(current_user, patent_id, _reduction_pct(form)),
        _back(patent_id),
        invalid=form_messages,
        success=_("费减资格已更新。"),
    )


@bp.route("/patents/fee-payments/import", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def import_payments() -> str:
    form = FeeImportForm()
    report = import_upload(
        form,
        MAX_IMPORT_BYTES,
        lambda name, content: svc.import_fee_payments(current_user, importing.parse_fee_file(name, content)),
        lambda done: _("已登记 %(n)s 笔年费，%(m)s 行被拒绝。", n=len(done.recorded), m=len(done.rejected)),
    )
    return render_template("fees/import.html", form=form, report=report)


@bp.get("/patents/fee-payments/template.csv")
@role_required(Role.PATENTEE)
def import_template() -> Response:
    return template_download(
        importing.COLUMNS, importing.TEMPLATE_EXAMPLE, "fee_payments_import_template.csv"
    )
