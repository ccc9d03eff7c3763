"""JSON API /api/v1: bearer-token auth, JSON errors, an OpenAPI 3 document assembled from each module."""

from app.api.core import bp  # noqa: F401  (the blueprint create_app registers)

# Modules that add routes to `bp` and OpenAPI paths via app.api.core.document().
API_MODULES = (
    "app.api.routes",
    "app.api.patents",
    "app.api.verification",
    "app.api.declarations",
    "app.api.licences",
    "app.api.estimate",
    "app.api.matches",
    "app.api.pools",
    "app.api.pools_openapi",
    "app.api.stats",
    "app.api.fees",
    "app.api.highvalue",
    "app.api.payments",
)

for _name in API_MODULES:
    __import__(_name)
