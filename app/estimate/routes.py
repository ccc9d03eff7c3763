"""Wizard pages: 1 专利情况 -> 2 经营预测 -> 3 估算结果 (accept or edit, then write into the draft)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.errors import DomainError, RuleViolation
from app.estimate import presenting as show
from app.estimate import services as svc
from app.estimate.forms import (
    METHOD_FIELDS,
    STEP1_FIELDS,
    STEP2_FIELDS,
    AcceptForm,
    BusinessForm,
    PatentFactsForm,
    TryNumbersForm,
    estimate_input,
    from_session,
    to_session,
)
from app.extensions import db
from app.forms import submit
from app.industries import industry_choices
from royalties.types import FeeMethod, FeeStandard, Recommendation

bp = Blueprint("estimate", __name__, url_prefix="/estimate")


def _key(decl_id: int) -> str:
    return f"estimate:{decl_id}"


def _saved(decl_id: int) -> dict[str, Any]:
    return dict(session.get(_key(decl_id), {}))


def _save(decl_id: int, part: str, values: dict[str, Any]) -> None:
    saved = _saved(decl_id)
    saved[part] = values
    session[_key(decl_id)] = saved


def _place_errors(form: FlaskForm, fields: dict[str, str]) -> list[str]:
    """Put field errors on the form; return those for fields not on it (shown at the top, with labels)."""
    labels = {n: getattr(PatentFactsForm, n).args[0] for n in STEP1_FIELDS}
    elsewhere = []
    for name, message in fields.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            elsewhere.append(f"{labels[name]}：{message}" if name in labels else message)
    return elsewhere


@bp.errorhandler(RuleViolation)
def refused(err: RuleViolation) -> tuple[str, int]:
    db.session.rollback()
    return render_template("estimate/refused.html", message=err.message), 409


@bp.route("/declarations/<int:decl_id>", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def facts(decl_id: int) -> str | Response:
    decl = svc.editable_declaration(current_user, decl_id)
    defaults = {**svc.wizard_defaults(decl, svc.today()), **from_session(_saved(decl_id).get("facts", {}))}
    form = PatentFactsForm(data=defaults)
    if form.validate_on_submit():
        _save(decl_id, "facts", to_session(form, STEP1_FIELDS))
        return redirect(url_for("estimate.business", decl_id=decl_id))
    return render_template("estimate/step_facts.html", form=form, decl=decl)


@bp.route("/declarations/<int:decl_id>/business", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def business(decl_id: int) -> str | Response:
    decl = svc.editable_declaration(current_user, decl_id)
    saved = _saved(decl_id)
    if "facts" not in saved:
        flash(_("请先确认第 1 步“专利情况”。"), "info")
        return redirect(url_for("estimate.facts", decl_id=decl_id))
    defaults = {**svc.wizard_defaults(decl, svc.today()), **from_session(saved.get("business", {}))}
    form = BusinessForm(data=defaults)
    top: list[str] = []
    if form.validate_on_submit():
        values = to_session(form, STEP2_FIELDS)
        done = submit(
            lambda: svc.run_estimate(
                current_user,
                estimate_input({**from_session(saved["facts"]), **from_session(values)}, svc.today()),
                exclude_declaration_id=decl_id,
            )
        )
        if done.error is not None:
            top = _place_errors(form, done.error.fields)
        else:
            _save(decl_id, "business", values)
            return redirect(url_for("estimate.result", decl_id=decl_id))
    return render_template("estimate/step_business.html", form=form, decl=decl, top_errors=top, **_pickers())


def _pickers() -> dict[str, Any]:
    return {"industries": industry_choices()}


def _recompute(decl_id: int) -> Recommendation | None:
    saved = _saved(decl_id)
    if "facts" not in saved or "business" not in saved:
        return None
    inp = estimate_input({**from_session(saved["facts"]), **from_session(saved["business"])}, svc.today())
    return svc.run_estimate(current_user, inp, exclude_declaration_id=decl_id)


def _result_page(decl: Any, rec: Recommendation, bound: AcceptForm | None = None, status: int = 200) -> Any:
    forms = {
        method: (bound if bound is not None and bound.fee_method.data == method else None)
        or AcceptForm(formdata=None, data=values)
        for method, values in show.mid_values(rec).items()
    }
    page = render_template(
        "estimate/result.html", decl=decl, rec=rec, accept_forms=forms, method_fields=METHOD_FIELDS, show=show
    )
    return page, status


@bp.get("/declarations/<int:decl_id>/result")
@role_required(Role.PATENTEE)
def result(decl_id: int) -> Any:
    decl = svc.editable_declaration(current_user, decl_id)
    try:
        rec = _recompute(decl_id)
    except DomainError as err:  # e.g. a day passed and the licence start is now in the past
        flash(err.message, "error")
        rec = None
    if rec is None:
        return redirect(
            url_for(
                "estimate.business" if _saved(decl_id).get("facts") else "estimate.facts", decl_id=decl_id
            )
        )
    return _result_page(decl, rec)


def _standard(form: AcceptForm) -> FeeStandard:
    """Only the chosen method's fields: the declared standard must be unambiguous."""
    method = form.fee_method.data or ""
    kept = {name: form[name].data for name in METHOD_FIELDS.get(method, ())}
    return FeeStandard(fee_method=FeeMethod(method), **kept)


@bp.post("/declarations/<int:decl_id>/accept")
@role_required(Role.PATENTEE)
def accept(decl_id: int) -> Any:
    decl = svc.editable_declaration(current_user, decl_id)
    rec = _recompute(decl_id)
    if rec is None:
        return redirect(url_for("estimate.facts", decl_id=decl_id))
    form = AcceptForm()
    if not form.validate_on_submit():
        flash(_("请修改标出的字段。"), "error")
        return _result_page(decl, rec, form, 422)
    done = submit(lambda: svc.apply_standard(current_user, decl_id, _standard(form), rec))
    if done.error is not None:
        _place_errors(form, done.error.fields)
        return _result_page(decl, rec, form, 422)
    session.pop(_key(decl_id), None)
    flash(_("已将许可使用费标准写入声明草稿（已记入操作记录）。发布前请再核对一遍。"), "success")
    return redirect(url_for("declarations.detail", decl_id=decl_id))


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def try_numbers() -> str:
    form = TryNumbersForm(data={**svc.BUSINESS_DEFAULTS, "stability": "none", "patent_kind": "invention"})
    rec, top = None, []
    if form.validate_on_submit():
        done = submit(
            lambda: svc.run_estimate(
                current_user,
                estimate_input({n: form[n].data for n in STEP1_FIELDS + STEP2_FIELDS}, svc.today()),
            )
        )
        rec = done.result
        if done.error is not None:
            top = _place_errors(form, done.error.fields)
    return render_template("estimate/try.html", form=form, rec=rec, top_errors=top, show=show, **_pickers())
