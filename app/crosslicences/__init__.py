"""Cross-licences (交叉许可) between patentees, proposed by a party or an operation centre; under /pools."""

from app.crosslicences.routes import bp  # noqa: F401  (the blueprint create_app registers)
