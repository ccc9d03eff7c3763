"""Patent pools curated by operation centres (运营中心): one-stop licence offers and the royalty ledger."""

from flask import Blueprint

bp = Blueprint("pools", __name__, url_prefix="/pools")

from app.pools import routes  # noqa: E402,F401
