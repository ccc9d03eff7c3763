"""Public open-data pages: statistics with charts, CSV/XLSX downloads, the clickable API documentation."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request, stream_with_context
from flask_babel import gettext as _

from app.declarations.services import contact_visible
from app.errors import ValidationFailed
from app.httpcache import public_cache
from app.industries import PROVINCES
from app.market.forms import AnnouncementSearchForm
from app.opendata.announcements import announcement_rows, header
from app.opendata.dashboards import enterprise_dashboard, patentee_dashboard
from app.opendata.exports import csv_lines, xlsx_bytes
from app.opendata.statistics import public_statistics
from app.opendata.tables import long_header, long_rows
from app.stats.services import IPC_SECTIONS, industry_sections, parse_filter

bp = Blueprint("opendata", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTER_ARGS = ("province", "industry_section", "ipc_section")


@bp.app_context_processor
def inject_open_data() -> dict[str, object]:
    return {
        "contact_visible": contact_visible,
        "patentee_dashboard": patentee_dashboard,
        "enterprise_dashboard": enterprise_dashboard,
    }


def _download(body: Any, mimetype: str, filename: str) -> Response:
    resp = Response(body, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return resp


def _announcement_filters() -> dict[str, str]:
    return AnnouncementSearchForm(request.args).filters()


@bp.get("/announcements.csv")
def announcements_csv() -> Response:
    rows = announcement_rows(**_announcement_filters())
    body = stream_with_context(csv_lines(header(), rows))
    return _download(body, "text/csv; charset=utf-8", "announcements.csv")


@bp.get("/announcements.xlsx")
def announcements_xlsx() -> Response:
    sheet = (_("开放许可公告"), header(), announcement_rows(**_announcement_filters()))
    return _download(xlsx_bytes([sheet]), XLSX, "announcements.xlsx")


def _filter_options(args: dict[str, str]) -> dict[str, Any]:
    query = {k: v for k, v in args.items() if v}
    return dict(
        provinces=PROVINCES, sections=industry_sections(), ipc_sections=IPC_SECTIONS, args=args, query=query
    )


@bp.get("/statistics")
@public_cache
def statistics() -> tuple[str, int]:
    args = {k: request.args.get(k, "") for k in FILTER_ARGS}
    try:
        stats = public_statistics(parse_filter(**args))
    except ValidationFailed as err:
        errors = {k: _(v) for k, v in err.fields.items()}
        return render_template(
            "opendata/statistics.html", s=None, errors=errors, **_filter_options(args)
        ), 422
    return render_template("opendata/statistics.html", s=stats, errors={}, **_filter_options(args)), 200


def _stats_tables() -> Any:
    return public_statistics(parse_filter(*(request.args.get(k, "") for k in FILTER_ARGS))).tables


@bp.get("/statistics.csv")
def statistics_csv() -> Response:
    body = csv_lines(long_header(), long_rows(_stats_tables()))
    return _download(body, "text/csv; charset=utf-8", "statistics.csv")


@bp.get("/statistics.xlsx")
def statistics_xlsx() -> Response:
    sheets = [(f"{i + 1} {t.title}", t.header, t.rows) for i, t in enumerate(_stats_tables())]
    return _download(xlsx_bytes(sheets), XLSX, "statistics.xlsx")


@bp.get("/api/docs")
def api_docs() -> str:
    return render_template("opendata/api_docs.html")
