"""The reminders page and the dashboard panel's data (any signed-in account)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from app.extensions import db
from app.reminders import services as svc

bp = Blueprint("reminders", __name__, url_prefix="/reminders")

PANEL_SIZE = 5


@bp.get("/")
@login_required
def index() -> str:
    items, unread = svc.open_reminders(current_user)
    db.session.commit()
    return render_template("reminders/index.html", items=items, unread=unread)


@bp.app_context_processor
def reminder_panel() -> dict[str, Any]:
    def panel() -> dict[str, Any]:
        return {"items": svc.reminders_of(current_user, PANEL_SIZE), "unread": svc.unread_count(current_user)}

    return {"reminder_panel": panel}
