"""The patentee's side of matching: "who might need this" on a published declaration, and introductions."""

from app.needs.routes import bp  # noqa: F401  (the blueprint create_app registers)
