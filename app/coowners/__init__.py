"""Co-owners of a patent: shares, their consent to declaring and withdrawing, their part of the royalties."""

from app.coowners.routes import bp  # noqa: F401  (the blueprint create_app registers)
