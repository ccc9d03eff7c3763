"""Verification pages: the operator's queue, register import, verify/reject, evidence upload and download."""

from __future__ import annotations

from collections.abc import Callable

from flask import render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.forms import F, form_messages, import_upload, post_back, read_upload
from app.patents.evidence import MAX_EVIDENCE_BYTES, add_evidence, evidence_for_download
from app.patents.forms import EvidenceForm, RegisterImportForm, RejectForm, VerifyForm
from app.patents.register import RegisterReport, import_register
from app.patents.routes import bp
from app.patents.verification import reject_patent, verification_queue, verify_with_upload


def _read(upload: FileStorage | None) -> tuple[str, bytes]:
    return read_upload(upload, MAX_EVIDENCE_BYTES)


def _refusal(form: FlaskForm) -> list[str]:
    return ["；".join(form_messages(form) or [_("请求无效。")])]


def _post(form: F, patent_id: int, action: Callable[[F], object], done: str) -> Response:
    """A form on the patent page: run it, then back to the patent (a 403 or 404 shows the error page)."""
    back_to = url_for("patents.detail", patent_id=patent_id)
    return post_back(form, action, back_to, invalid=_refusal, success=done, error_pages=True)


def _queue_page(form: RegisterImportForm, report: RegisterReport | None = None) -> str:
    """The operator's verification queue, with the register-import form and the last import's report."""
    return render_template(
        "patents/verification.html", patents=verification_queue(current_user), form=form, report=report
    )


@bp.get("/verification")
@role_required(Role.OPERATOR)
def verification() -> str:
    return _queue_page(RegisterImportForm())


@bp.post("/verification/import")
@role_required(Role.OPERATOR)
def verification_import() -> str:
    form = RegisterImportForm()
    report = import_upload(
        form,
        MAX_EVIDENCE_BYTES,
        lambda name, content: import_register(current_user, name, content),
        lambda done: _("已核验 %(n)s 件，%(m)s 行未采用。", n=len(done.verified), m=len(done.skipped)),
    )
    return _queue_page(form, report)


@bp.post("/<int:patent_id>/verify")
@role_required(Role.OPERATOR)
def verify(patent_id: int) -> Response:
    return _post(
        VerifyForm(),
        patent_id,
        lambda form: verify_with_upload(
            current_user, patent_id, form.evidence.data or "", *_read(form.file.data)
        ),
        _("专利已核验。"),
    )


@bp.post("/<int:patent_id>/reject")
@role_required(Role.OPERATOR)
def reject(patent_id: int) -> Response:
    return _post(
        RejectForm(),
        patent_id,
        lambda form: reject_patent(current_user, patent_id, form.reason.data or ""),
        _("已驳回核验，专利权人将在专利页面看到理由。"),
    )


@bp.post("/<int:patent_id>/evidence")
@role_required(Role.PATENTEE, Role.OPERATOR)
def upload_evidence(patent_id: int) -> Response:
    return _post(
        EvidenceForm(),
        patent_id,
        lambda form: add_evidence(current_user, patent_id, *_read(form.file.data)),
        _("证明文件已上传，等待运营中心核验。"),
    )


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
