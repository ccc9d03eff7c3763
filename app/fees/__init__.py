"""Annual fees of granted patents: the schedule, what is due now, grace and reductions, payments."""

from flask import Blueprint

bp = Blueprint("fees", __name__, url_prefix="/patents")

from app.fees import routes  # noqa: E402,F401
