"""Guided royalty estimation (帮我估算): a wizard that writes a chosen fee standard into a draft."""

from app.estimate.routes import bp  # noqa: F401  (the blueprint create_app registers)
