"""Valuation reports for pledge financing (Liaoning guideline, measure 5): relief from royalty."""

from flask import Blueprint

bp = Blueprint("valuations", __name__, url_prefix="/valuations")

from app.valuations import routes  # noqa: E402,F401
