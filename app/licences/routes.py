"""Licences for both sides: list, detail with sales reports, printable licence record."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.auth.access import role_required
from app.auth.models import Role
from app.forms import submit
from app.licences import services as svc
from app.licences.forms import SalesReportForm
from app.licences.models import Licence

bp = Blueprint("licences", __name__, url_prefix="/licences")

PARTIES = (Role.ENTERPRISE, Role.PATENTEE)


@bp.get("/")
@role_required(*PARTIES)
def index() -> str:
    return render_template("licences/index.html", licences=svc.licences_for(current_user))


def _render(licence: Licence, form: SalesReportForm | None = None, status: int = 200) -> tuple[str, int]:
    if form is None and licence.licensee_id == current_user.id:
        form = SalesReportForm()
    return render_template("licences/detail.html", licence=licence, form=form), status


@bp.get("/<int:licence_id>")
@role_required(*PARTIES)
def detail(licence_id: int) -> tuple[str, int]:
    return _render(svc.get_licence(current_user, licence_id))


@bp.get("/<int:licence_id>/record")
@role_required(*PARTIES)
def record(licence_id: int) -> str:
    licence = svc.get_licence(current_user, licence_id)
    return render_template("licences/record.html", licence=licence, now=clock.now())


@bp.post("/<int:licence_id>/reports")
@role_required(Role.ENTERPRISE)
def report(licence_id: int) -> Response | tuple[str, int]:
    licence = svc.get_licence(current_user, licence_id)
    form = SalesReportForm()
    if not form.validate_on_submit():
        flash(_("请修改标出的字段。"), "error")
        return _render(licence, form, 422)
    start, end, net_sales = form.period_start.data, form.period_end.data, form.net_sales.data
    assert start is not None and end is not None and net_sales is not None  # InputRequired
    done = submit(
        lambda: svc.file_sales_report(
            current_user,
            licence_id,
            start,
            end,
            net_sales,
            form.units.data or 0,
            form.payment_reference.data or "",
        ),
        form,
    )
    if done.error is not None:
        return _render(svc.get_licence(current_user, licence_id), form, done.error.status)
    flash(_("销售报告已提交，应付使用费 ¥%(fee)s。", fee=f"{done.result.fee_due:,.2f}"), "success")
    return redirect(url_for("licences.detail", licence_id=licence_id))


@bp.app_context_processor
def inject_licence_helpers() -> dict[str, object]:
    return {"my_licences": svc.licences_for}
