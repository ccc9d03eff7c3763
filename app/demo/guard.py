"""Production never carries the demo: `flask demo load` refuses; the app will not run with demo accounts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, inspect, select

from app.auth.models import User
from app.config import Config
from app.extensions import db

DEMO_DOMAIN = "demo.ole.cn"  # every account in app/demo/accounts.py has an e-mail under it


def is_production(config: Mapping[str, Any]) -> bool:
    """OLE_ENV=production (the environment, or a setting passed to create_app)."""
    return config.get("OLE_ENV", Config.ENV_NAME) == "production"


def demo_account_count() -> int:
    """How many accounts have a demo e-mail; 0 before the schema exists (e.g. before `flask db upgrade`)."""
    if not inspect(db.engine).has_table(User.__tablename__):
        return 0
    query = select(func.count(User.id)).where(func.lower(User.email).like(f"%@{DEMO_DOMAIN}"))
    return db.session.scalar(query) or 0


def refuse_demo_accounts() -> None:
    """Stop a production start while demo accounts (public passwords) exist; call inside an app context."""
    count = demo_account_count()
    db.session.remove()
    if count:
        raise RuntimeError(
            f"OLE_ENV=production but the database holds {count} demo account(s) (e-mail @{DEMO_DOMAIN}) "
            "whose password is public: delete them (and the demo data) before starting in production."
        )
