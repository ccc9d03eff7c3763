"""Patent pages: my patents, record, edit (with 权利状态), detail, bulk import."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import role_required
from app.auth.models import Role
from app.demo.assumptions import assumptions_of
from app.fees import services as fee_svc
from app.forms import form_page, import_upload, submit
from app.highvalue import services as high_value_svc
from app.integrations.matching import suggest_ipc_for
from app.integrations.sei import patent_sei
from app.patents.evidence import evidence_of
from app.patents.forms import EncumbranceForm, EvidenceForm, ImportForm, PatentForm, RejectForm, VerifyForm
from app.patents.importing import MAX_IMPORT_BYTES, TEMPLATE_EXAMPLE, template_download
from app.patents.ipc import ipc_title
from app.patents.services import (
    EncumbranceInput,
    create_patent,
    get_patent_for_owner,
    get_patent_for_viewer,
    import_file,
    list_patents,
    record_encumbrance,
    require_patent_input,
    update_patent,
)
from app.patents.validation import PATENT_FIELDS

bp = Blueprint("patents", __name__, url_prefix="/patents")


@bp.get("/")
@role_required(Role.PATENTEE)
def index() -> str:
    page = list_patents(current_user, request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"])
    return render_template("patents/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def new() -> ResponseReturnValue:
    return form_page(
        PatentForm(),
        lambda form: create_patent(current_user, require_patent_input(form.record())),
        lambda patent: url_for("patents.detail", patent_id=patent.id),
        "patents/form.html",
        success=_("专利已登记。"),
        patent=None,
    )


@bp.get("/<int:patent_id>")
@role_required(Role.PATENTEE, Role.OPERATOR)
def detail(patent_id: int) -> str:
    patent = get_patent_for_viewer(current_user, patent_id)
    suggestions = [] if patent.ipc_codes else suggest_ipc_for(patent)
    return render_template(
        "patents/detail.html",
        patent=patent,
        ipc_title=ipc_title,
        suggestions=suggestions,
        fees=fee_svc.patent_fees(current_user, patent_id),
        sei=patent_sei(patent),
        high_value=high_value_svc.high_value_of(patent),
        awards=high_value_svc.awards_of(patent),
        assumptions=assumptions_of(patent.id),
        evidence=evidence_of(patent.id),
        is_operator=current_user.has_role(Role.OPERATOR),
        evidence_form=EvidenceForm(),
        verify_form=VerifyForm(),
        reject_form=RejectForm(),
    )


@bp.route("/<int:patent_id>/edit", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def edit(patent_id: int) -> ResponseReturnValue:
    patent = get_patent_for_owner(current_user, patent_id)
    form = PatentForm()
    if request.method == "GET":
        form.load(patent)
    return form_page(
        form,
        lambda form: update_patent(current_user, patent_id, require_patent_input(form.record())),
        url_for("patents.detail", patent_id=patent_id),
        "patents/form.html",
        success=_("专利信息已保存。"),
        patent=patent,
        enc=EncumbranceForm(obj=patent, formdata=None),
    )


@bp.post("/<int:patent_id>/encumbrance")
@role_required(Role.PATENTEE)
def encumbrance(patent_id: int) -> ResponseReturnValue:
    patent = get_patent_for_owner(current_user, patent_id)
    enc = EncumbranceForm()
    if enc.validate_on_submit():
        done = submit(
            lambda: record_encumbrance(current_user, patent_id, _encumbrance_input(enc)),
            enc,
            success=_("权利状态已保存。"),
        )
        if done.ok:
            return redirect(url_for("patents.detail", patent_id=patent_id))
    form = PatentForm(formdata=None)
    form.load(patent)
    return render_template("patents/form.html", form=form, patent=patent, enc=enc)


def _encumbrance_input(enc: EncumbranceForm) -> EncumbranceInput:
    return EncumbranceInput(
        exclusive_licence_until=enc.exclusive_licence_until.data,
        ownership_dispute=bool(enc.ownership_dispute.data),
        pledged=bool(enc.pledged.data),
        pledgee_consent_ref=enc.pledgee_consent_ref.data or "",
        evaluation_report_ref=enc.evaluation_report_ref.data or "",
    )


@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.PATENTEE)
def bulk_import() -> str:
    form = ImportForm()
    report = import_upload(
        form,
        MAX_IMPORT_BYTES,
        lambda name, content: import_file(current_user, name, content),
        lambda done: _("已导入 %(n)s 条专利，%(m)s 行被拒绝。", n=len(done.imported), m=len(done.rejected)),
    )
    return render_template("patents/import.html", form=form, report=report)


@bp.get("/import/template.csv")
@role_required(Role.PATENTEE)
def import_template() -> Response:
    return template_download(PATENT_FIELDS, TEMPLATE_EXAMPLE, "patents_import_template.csv")
