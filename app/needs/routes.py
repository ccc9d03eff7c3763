"""Pages: "who might need this" (patentee and operator), introductions inbox and reply (enterprise)."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.extensions import db
from app.forms import post_back
from app.needs import ranking
from app.needs import services as svc
from app.needs.forms import IntroductionForm, ReplyForm

bp = Blueprint("needs", __name__, url_prefix="/needs")


@bp.app_context_processor
def inject_needs() -> dict[str, object]:
    return {"unread_introductions": svc.unread_introductions}


@bp.get("/declarations/<int:decl_id>")
@role_required(Role.PATENTEE, Role.OPERATOR)
def declaration(decl_id: int) -> str:
    page = ranking.needs_page(current_user, decl_id)
    return render_template(
        "needs/declaration.html",
        page=page,
        sent=svc.sent_introductions(decl_id),
        names_all=ranking.names_all(current_user),
        form=IntroductionForm(),
    )


@bp.post("/declarations/<int:decl_id>/introduce")
@role_required(Role.PATENTEE, Role.OPERATOR)
def introduce(decl_id: int) -> Response:
    return post_back(
        IntroductionForm(),
        lambda form: svc.introduce(
            current_user, decl_id, int(form.enterprise_id.data or 0), form.message.data or ""
        ),
        url_for("needs.declaration", decl_id=decl_id),
        invalid=_("介绍内容无效：请填写 1 至 1000 个字的说明。"),
        success=_("介绍已发送到该企业的收件箱。"),
    )


@bp.get("/introductions")
@role_required(Role.ENTERPRISE)
def introductions() -> str:
    intros = svc.my_introductions(current_user)
    db.session.commit()
    return render_template("needs/introductions.html", intros=intros, form=ReplyForm())


@bp.post("/introductions/<int:intro_id>/reply")
@role_required(Role.ENTERPRISE)
def reply(intro_id: int) -> Response:
    return post_back(
        ReplyForm(),
        lambda form: svc.reply(current_user, intro_id, form.reply.data or ""),
        url_for("needs.introductions"),
        invalid=_("回复无效：请填写 1 至 500 个字。"),
        success=_("回复已发送。"),
    )
