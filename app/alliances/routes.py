"""Alliance pages: public list and members; operator creation and invitations; members' decisions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.alliances import services as svc
from app.alliances.forms import AllianceForm, AllianceInviteForm
from app.auth.access import role_required
from app.auth.models import Role
from app.forms import ButtonForm, form_page, post_back, submit

bp = Blueprint("alliances", __name__, url_prefix="/pools")


@bp.get("/alliances")
def alliances() -> str:
    return render_template("alliances/index.html", alliances=svc.all_alliances())


@bp.route("/alliances/new", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def alliance_new() -> str | Response:
    return form_page(
        AllianceForm(),
        lambda form: svc.create_alliance(current_user, _alliance_input(form)),
        lambda alliance: url_for("alliances.alliance", alliance_id=alliance.id),
        "alliances/form.html",
        success=_("产业联盟已创建。"),
    )


def _alliance_input(form: AllianceForm) -> svc.AllianceInput:
    return svc.AllianceInput(
        name=form.name.data or "",
        industry_codes=form.industry_codes.data or [],
        region=form.region.data or "",
        charter=form.charter.data or "",
    )


@bp.get("/alliances/<int:alliance_id>")
def alliance(alliance_id: int) -> str:
    item = svc.get_alliance(alliance_id)
    is_operator = current_user.is_authenticated and current_user.can_manage(item.operator_id)
    invite_form = AllianceInviteForm()
    if is_operator:
        invite_form.organisation_ids.choices = [(o.id, o.name) for o in svc.invitable_organisations(item)]
    return render_template(
        "alliances/detail.html",
        alliance=item,
        is_operator=is_operator,
        invite_form=invite_form,
        form=ButtonForm(),
    )


@bp.post("/alliances/<int:alliance_id>/invite")
@role_required(Role.OPERATOR)
def alliance_invite(alliance_id: int) -> Response:
    item = svc.get_alliance(alliance_id)
    form = AllianceInviteForm()
    form.organisation_ids.choices = [(o.id, o.name) for o in svc.invitable_organisations(item)]
    return post_back(
        form,
        lambda form: svc.invite_organisations(current_user, alliance_id, form.organisation_ids.data or []),
        url_for("alliances.alliance", alliance_id=alliance_id),
        invalid=_("请选择要邀请的机构。"),
        success=lambda invited: _("已邀请 %(n)s 家机构。", n=len(invited)),
    )


def _decide(member_id: int, accept: bool) -> Response:
    if not ButtonForm().validate_on_submit():
        flash(_("表单已过期，请重试。"), "error")
        return redirect(url_for("pools.mine"))
    done = submit(
        lambda: svc.decide_invitation(current_user, member_id, accept),
        success=_("已加入产业联盟。") if accept else _("已谢绝邀请。"),
    )
    if done.error is not None:
        return redirect(url_for("pools.mine"))
    member = done.result
    return redirect(url_for("alliances.alliance", alliance_id=member.alliance_id))


@bp.post("/alliances/members/<int:member_id>/accept")
@role_required(Role.PATENTEE, Role.ENTERPRISE)
def member_accept(member_id: int) -> Response:
    return _decide(member_id, True)


@bp.post("/alliances/members/<int:member_id>/decline")
@role_required(Role.PATENTEE, Role.ENTERPRISE)
def member_decline(member_id: int) -> Response:
    return _decide(member_id, False)
