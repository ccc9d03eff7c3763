from flask import Blueprint

bp = Blueprint("declarations", __name__, url_prefix="/declarations")

from app.declarations import routes  # noqa: E402,F401
