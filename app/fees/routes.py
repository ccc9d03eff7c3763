"""The owner's buttons on a patent's fee section: record a payment, declare a fee reduction."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.fees import importing
from app.fees import services as svc
from app.fees.forms import FeeImportForm, FeePaymentForm, FeeReductionForm
from app.forms import read_upload, submit
from app.patents.importing import MAX_IMPORT_BYTES, template_download

bp = Blueprint("fees", __name__)


def _back(patent_id: int) -> Response:
    return redirect(url_for("patents.detail", patent_id=patent_id, _anchor="fees"))


def _form_errors(form: FeePaymentForm | FeeReductionForm) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


@bp.post("/patents/<int:patent_id>/fees/payments")
@role_required(Role.PATENTEE)
def record_payment(patent_id: int) -> Response:
    form = FeePaymentForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(patent_id)
    year, paid_on, amount = form.year.data, form.paid_on.data, form.amount.data
    assert year is not None and paid_on is not None and amount is not None  # InputRequired
    inp = svc.FeePaymentInput(year=year, paid_on=paid_on, amount=amount)
    done = submit(lambda: svc.record_fee_payment(current_user, patent_id, inp))
    if done.ok:
        flash(_("已登记第 %(n)s 年度年费。", n=done.result.year), "success")
    return _back(patent_id)


@bp.post("/patents/<int:patent_id>/fees/reduction")
@role_required(Role.PATENTEE)
def declare_reduction(patent_id: int) -> Response:
    form = FeeReductionForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(patent_id)
    raw = form.fee_reduction_pct.data
    submit(
        lambda: svc.set_fee_reduction(current_user, patent_id, int(raw) if raw else None),
        success=_("费减资格已更新。"),
    )
    return _back(patent_id)


@bp.route("/patents/fee-payments/import", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def import_payments() -> str:
    form, report = FeeImportForm(), None
    if form.validate_on_submit():
        name, content = read_upload(form.file.data, MAX_IMPORT_BYTES)
        done = submit(
            lambda: svc.import_fee_payments(current_user, importing.parse_fee_file(name, content)), form
        )
        if done.ok:
            report = done.result
            counts = {"n": len(report.recorded), "m": len(report.rejected)}
            flash(_("已登记 %(n)s 笔年费，%(m)s 行被拒绝。", **counts), "info")
    return render_template("fees/import.html", form=form, report=report)


@bp.get("/patents/fee-payments/template.csv")
@role_required(Role.PATENTEE)
def import_template() -> Response:
    return template_download(
        importing.COLUMNS, importing.TEMPLATE_EXAMPLE, "fee_payments_import_template.csv"
    )
