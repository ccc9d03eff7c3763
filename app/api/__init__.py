"""JSON API /api/v1: bearer-token auth, JSON errors, an OpenAPI 3 document assembled from each module."""

from app.api.core import bp  # noqa: F401  (the blueprint create_app registers)

# Modules that add routes to `bp` and their operations to the OpenAPI document (app.api.schema.operation).
API_MODULES = (
    "app.api.routes",
    "app.api.patents",
    "app.api.verification",
    "app.api.declarations",
    "app.api.licences",
    "app.api.estimate",
    "app.api.matches",
    "app.api.pools",
    "app.api.alliances",
    "app.api.crosslicences",
    "app.api.stats",
    "app.api.fees",
    "app.api.highvalue",
    "app.api.payments",
    "app.api.coowners",
    "app.api.valuations",
)

for _name in API_MODULES:
    __import__(_name)
