"""/stats/: the operator's statistics page (GET filter form, read-only)."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.errors import ValidationFailed
from app.forms import form_page
from app.industries import PROVINCES
from app.stats import population as population_svc
from app.stats.forms import PopulationForm
from app.stats.services import IPC_SECTIONS, industry_sections, market_stats, parse_filter

bp = Blueprint("stats", __name__, url_prefix="/stats")


@bp.get("/")
@role_required(Role.OPERATOR)
def index() -> tuple[str, int]:
    args = {k: request.args.get(k, "") for k in ("province", "industry_section", "ipc_section")}
    if not request.args and current_user.organisation:
        args["province"] = current_user.organisation.province  # first visit: the operator's own region
    options = dict(
        provinces=PROVINCES,
        sections=industry_sections(),
        ipc_sections=IPC_SECTIONS,
        args=args,
        fee_labels={m.value: m.label for m in FeeMethod},
    )
    try:
        f = parse_filter(**args)
    except ValidationFailed as err:
        # Bad query values: show the form with the reasons and no figures.
        errors = {k: _(v) for k, v in err.fields.items()}
        return render_template("stats/index.html", stats=None, errors=errors, **options), 422
    # imported here: app.opendata builds on app.stats.services, so a module-level import would be a cycle
    from app.opendata.charts import as_json
    from app.opendata.statistics import operator_charts

    stats = market_stats(f)
    charts = operator_charts(f, stats)
    html = render_template(
        "stats/index.html", stats=stats, f=f, errors={}, charts=charts, chart_json=as_json(charts), **options
    )
    return html, 200


@bp.route("/population", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def population() -> str | Response:
    return form_page(
        PopulationForm(),
        lambda form: population_svc.set_population(
            current_user,
            population_svc.parse_population(
                form.province.data or "", form.population.data or "", form.source.data or ""
            ),
        ),
        url_for("stats.population"),
        "stats/population.html",
        success=_("常住人口已保存。"),
        rows=population_svc.populations().values(),
    )
