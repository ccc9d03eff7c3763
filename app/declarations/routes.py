"""Patentee pages: my declarations, draft form, publish, withdraw, audit trail."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.declarations import services as svc
from app.declarations.caps import fee_warnings
from app.declarations.forms import DeclarationForm, WithdrawForm
from app.declarations.models import Declaration, FeeMethod
from app.errors import Forbidden
from app.forms import ButtonForm, form_page, submit

bp = Blueprint("declarations", __name__, url_prefix="/declarations")


def _input(form: DeclarationForm) -> svc.DeclarationInput:
    return svc.DeclarationInput(
        fee_method=FeeMethod(form.fee_method.data) if form.fee_method.data else None,
        lump_sum=form.lump_sum.data,
        entry_fee=form.entry_fee.data,
        royalty_rate_pct=form.royalty_rate_pct.data,
        unit_fee=form.unit_fee.data,
        period_start=form.period_start.data,
        period_end=form.period_end.data,
        contact=form.contact.data or "",
        industry_code=form.industry_code.data or "",
        remarks=form.remarks.data or "",
    )


def _form(obj: Declaration | None = None) -> DeclarationForm:
    patents = [(p.id, f"{p.number} {p.title}") for p in svc.my_patents(current_user)]
    return DeclarationForm(obj=obj, patents=patents)


def _own(decl_id: int) -> Declaration:
    decl = svc.get_declaration(decl_id)
    if not current_user.can_manage(decl.owner_id):
        raise Forbidden(_("您无权查看此声明。"))
    return decl


@bp.get("/")
@role_required(Role.PATENTEE)
def index() -> str:
    return render_template("declarations/index.html", declarations=svc.my_declarations(current_user))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def new() -> str | Response:
    return form_page(
        _form(),
        lambda form: svc.create_draft(current_user, form.patent_id.data, _input(form)),
        lambda decl: url_for("declarations.detail", decl_id=decl.id),
        "declarations/form.html",
        success=_("草稿已保存。检查无误后可发布公告。"),
        decl=None,
    )


@bp.route("/<int:decl_id>/edit", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def edit(decl_id: int) -> str | Response:
    decl = _own(decl_id)
    form = _form(decl)
    del form.patent_id  # the patent of a declaration never changes
    return form_page(
        form,
        lambda form: svc.update_draft(current_user, decl_id, _input(form)),
        url_for("declarations.detail", decl_id=decl_id),
        "declarations/form.html",
        success=_("草稿已更新。"),
        decl=decl,
    )


def _detail(
    decl_id: int,
    action_form: ButtonForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    **extra: object,
) -> str:
    """The declaration's page; a form posted from it comes back with its errors in place of a blank one."""
    return render_template(
        "declarations/detail.html",
        decl=_own(decl_id),
        action_form=action_form or ButtonForm(),
        withdraw_form=withdraw_form or WithdrawForm(),
        **extra,
    )


@bp.get("/<int:decl_id>")
@role_required(Role.PATENTEE)
def detail(decl_id: int) -> str:
    return _detail(decl_id)


@bp.post("/<int:decl_id>/publish")
@role_required(Role.PATENTEE)
def publish(decl_id: int) -> ResponseReturnValue:
    form = ButtonForm()
    if form.validate_on_submit():
        done = submit(
            lambda: svc.publish_declaration(current_user, decl_id),
            success=_("开放许可声明已公告。"),
            refused=_("不能发布：请先解决以下问题。"),
        )
        if done.error is not None:
            return _detail(
                decl_id, action_form=form, refusals=done.error.fields or {"": done.error.message}
            ), 409
    return redirect(url_for("declarations.detail", decl_id=decl_id))


@bp.post("/<int:decl_id>/withdraw")
@role_required(Role.PATENTEE)
def withdraw(decl_id: int) -> ResponseReturnValue:
    form = WithdrawForm()
    if form.validate_on_submit():
        done = submit(
            lambda: svc.withdraw_declaration(current_user, decl_id, form.reason.data or ""),
            form,
            success=_("声明已撤回并公告；已获得的许可继续有效。"),
        )
        if done.ok:
            return redirect(url_for("declarations.detail", decl_id=decl_id))
    else:
        flash(_("请填写撤回理由。"), "error")
    return _detail(decl_id, withdraw_form=form), 422


@bp.app_context_processor
def inject_declaration_helpers() -> dict[str, object]:
    return {"my_declarations": svc.my_declarations, "fee_warnings": fee_warnings}
