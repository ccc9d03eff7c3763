from app.declarations.routes import bp  # noqa: F401  (the blueprint create_app registers)
