"""Market statistics for industry IP operation centres (运营中心)."""

from flask import Blueprint

bp = Blueprint("stats", __name__, url_prefix="/stats")

from app.stats import routes  # noqa: E402,F401
