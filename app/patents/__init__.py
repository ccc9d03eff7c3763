from flask import Blueprint

bp = Blueprint("patents", __name__, url_prefix="/patents")

from app.patents import routes, verification_routes  # noqa: E402,F401
