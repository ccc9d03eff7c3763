"""Industry alliances (产业联盟) run by operation centres; pages under /pools/alliances."""

from flask import Blueprint

bp = Blueprint("alliances", __name__, url_prefix="/pools")

from app.alliances import routes  # noqa: E402,F401
