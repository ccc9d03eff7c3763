"""Maintenance monitoring for operation centres (Liaoning guideline, measure 4): patents at risk of lapse,
nearing 10 years of maintenance, high-value patents with an unpaid fee; filters and CSV export."""

from app.monitoring.routes import bp  # noqa: F401  (the blueprint create_app registers)
