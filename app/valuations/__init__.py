"""Valuation reports for pledge financing (Liaoning guideline, measure 5): relief from royalty."""

from app.valuations.routes import bp  # noqa: F401  (the blueprint create_app registers)
