"""The operator's maintenance monitoring page (at-risk patents, filters, pages) and its CSV export."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.errors import ValidationFailed
from app.highvalue.rules import CATEGORY_LABELS
from app.industries import PROVINCES
from app.integrations import sei as sei_bridge
from app.monitoring import services as svc
from app.pagination import page_of
from app.stats.services import industry_sections

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")

PER_PAGE = 50
FILTERS = ("which", "province", "industry_section", "sei")


def _args() -> dict[str, str]:
    args = {k: request.args.get(k, "")[:40] for k in FILTERS}
    if not request.args and current_user.organisation:
        args["province"] = current_user.organisation.province  # first visit: the operator's own region
    return args


@bp.get("/")
@role_required(Role.OPERATOR)
def index() -> tuple[str, int]:
    args = _args()
    options = dict(
        args=args,
        lists=svc.LISTS,
        provinces=PROVINCES,
        sections=industry_sections(),
        sei_choices=sei_bridge.category_choices(),
        category_labels=CATEGORY_LABELS,
        due_soon_days=svc.DUE_SOON_DAYS,
    )
    try:
        f = svc.parse_monitor_filter(**args)
    except ValidationFailed as err:
        errors = {k: _(v) for k, v in err.fields.items()}
        return render_template("monitoring/index.html", page=None, errors=errors, **options), 422
    page = page_of(svc.monitored_patents(current_user, f), request.args.get("page", 1, type=int), PER_PAGE)
    return render_template("monitoring/index.html", page=page, errors={}, **options), 200


@bp.get("/fees.csv")
@role_required(Role.OPERATOR)
def export_csv() -> Response:
    f = svc.parse_monitor_filter(**{k: request.args.get(k, "")[:40] for k in FILTERS})
    body = svc.monitor_csv(svc.monitored_patents(current_user, f))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=fee_monitoring.csv"},
    )
