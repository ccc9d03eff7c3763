"""Co-owners of a patent: shares, their consent to declaring and withdrawing, their part of the royalties."""

from flask import Blueprint

bp = Blueprint("coowners", __name__, url_prefix="/co-owners")

from app.coowners import routes  # noqa: E402,F401
