"""Open data: public statistics with charts, CSV/XLSX downloads, the clickable API docs."""

from flask import Blueprint

bp = Blueprint("opendata", __name__)

from app.opendata import routes  # noqa: E402,F401  (routes register on bp)
