"""Web pages: the payee confirms or disputes a payment; receipts; the operator's mediation queue."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.forms import ButtonForm, submit
from app.payments import mediation, receipts
from app.payments import services as svc
from app.payments.forms import DisputeForm, ResolveForm
from app.payments.models import DisputeOutcome, DisputeRoute

bp = Blueprint("payments", __name__, url_prefix="/payments")
PAYEES = (Role.PATENTEE, Role.OPERATOR)


@bp.app_context_processor
def inject_payment_helpers() -> dict[str, object]:
    return {"payment_dispute": svc.dispute_of}


def _back(payment_id: int) -> Response:
    endpoint, args = svc.shown_on(payment_id)
    return redirect(url_for(endpoint, **args))


def _run(ok: bool, action: Callable[[], object], message: str, payment_id: int) -> Response:
    """Commit one service call (the form was checked by the caller), flash, and go back to the payment."""
    if not ok:
        flash(_("请修改标出的字段。"), "error")
        return _back(payment_id)
    submit(action, success=message)
    return _back(payment_id)


@bp.post("/<int:payment_id>/confirm")
@role_required(*PAYEES)
def confirm(payment_id: int) -> Response:
    ok = ButtonForm().validate_on_submit()
    return _run(ok, lambda: svc.confirm_payment(current_user, payment_id), _("已确认收款。"), payment_id)


@bp.post("/<int:payment_id>/dispute")
@role_required(*PAYEES)
def dispute(payment_id: int) -> Response:
    form = DisputeForm()
    return _run(
        form.validate_on_submit(),
        lambda: svc.dispute_payment(current_user, payment_id, form.reason.data or ""),
        _("已提出付款争议，运营中心将依《专利法》（2020年）第五十二条调解。"),
        payment_id,
    )


@bp.get("/<int:payment_id>/receipt")
@role_required(Role.PATENTEE, Role.ENTERPRISE, Role.OPERATOR)
def receipt(payment_id: int) -> Response:
    path, content_type, name = receipts.receipt_file(current_user, payment_id)
    return send_file(path, mimetype=content_type, as_attachment=True, download_name=name)


def _render_queue(status: int = 200) -> tuple[str, int]:
    days = current_app.config["PAYMENT_CONFIRM_DAYS"]
    return render_template(
        "payments/queue.html",
        disputes=mediation.open_disputes(current_user),
        resolved=mediation.resolved_disputes(current_user),
        overdue=mediation.overdue_claims(current_user, days),
        days=days,
        form=ResolveForm(),
        labels={k.value: k.label for k in (*DisputeRoute, *DisputeOutcome)},
    ), status


@bp.get("/queue")
@role_required(Role.OPERATOR)
def queue() -> tuple[str, int]:
    return _render_queue()


@bp.post("/disputes/<int:dispute_id>/resolve")
@role_required(Role.OPERATOR)
def resolve(dispute_id: int) -> Response | tuple[str, int]:
    form = ResolveForm()
    if not form.validate_on_submit():
        flash(_("请修改标出的字段。"), "error")
        return _render_queue(422)
    route, outcome = DisputeRoute(form.route.data), DisputeOutcome(form.outcome.data)
    done = submit(
        lambda: mediation.resolve_dispute(current_user, dispute_id, route, outcome, form.note.data or ""),
        success=_("已记录争议处理结果。"),
    )
    if done.error is not None:
        return _render_queue(done.error.status)
    return redirect(url_for("payments.queue"))
