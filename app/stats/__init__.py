"""Market statistics for industry IP operation centres (运营中心)."""

from app.stats.routes import bp  # noqa: F401  (the blueprint create_app registers)
