"""The patentee's side of matching: "who might need this" on a published declaration, and introductions."""

from flask import Blueprint

bp = Blueprint("needs", __name__, url_prefix="/needs")

from app.needs import routes  # noqa: E402,F401
