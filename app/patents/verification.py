"""Patent verification: an operation centre checks a registered patent against evidence before it is offered.

Implementing Rules of the Patent Law (revised 2023, in force 2024-01-20) Art. 85: an open-licence declaration
states the patent number and the patentee; Art. 88: a declaration made on false material is punished. The
platform therefore offers only patents whose number and owner an operator has checked against a certificate,
a register extract or a register export.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import Role, User
from app.errors import Forbidden, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.patents.evidence import add_evidence
from app.patents.models import Patent, PatentEvidence, PatentVerificationEvent, Verification

MAX_NOTE = 1000
# Changing any of these on a checked patent voids the check (the owner is the account and the 专利权人 field).
WATCHED_FIELDS = (
    "application_number",
    "publication_number",
    "kind",
    "applicants",
    "legal_status",
    "owner_id",
)


def record(patent: Patent, actor: User | None, action: str, detail: dict[str, Any]) -> None:
    """Append one line to the patent's verification audit trail."""
    patent.verification_events.append(PatentVerificationEvent(actor=actor, action=action, detail=detail))


def ensure_operator(actor: User) -> None:
    if not actor.has_role(Role.OPERATOR):
        raise Forbidden(_("只有运营中心或管理员可以核验专利。"))


def _patent(patent_id: int) -> Patent:
    return get_or_404(Patent, patent_id, _("专利不存在。"))


def _note(value: str, field: str, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(missing, {field: missing})
    if len(value) > MAX_NOTE:
        too_long = _("不能超过 %(n)s 个字符。", n=MAX_NOTE)
        raise ValidationFailed(too_long, {field: too_long})
    return value


def _evidence_file(patent: Patent, evidence_id: int | None) -> PatentEvidence | None:
    if evidence_id is None:
        return None
    evidence = db.session.get(PatentEvidence, evidence_id)
    if evidence is None or evidence.patent_id != patent.id:
        raise ValidationFailed(_("证明文件不属于该专利。"), {"evidence_id": _("请选择该专利的证明文件。")})
    return evidence


def verify_patent(actor: User, patent_id: int, evidence: str, evidence_id: int | None = None) -> Patent:
    """Mark a patent verified on stated evidence (and optionally an uploaded file); operators and admins."""
    ensure_operator(actor)
    patent = _patent(patent_id)
    note = _note(evidence, "evidence", _("请说明核验依据（如专利证书号、登记簿副本或数据导出）。"))
    file = _evidence_file(patent, evidence_id)
    if patent.verification == Verification.VERIFIED:
        raise RuleViolation(_("该专利已核验。"), rule="already_verified")
    detail: dict[str, Any] = {"evidence": note, "number": patent.number, "owner": owner_name(patent)}
    if file is not None:
        detail.update(evidence_id=file.id, filename=file.filename, sha256=file.sha256)
    _set(patent, actor, Verification.VERIFIED, "verified", detail)
    return patent


def reject_patent(actor: User, patent_id: int, reason: str) -> Patent:
    """Refuse a patent's verification with a reason the patentee sees; operators and admins."""
    ensure_operator(actor)
    patent = _patent(patent_id)
    note = _note(reason, "reason", _("请填写驳回理由，专利权人将看到该理由。"))
    if patent.verification == Verification.REJECTED:
        raise RuleViolation(_("该专利的核验已被驳回。"), rule="already_rejected")
    _set(patent, actor, Verification.REJECTED, "rejected", {"reason": note, "number": patent.number})
    return patent


def _set(
    patent: Patent, actor: User | None, state: Verification, action: str, detail: dict[str, Any]
) -> None:
    detail["from"] = patent.verification.value
    patent.verification = state
    record(patent, actor, action, detail)
    db.session.flush()


def snapshot(patent: Patent) -> dict[str, Any]:
    """The watched fields' values, taken before an edit and passed to reset_if_changed after it."""
    return {name: getattr(patent, name) for name in WATCHED_FIELDS}


def reset_if_changed(actor: User, patent: Patent, before: dict[str, Any]) -> None:
    """Editing the number, kind, owner or legal status sends a checked or rejected patent back to review."""
    changed = [name for name, old in before.items() if getattr(patent, name) != old]
    if changed and patent.verification != Verification.UNVERIFIED:
        _set(patent, actor, Verification.UNVERIFIED, "reset", {"fields": changed})


def verification_queue(actor: User, limit: int = 200) -> list[Patent]:
    """Patents awaiting verification, oldest first; operators and admins."""
    ensure_operator(actor)
    query = select(Patent).where(Patent.verification == Verification.UNVERIFIED).order_by(Patent.id)
    return list(db.session.scalars(query.limit(limit)))


def owner_name(patent: Patent) -> str:
    org = patent.owner.organisation
    return org.name if org is not None else ""


def verify_with_upload(actor: User, patent_id: int, evidence: str, filename: str, content: bytes) -> Patent:
    """Verify a patent, attaching the uploaded certificate or extract (if any) to the audit trail."""
    ensure_operator(actor)
    file_id = add_evidence(actor, patent_id, filename, content).id if content else None
    return verify_patent(actor, patent_id, evidence, file_id)
