"""Enterprise pages: the inbox ("为什么推荐"), feedback, subscriptions and recommendations."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role, User
from app.extensions import db
from app.forms import ButtonForm, submit
from app.matches.feedback import record_feedback
from app.matches.forms import FeedbackForm, SeiSubscriptionForm, SubscriptionForm
from app.matches.inbox import open_inbox, recommendations, unread_count
from app.matches.subscriptions import (
    SubscriptionInput,
    create_sei_subscriptions,
    create_subscription,
    delete_subscription,
    my_subscriptions,
)

bp = Blueprint("matches", __name__, url_prefix="/matches")

PANEL_SIZE = 5


@bp.app_context_processor
def inject_matches() -> dict[str, Any]:
    return {"match_panel": _panel}


def _panel(user: User) -> dict[str, Any]:
    """Data of the "为您推荐" dashboard panel."""
    return {"items": recommendations(user, PANEL_SIZE), "unread": unread_count(user)}


def _back(default: str) -> str:
    target = request.form.get("next", "")
    parts = urlsplit(target)
    return target if target.startswith("/") and not parts.netloc and not parts.scheme else default


@bp.get("/inbox")
@role_required(Role.ENTERPRISE)
def inbox() -> str:
    page = request.args.get("page", 1, type=int) or 1
    box = open_inbox(current_user, page, current_app.config["PAGE_SIZE"])
    db.session.commit()
    return render_template("matches/inbox.html", box=box, page=page)


@bp.get("/recommended")
@role_required(Role.ENTERPRISE)
def recommended() -> str:
    items = recommendations(current_user, 10)
    return render_template("matches/recommended.html", items=items)


@bp.post("/<int:decl_id>/feedback")
@role_required(Role.ENTERPRISE)
def feedback(decl_id: int) -> Response:
    form = FeedbackForm()
    back = _back(url_for("matches.inbox"))
    if not form.validate_on_submit() or form.useful.data not in ("1", "0"):
        flash(_("反馈无效，请重试。"), "error")
        return redirect(back)
    useful = form.useful.data == "1"
    submit(
        lambda: record_feedback(current_user, decl_id, useful),
        success=_("感谢反馈！我们将据此调整推荐。"),
        error_pages=True,
    )
    return redirect(back)


@bp.route("/subscriptions", methods=["GET", "POST"])
@role_required(Role.ENTERPRISE)
def subscriptions() -> tuple[str, int] | Response:
    form = SubscriptionForm()
    if form.validate_on_submit():
        data = SubscriptionInput(form.kind.data or "", form.value.data or "", form.frequency.data or "")
        if submit(lambda: create_subscription(current_user, data), form, success=_("订阅已添加。")).ok:
            return redirect(url_for("matches.subscriptions"))
    elif form.is_submitted():
        flash(_("请检查订阅内容。"), "error")
    subs = my_subscriptions(current_user)
    status = 422 if form.is_submitted() else 200
    return render_template(
        "matches/subscriptions.html",
        form=form,
        subs=subs,
        delete_form=ButtonForm(),
        sei_form=SeiSubscriptionForm(formdata=None),
    ), status


@bp.post("/subscriptions/sei")
@role_required(Role.ENTERPRISE)
def subscribe_sei() -> Response:
    form = SeiSubscriptionForm()
    if not form.validate_on_submit():
        flash(_("请选择有效的战略性新兴产业和推送频率。"), "error")
        return redirect(url_for("matches.subscriptions"))
    codes, frequency = form.codes.data or [], form.frequency.data or ""
    done = submit(lambda: create_sei_subscriptions(current_user, codes, frequency))
    if done.ok:
        flash(_("已添加 %(n)s 项战略性新兴产业订阅。", n=len(done.result)), "success")
    return redirect(url_for("matches.subscriptions"))


@bp.post("/subscriptions/<int:sub_id>/delete")
@role_required(Role.ENTERPRISE)
def delete(sub_id: int) -> Response:
    if not ButtonForm().validate_on_submit():
        flash(_("请求无效，请重试。"), "error")
        return redirect(url_for("matches.subscriptions"))
    submit(lambda: delete_subscription(current_user, sub_id), success=_("订阅已取消。"), error_pages=True)
    return redirect(url_for("matches.subscriptions"))
