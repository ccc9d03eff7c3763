"""Cross-licences (交叉许可) between patentees, proposed by a party or an operation centre; under /pools."""

from flask import Blueprint

bp = Blueprint("crosslicences", __name__, url_prefix="/pools")

from app.crosslicences import routes  # noqa: E402,F401
