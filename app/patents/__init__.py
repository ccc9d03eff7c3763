from app.patents import verification_routes  # noqa: F401  (adds its pages to bp)
from app.patents.routes import bp  # noqa: F401  (the blueprint create_app registers)
