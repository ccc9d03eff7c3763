"""Patents: record, edit, list, bulk import, and the encumbrances the open-licence rules look at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import clock
from app.auth.access import owned
from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.pagination import Page, paginate
from app.patents.importing import EXTRA_CELLS, check_row_count, parse_import_file
from app.patents.models import Patent
from app.patents.validation import PATENT_FIELDS, PatentInput, validate_patent_input
from app.patents.verification import reset_if_changed, snapshot

__all__ = [
    "PATENT_FIELDS",
    "EncumbranceInput",
    "ImportReport",
    "PatentInput",
    "RejectedRow",
    "create_patent",
    "get_patent_for_owner",
    "get_patent_for_viewer",
    "import_file",
    "import_patents",
    "list_patents",
    "parse_import_file",
    "patch_patent",
    "record_encumbrance",
    "require_patent_input",
    "update_patent",
    "validate_patent_input",
]

NUMBER_FIELDS = ("application_number", "publication_number")
EXCLUSIVE_RULE = "no_exclusive_licence_during_open_licence"


@dataclass(frozen=True)
class RejectedRow:
    row: int  # 1-based, counting data rows (the CSV header is not a row)
    number: str
    errors: dict[str, str]

    @property
    def reasons(self) -> list[str]:
        return list(self.errors.values())


@dataclass
class ImportReport:
    imported: list[Patent] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


@dataclass(frozen=True)
class EncumbranceInput:
    exclusive_licence_until: date | None = None
    ownership_dispute: bool = False
    pledged: bool = False
    pledgee_consent_ref: str = ""
    evaluation_report_ref: str = ""


def _ensure_patentee(actor: User) -> None:
    if not actor.has_role(Role.PATENTEE):
        raise Forbidden(_("只有专利权人可以登记专利。"))


def _duplicates(inp: PatentInput, exclude_id: int | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in NUMBER_FIELDS:
        value = getattr(inp, name)
        if not value:
            continue
        query = select(Patent.id).where(getattr(Patent, name) == value)
        if exclude_id is not None:
            query = query.where(Patent.id != exclude_id)
        if db.session.scalar(query) is not None:
            errors[name] = _("号码 %(no)s 已在平台登记，不能重复登记。", no=value)
    return errors


def _apply(patent: Patent, inp: PatentInput) -> None:
    for name in PATENT_FIELDS:
        value = getattr(inp, name)
        setattr(patent, name, list(value) if name == "ipc_codes" else value)


def require_patent_input(data: Mapping[str, Any]) -> PatentInput:
    """validate_patent_input, raising ValidationFailed with the field errors when the record is bad."""
    inp, errors = validate_patent_input(data)
    if inp is None:
        raise ValidationFailed(_("专利信息有误：%(detail)s", detail="；".join(errors.values())), errors)
    return inp


def create_patent(actor: User, inp: PatentInput) -> Patent:
    """Record a patent owned by the actor; numbers must be new to the platform."""
    _ensure_patentee(actor)
    errors = _duplicates(inp)
    if errors:
        raise ValidationFailed(_("专利已登记：%(detail)s", detail="；".join(errors.values())), errors)
    patent = Patent(owner=actor, source="form")
    _apply(patent, inp)
    db.session.add(patent)
    db.session.flush()
    return patent


def _get(patent_id: int) -> Patent:
    return get_or_404(Patent, patent_id, _("专利不存在。"))


def get_patent_for_owner(actor: User, patent_id: int) -> Patent:
    """The patent, if the actor owns it (or is an admin)."""
    return owned(actor, _get(patent_id), _("专利"))


def get_patent_for_viewer(actor: User, patent_id: int) -> Patent:
    """The patent, for its owner, an operation centre or an admin."""
    if actor.has_role(Role.OPERATOR):
        return _get(patent_id)
    return get_patent_for_owner(actor, patent_id)


def update_patent(actor: User, patent_id: int, inp: PatentInput) -> Patent:
    """Change a patent's bibliographic data; owner only. A new number, kind, owner or status voids a check."""
    patent = get_patent_for_owner(actor, patent_id)
    errors = _duplicates(inp, exclude_id=patent.id)
    if errors:
        raise ValidationFailed(_("号码冲突：%(detail)s", detail="；".join(errors.values())), errors)
    before = snapshot(patent)
    _apply(patent, inp)
    reset_if_changed(actor, patent, before)
    db.session.flush()
    return patent


def patent_record(patent: Patent) -> dict[str, Any]:
    """The patent's own fields keyed like the form and the API, as validate_patent_input reads them."""
    return {name: getattr(patent, name) for name in PATENT_FIELDS} | {
        "kind": patent.kind.value,
        "legal_status": patent.legal_status.value,
        "ipc_codes": list(patent.ipc_codes),
    }


def patch_patent(actor: User, patent_id: int, changes: Mapping[str, Any]) -> Patent:
    """Change some of a patent's own fields; the merged record is checked like the edit form; owner only."""
    patent = get_patent_for_owner(actor, patent_id)
    unknown = sorted(set(changes) - set(PATENT_FIELDS))
    if unknown:
        message = _("不能修改的字段：%(names)s。", names="、".join(unknown))
        raise ValidationFailed(message, {name: _("不是可修改的专利字段。") for name in unknown})
    return update_patent(actor, patent_id, require_patent_input(patent_record(patent) | dict(changes)))


def list_patents(actor: User, page: int = 1, per_page: int = 20) -> Page[Patent]:
    """A patentee's own patents; all patents for operation centres and admins; newest first."""
    if not actor.has_role(Role.PATENTEE, Role.OPERATOR):
        raise Forbidden(_("您的角色无权查看专利列表。"))
    query = select(Patent).options(selectinload(Patent.awards), selectinload(Patent.declarations))
    if not actor.has_role(Role.OPERATOR):
        query = query.where(Patent.owner_id == actor.id)
    return paginate(query.order_by(Patent.id.desc()), page, per_page)


def _row_label(row: Mapping[str, Any]) -> str:
    return " / ".join(str(row.get(n) or "").strip() for n in NUMBER_FIELDS if str(row.get(n) or "").strip())


def _is_blank(row: Any) -> bool:
    return isinstance(row, Mapping) and not any(str(v or "").strip() for v in row.values())


def _check_row(row: Any, seen: dict[str, int]) -> tuple[PatentInput | None, dict[str, str]]:
    if not isinstance(row, Mapping):
        return None, {"row": _("该行不是一条记录（JSON 对象）。")}
    if row.get(EXTRA_CELLS):
        return None, {"row": _("该行的单元格多于表头的列数（内容中的逗号请用引号括起来）。")}
    inp, errors = validate_patent_input(row)
    if inp is None:
        return None, errors
    errors = _duplicates(inp)
    for name in NUMBER_FIELDS:
        value = getattr(inp, name)
        if value and value in seen and name not in errors:
            errors[name] = _("号码 %(no)s 与文件第 %(line)s 行重复。", no=value, line=seen[value])
    return (None, errors) if errors else (inp, {})


def import_patents(actor: User, rows: list[Any]) -> ImportReport:
    """Check every row; add the good ones together, report each bad one with its row number and reasons."""
    _ensure_patentee(actor)
    check_row_count(rows)
    report = ImportReport()
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if _is_blank(row):
            continue  # blank lines keep their number so later rows match the file
        inp, errors = _check_row(row, seen)
        if inp is None:
            label = _row_label(row) if isinstance(row, Mapping) else ""
            report.rejected.append(RejectedRow(row=number, number=label, errors=errors))
            continue
        seen.update({v: number for v in (inp.application_number, inp.publication_number) if v})
        patent = Patent(owner=actor, source="import")
        _apply(patent, inp)
        report.imported.append(patent)
    db.session.add_all(report.imported)
    db.session.flush()
    return report


def import_file(actor: User, filename: str, content: bytes) -> ImportReport:
    """Parse an uploaded CSV/JSON file and import its rows."""
    return import_patents(actor, parse_import_file(filename, content))


def _encumbrance_errors(inp: EncumbranceInput) -> dict[str, str]:
    errors = {}
    for name in ("pledgee_consent_ref", "evaluation_report_ref"):
        if len(getattr(inp, name).strip()) > 200:
            errors[name] = _("不能超过 200 个字符。")
    if inp.pledgee_consent_ref.strip() and not inp.pledged:
        errors["pledgee_consent_ref"] = _("专利未质押时无需填写质权人同意文件。")
    return errors


def _has_published_declaration(patent_id: int) -> bool:
    query = select(Declaration.id).where(
        Declaration.patent_id == patent_id, Declaration.status == DeclarationStatus.PUBLISHED
    )
    return db.session.scalar(query.limit(1)) is not None


def record_encumbrance(
    actor: User, patent_id: int, inp: EncumbranceInput, today: date | None = None
) -> Patent:
    """Record licences, disputes, pledges and the evaluation report; owner only.

    Patent Law of the PRC (2020 amendment, in force 2021-06-01) Art. 51 para. 3: while an open licence is in
    force, the patentee may not grant an exclusive or sole licence of that patent.
    """
    patent = get_patent_for_owner(actor, patent_id)
    errors = _encumbrance_errors(inp)
    if errors:
        raise ValidationFailed(_("权利状态有误：%(detail)s", detail="；".join(errors.values())), errors)
    today = today or clock.now().date()
    in_force = inp.exclusive_licence_until is not None and inp.exclusive_licence_until >= today
    if in_force and _has_published_declaration(patent.id):
        message = _(
            "该专利的开放许可声明已公告、正在实施，专利权人不得就该专利给予独占或者排他许可"
            "（《中华人民共和国专利法》第五十一条第三款）。"
        )
        raise RuleViolation(message, {"exclusive_licence_until": message}, rule=EXCLUSIVE_RULE)
    patent.exclusive_licence_until = inp.exclusive_licence_until
    patent.ownership_dispute, patent.pledged = inp.ownership_dispute, inp.pledged
    patent.pledgee_consent_ref = inp.pledgee_consent_ref.strip()
    patent.evaluation_report_ref = inp.evaluation_report_ref.strip()
    db.session.flush()
    return patent
