"""High-value invention patents: CNIPA's five categories with their evidence, and the facts they need."""

from app.highvalue.routes import bp  # noqa: F401  (the blueprint create_app registers)
