"""Guided royalty estimation (帮我估算): a wizard that writes a chosen fee standard into a draft."""

from flask import Blueprint

bp = Blueprint("estimate", __name__, url_prefix="/estimate")

from app.estimate import routes  # noqa: E402,F401
