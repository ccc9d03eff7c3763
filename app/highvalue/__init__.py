"""High-value invention patents: CNIPA's five categories with their evidence, and the facts they need."""

from flask import Blueprint

bp = Blueprint("highvalue", __name__, url_prefix="/patents")

from app.highvalue import routes  # noqa: E402,F401
