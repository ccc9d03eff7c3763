"""Annual fees of granted patents: the schedule, what is due now, grace and reductions, payments, reminders
and the calendar."""

from flask import Blueprint

bp = Blueprint("fees", __name__)

from app.fees import calendar_routes, routes  # noqa: E402,F401
