"""The patentee's fee calendar page, its feed token buttons, and the iCalendar feed itself."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.extensions import db
from app.fees import calendar as cal
from app.fees.routes import bp
from app.forms import ButtonForm


def _page(feed_url: str | None = None) -> str:
    return render_template(
        "fees/calendar.html",
        entries=cal.calendar_entries(current_user),
        feed_active=cal.feed_active(current_user),
        feed_url=feed_url,
        form=ButtonForm(),
    )


@bp.get("/fees/calendar")
@role_required(Role.PATENTEE)
def calendar() -> str:
    return _page()


@bp.post("/fees/calendar/token")
@role_required(Role.PATENTEE)
def calendar_token() -> str | Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    token = cal.issue_feed_token(current_user)
    db.session.commit()
    flash(_("已生成新的订阅链接，旧链接已失效。链接只显示这一次，请立即复制到日历应用中。"), "success")
    return _page(url_for("fees.calendar_feed", token=token, _external=True))


@bp.post("/fees/calendar/token/revoke")
@role_required(Role.PATENTEE)
def calendar_revoke() -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    cal.revoke_feed_token(current_user)
    db.session.commit()
    flash(_("订阅链接已停用。"), "success")
    return redirect(url_for("fees.calendar"))


@bp.get("/fees/calendar.ics")
def calendar_feed() -> Response:
    user = cal.feed_user(request.args.get("token", ""))
    if user is None:
        abort(404)
    base = str(current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")
    body = cal.calendar_ics(user, base)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline; filename=fees.ics"},
    )
