"""Recordal (备案) of licences reached through an open licence (Rules 2023 Art. 87, Art. 15 para 2)."""

from app.recordals.routes import bp  # noqa: F401  (the blueprint create_app registers)
