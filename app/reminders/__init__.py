"""Reminders: one in-app notice (and one e-mail) per user, kind, subject and due key, whatever the domain."""

from flask import Blueprint

bp = Blueprint("reminders", __name__, url_prefix="/reminders")

from app.reminders import routes  # noqa: E402,F401
