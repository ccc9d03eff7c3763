from flask import Blueprint

bp = Blueprint("licences", __name__, url_prefix="/licences")

from app.licences import routes  # noqa: E402,F401
