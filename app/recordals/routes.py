"""Recordal pages: mark a licence recorded, download the recordal packet, the operator's overdue list."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.auth.access import role_required
from app.auth.models import Role
from app.errors import RuleViolation
from app.forms import form_messages, post_back
from app.licences import services as licence_svc
from app.recordals import services as svc
from app.recordals.documents import packet_pdf
from app.recordals.forms import RecordalForm

bp = Blueprint("recordals", __name__, url_prefix="/recordals")

PARTIES = (Role.ENTERPRISE, Role.PATENTEE)


@bp.post("/licences/<int:licence_id>")
@role_required(*PARTIES)
def mark(licence_id: int) -> Response:
    return post_back(
        RecordalForm(),
        lambda form: svc.mark_recorded(
            current_user, licence_id, form.recorded_on.data, form.recordal_number.data or ""
        ),
        url_for("licences.detail", licence_id=licence_id, _anchor="recordal"),
        invalid=lambda form: [" ".join([_("备案信息有误，请修改。"), *form_messages(form)])],
        success=_("已记录备案。"),
        list_fields=True,
    )


@bp.get("/licences/<int:licence_id>/packet.pdf")
@role_required(*PARTIES)
def packet(licence_id: int) -> Response:
    licence = licence_svc.get_licence(current_user, licence_id)
    state = svc.state_of(licence)
    if state is None:
        raise RuleViolation(_("许可生效后才能生成备案材料。"), rule="licence_in_force")
    response = Response(packet_pdf(licence, state), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="recordal-OL-{licence.id:06d}.pdf"'
    return response


@bp.get("/overdue")
@role_required(Role.OPERATOR)
def overdue() -> str:
    today = clock.today()
    return render_template("recordals/overdue.html", states=svc.overdue(today), today=today)


@bp.app_context_processor
def inject_recordal_helpers() -> dict[str, object]:
    return {"recordal_state": svc.state_of, "RecordalForm": RecordalForm}
