"""Open data: public statistics with charts, CSV/XLSX downloads, the clickable API docs."""

from app.opendata.routes import bp  # noqa: F401  (the blueprint create_app registers)
