"""The owner's buttons on a patent's fee section: record a payment, declare a fee reduction."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.errors import DomainError
from app.extensions import db
from app.fees import services as svc
from app.fees.forms import FeePaymentForm, FeeReductionForm

bp = Blueprint("fees", __name__, url_prefix="/patents")


def _back(patent_id: int) -> Response:
    return redirect(url_for("patents.detail", patent_id=patent_id, _anchor="fees"))


def _form_errors(form: FeePaymentForm | FeeReductionForm) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


@bp.post("/<int:patent_id>/fees/payments")
@role_required(Role.PATENTEE)
def record_payment(patent_id: int) -> Response:
    form = FeePaymentForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(patent_id)
    year, paid_on, amount = form.year.data, form.paid_on.data, form.amount.data
    assert year is not None and paid_on is not None and amount is not None  # InputRequired
    try:
        inp = svc.FeePaymentInput(year=year, paid_on=paid_on, amount=amount)
        payment = svc.record_fee_payment(current_user, patent_id, inp)
        db.session.commit()
        flash(_("已登记第 %(n)s 年度年费。", n=payment.year), "success")
    except DomainError as err:
        db.session.rollback()
        flash(err.message, "error")
    return _back(patent_id)


@bp.post("/<int:patent_id>/fees/reduction")
@role_required(Role.PATENTEE)
def declare_reduction(patent_id: int) -> Response:
    form = FeeReductionForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(patent_id)
    try:
        raw = form.fee_reduction_pct.data
        svc.set_fee_reduction(current_user, patent_id, int(raw) if raw else None)
        db.session.commit()
        flash(_("费减资格已更新。"), "success")
    except DomainError as err:
        db.session.rollback()
        flash(err.message, "error")
    return _back(patent_id)
