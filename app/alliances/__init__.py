"""Industry alliances (产业联盟) run by operation centres; pages under /pools/alliances."""

from app.alliances.routes import bp  # noqa: F401  (the blueprint create_app registers)
