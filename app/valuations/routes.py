"""The valuation page (the form, and the printable report when figures are given) and its PDF."""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.errors import ValidationFailed
from app.valuations import services as svc
from app.valuations.documents import report_pdf

bp = Blueprint("valuations", __name__, url_prefix="/valuations")


@bp.get("/patents/<int:patent_id>")
@role_required(Role.PATENTEE)
def report(patent_id: int) -> tuple[str, int]:
    patent = svc.owned_patent(current_user, patent_id)
    args, result, errors, status = request.args, None, {}, 200
    if args.get("first_year_revenue") is not None:
        try:
            result = svc.value_own_patent(current_user, patent_id, args)
        except ValidationFailed as err:
            flash(err.message, "error")
            errors, status = err.fields, 422
    defaults = {**svc.DEFAULTS, **args.to_dict()}
    return render_template(
        "valuations/report.html", patent=patent, report=result, values=defaults, errors=errors
    ), status


@bp.get("/patents/<int:patent_id>/report.pdf")
@role_required(Role.PATENTEE)
def pdf(patent_id: int) -> Response:
    result = svc.value_own_patent(current_user, patent_id, request.args)
    response = Response(report_pdf(result), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="valuation-{result.patent.id}.pdf"'
    return response
