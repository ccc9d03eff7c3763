"""Verify patents in bulk from a register export (CSV) an operation centre imports.

Implementing Rules of the Patent Law (revised 2023) Art. 85 and Art. 88: a row verifies a patent only when
both its number and its owner's name match the platform's record; every other row is reported, not applied.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.auth.models import User
from app.errors import ValidationFailed
from app.extensions import db
from app.patents.importing import MAX_IMPORT_BYTES
from app.patents.models import Patent, Verification
from app.patents.numbers import NumberError, normalise_application_number, normalise_publication_number
from app.patents.verification import ensure_operator, owner_name, record

# Header aliases: the English column names and the register's Chinese ones.
COLUMNS = {"number": ("number", "专利号", "公开（公告）号", "申请号"), "owner": ("owner", "专利权人")}


@dataclass(frozen=True)
class RegisterRow:
    row: int
    number: str
    message: str


@dataclass
class RegisterReport:
    verified: list[RegisterRow] = field(default_factory=list)
    skipped: list[RegisterRow] = field(default_factory=list)


def _fold(name: str) -> str:
    """Compare names ignoring width (（） vs ()), case and spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _numbers(raw: str) -> list[str]:
    found = [raw.strip().upper()]
    for normalise in (normalise_application_number, normalise_publication_number):
        with suppress(NumberError):
            found.append(normalise(raw))
    return found


def _find(raw: str) -> Patent | None:
    numbers = _numbers(raw)
    query = select(Patent).where(
        or_(Patent.publication_number.in_(numbers), Patent.application_number.in_(numbers))
    )
    return db.session.scalars(query.limit(1)).first()


def _rows(content: bytes) -> list[dict[str, str]]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationFailed(_("文件过大：最多 %(mb)s MB。", mb=MAX_IMPORT_BYTES // (1024 * 1024)))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            _("文件不是 UTF-8 编码的 CSV。"), {"file": _("请上传 UTF-8 编码的 CSV。")}
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = {h.strip(): h for h in reader.fieldnames or []}
    keys = {key: next((header[a] for a in aliases if a in header), None) for key, aliases in COLUMNS.items()}
    if None in keys.values():
        message = _("登记簿导出文件须有 number（专利号）和 owner（专利权人）两列。")
        raise ValidationFailed(message, {"file": message})
    return [{k: (r.get(col) or "").strip() for k, col in keys.items()} for r in reader]


def _apply_row(
    actor: User, n: int, row: dict[str, str], source: dict[str, str], report: RegisterReport
) -> None:
    patent = _find(row["number"]) if row["number"] else None
    if patent is None:
        report.skipped.append(RegisterRow(n, row["number"], _("平台上没有该号码的专利。")))
    elif _fold(owner_name(patent)) != _fold(row["owner"]) or not row["owner"]:
        report.skipped.append(RegisterRow(n, row["number"], _("专利权人与平台账户的机构名称不一致。")))
    elif patent.verification == Verification.VERIFIED:
        report.skipped.append(RegisterRow(n, row["number"], _("该专利已核验。")))
    else:
        evidence = _("登记簿导出 %(file)s 第 %(row)s 行", file=source["filename"], row=n)
        detail = {"evidence": evidence, **source, "number": patent.number, "owner": row["owner"]}
        detail["from"] = patent.verification.value
        patent.verification = Verification.VERIFIED
        record(patent, actor, "verified", detail)
        report.verified.append(RegisterRow(n, patent.number, evidence))


def import_register(actor: User, filename: str, content: bytes) -> RegisterReport:
    """Verify the patents whose number and owner match a row of a register export; report the other rows."""
    ensure_operator(actor)
    if not filename.lower().endswith(".csv"):
        raise ValidationFailed(_("只支持 .csv 文件。"), {"file": _("请上传 .csv 文件。")})
    rows = _rows(content)
    if not rows:
        raise ValidationFailed(_("文件中没有数据行。"), {"file": _("文件中没有数据行。")})
    source = {"filename": filename[-200:], "sha256": hashlib.sha256(content).hexdigest()}
    report = RegisterReport()
    for n, row in enumerate(rows, start=1):
        _apply_row(actor, n, row, source, report)
    db.session.flush()
    return report
