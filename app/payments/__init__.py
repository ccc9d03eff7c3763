"""Payments: claims confirmed by the receiving side or a provider, disputes and the mediation queue."""

from flask import Blueprint

bp = Blueprint("payments", __name__, url_prefix="/payments")

from app.payments import routes  # noqa: E402,F401
