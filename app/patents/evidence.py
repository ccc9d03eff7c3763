"""Verification evidence: uploaded certificates and register extracts, stored by SHA-256 under instance/."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.access import ensure_owner
from app.auth.models import Role, User
from app.errors import NotFound, ValidationFailed, get_or_404
from app.extensions import db
from app.patents.models import Patent, PatentEvidence

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
# Extension -> (content type, the file's first bytes): the type is read from the content, not trusted.
ALLOWED_TYPES = {
    "pdf": ("application/pdf", b"%PDF-"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}


def evidence_dir() -> Path:
    """Where evidence files live: never a static folder, so nothing is served without a check."""
    return Path(current_app.config["EVIDENCE_DIR"])


def _content_type(filename: str, content: bytes) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in ALLOWED_TYPES:
        raise ValidationFailed(
            _("证明文件只支持 PDF、PNG 或 JPEG 格式。"), {"file": _("请上传 .pdf、.png 或 .jpg 文件。")}
        )
    content_type, magic = ALLOWED_TYPES[ext]
    if not content.startswith(magic):
        raise ValidationFailed(
            _("文件内容与扩展名不符。"), {"file": _("文件内容不是有效的 %(ext)s 文件。", ext=ext.upper())}
        )
    return content_type


def check_upload(filename: str, content: bytes) -> str:
    """The upload's content type; ValidationFailed naming the field when empty, too large or not allowed."""
    if not content:
        raise ValidationFailed(_("请选择要上传的证明文件。"), {"file": _("文件为空。")})
    if len(content) > MAX_EVIDENCE_BYTES:
        limit = _("证明文件最大 %(mb)s MB。", mb=MAX_EVIDENCE_BYTES // (1024 * 1024))
        raise ValidationFailed(limit, {"file": limit})
    return _content_type(filename, content)


def _store(content: bytes, sha256: str) -> None:
    folder = evidence_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sha256
    if not path.exists():  # content-addressed: the same file is kept once
        path.write_bytes(content)


def add_evidence(actor: User, patent_id: int, filename: str, content: bytes) -> PatentEvidence:
    """Attach a certificate or register extract to a patent; its owner or an operation centre may."""
    patent = _patent_for_evidence(actor, patent_id)
    content_type = check_upload(filename, content)
    sha256 = hashlib.sha256(content).hexdigest()
    _store(content, sha256)
    name = Path(filename.replace("\\", "/")).name[-200:]
    evidence = PatentEvidence(
        patent=patent,
        uploaded_by=actor,
        filename=name,
        content_type=content_type,
        size=len(content),
        sha256=sha256,
    )
    db.session.add(evidence)
    db.session.flush()
    return evidence


def _patent_for_evidence(actor: User, patent_id: int) -> Patent:
    patent = get_or_404(Patent, patent_id, _("专利不存在。"))
    if not actor.has_role(Role.OPERATOR):
        ensure_owner(actor, patent.owner_id, _("专利"))
    return patent


def evidence_for_download(actor: User, evidence_id: int) -> tuple[PatentEvidence, Path]:
    """An evidence file for the patent's owner, an operation centre or an admin; 404 when the file is gone."""
    evidence = get_or_404(PatentEvidence, evidence_id, _("证明文件不存在。"))
    _patent_for_evidence(actor, evidence.patent_id)
    path = evidence_dir() / evidence.sha256
    if not path.is_file():
        raise NotFound(_("证明文件不存在。"))
    return evidence, path


def evidence_of(patent_id: int) -> list[PatentEvidence]:
    """A patent's evidence files, oldest first (the caller has already been allowed to see the patent)."""
    query = select(PatentEvidence).where(PatentEvidence.patent_id == patent_id).order_by(PatentEvidence.id)
    return list(db.session.scalars(query))
