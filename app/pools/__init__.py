"""Patent pools, industry alliances and cross-licensing, curated by operation centres (运营中心)."""

from flask import Blueprint

bp = Blueprint("pools", __name__, url_prefix="/pools")

from app.pools import alliance_routes, cross_routes, routes  # noqa: E402,F401
