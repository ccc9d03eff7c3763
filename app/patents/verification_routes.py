"""Verification pages: the operator's queue, register import, verify/reject, evidence upload and download."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from app.auth.access import role_required
from app.auth.models import Role
from app.forms import read_upload, submit
from app.patents.evidence import MAX_EVIDENCE_BYTES, add_evidence, evidence_for_download
from app.patents.forms import EvidenceForm, RegisterImportForm, RejectForm, VerifyForm
from app.patents.register import import_register
from app.patents.routes import bp
from app.patents.verification import reject_patent, verification_queue, verify_with_upload


def _read(upload: FileStorage | None) -> tuple[str, bytes]:
    return read_upload(upload, MAX_EVIDENCE_BYTES)


def _back(patent_id: int) -> Response:
    return redirect(url_for("patents.detail", patent_id=patent_id))  # type: ignore[return-value]


def _refused(form: VerifyForm | RejectForm | EvidenceForm, patent_id: int) -> Response:
    messages = [m for errors in form.errors.values() for m in errors] or [_("请求无效。")]
    flash("；".join(str(m) for m in messages), "error")
    return _back(patent_id)


@bp.get("/verification")
@role_required(Role.OPERATOR)
def verification() -> str:
    return render_template(
        "patents/verification.html",
        patents=verification_queue(current_user),
        form=RegisterImportForm(),
        report=None,
    )


@bp.post("/verification/import")
@role_required(Role.OPERATOR)
def verification_import() -> str:
    form, report = RegisterImportForm(), None
    if form.validate_on_submit():
        done = submit(lambda: import_register(current_user, *_read(form.file.data)), form)
        if done.ok:
            report = done.result
            flash(
                _("已核验 %(n)s 件，%(m)s 行未采用。", n=len(report.verified), m=len(report.skipped)), "info"
            )
    patents = verification_queue(current_user)
    return render_template("patents/verification.html", patents=patents, form=form, report=report)


@bp.post("/<int:patent_id>/verify")
@role_required(Role.OPERATOR)
def verify(patent_id: int) -> Response:
    form = VerifyForm()
    if not form.validate_on_submit():
        return _refused(form, patent_id)
    submit(
        lambda: verify_with_upload(current_user, patent_id, form.evidence.data or "", *_read(form.file.data)),
        form,
        success=_("专利已核验。"),
        error_pages=True,
    )
    return _back(patent_id)


@bp.post("/<int:patent_id>/reject")
@role_required(Role.OPERATOR)
def reject(patent_id: int) -> Response:
    form = RejectForm()
    if not form.validate_on_submit():
        return _refused(form, patent_id)
    submit(
        lambda: reject_patent(current_user, patent_id, form.reason.data or ""),
        form,
        success=_("已驳回核验，专利权人将在专利页面看到理由。"),
        error_pages=True,
    )
    return _back(patent_id)


@bp.post("/<int:patent_id>/evidence")
@role_required(Role.PATENTEE, Role.OPERATOR)
def upload_evidence(patent_id: int) -> Response:
    form = EvidenceForm()
    if not form.validate_on_submit():
        return _refused(form, patent_id)
    submit(
        lambda: add_evidence(current_user, patent_id, *_read(form.file.data)),
        form,
        success=_("证明文件已上传，等待运营中心核验。"),
        error_pages=True,
    )
    return _back(patent_id)


@bp.get("/evidence/<int:evidence_id>")
@role_required(Role.PATENTEE, Role.OPERATOR)
def evidence_file(evidence_id: int) -> Response:
    evidence, path = evidence_for_download(current_user, evidence_id)
    resp = send_file(
        path, mimetype=evidence.content_type, as_attachment=True, download_name=evidence.filename
    )
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = "private, no-store"
    return resp
