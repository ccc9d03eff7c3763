"""Recordal (备案) of licences reached through an open licence (Rules 2023 Art. 87, Art. 15 para 2)."""

from flask import Blueprint

bp = Blueprint("recordals", __name__, url_prefix="/recordals")

from app.recordals import routes  # noqa: E402,F401
