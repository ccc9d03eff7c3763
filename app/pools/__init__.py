"""Patent pools curated by operation centres (运营中心): one-stop licence offers and the royalty ledger."""

from app.pools.routes import bp  # noqa: F401  (the blueprint create_app registers)
