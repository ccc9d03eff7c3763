"""The owner's form for the high-value facts on a patent's page."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.forms import submit
from app.highvalue import services as svc

bp = Blueprint("highvalue", __name__, url_prefix="/patents")


def form_data() -> dict[str, object]:
    """The posted form as the service's mapping: one award row becomes a one-item list."""
    form = request.form
    year = form.get("award_year", "").strip()
    award = {
        "name": form.get("award_name"),
        "level": form.get("award_level"),
        "year": int(year) if year.isdigit() else year,
    }
    return {
        "foreign_family": form.get("foreign_family", ""),
        "pledge_amount": form.get("pledge_amount", "").strip(),
        "pledgee": form.get("pledgee", ""),
        "awards": [award] if form.get("award_name") else [],
    }


@bp.post("/<int:patent_id>/high-value")
@role_required(Role.PATENTEE)
def update(patent_id: int) -> Response:
    submit(
        lambda: svc.update_high_value_facts(current_user, patent_id, svc.parse_high_value_input(form_data())),
        success=_("高价值信息已保存。"),
    )
    return redirect(url_for("patents.detail", patent_id=patent_id, _anchor="high-value"))
