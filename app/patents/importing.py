"""Read a bulk-import file (CSV or JSON) into plain row dicts; checking the rows is the services' job."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence, Sized
from typing import Any

from flask import Response
from flask_babel import gettext as _

from app.errors import ValidationFailed
from app.patents.validation import PATENT_FIELDS

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
REQUIRED_COLUMNS = ("title",)
# Key for cells beyond the header, usually from an unquoted comma inside a title.
EXTRA_CELLS = "_extra_cells"

# A real granted invention from data/cn_patent_titles_ipc.csv; fields the source does not give stay empty
# rather than invented. B is a grant announcement kind code, hence "granted".
TEMPLATE_EXAMPLE = {
    "publication_number": "CN111504366B",
    "kind": "invention",
    "title": "基于人工智能的流体输送系统精确计量方法及计量装置",
    "ipc_codes": "G01D|G01F",
    "legal_status": "granted",
}


def check_row_count(rows: Sized) -> None:
    """Refuse an import file with no data rows or more than MAX_IMPORT_ROWS (patents and fee payments)."""
    if not rows:
        raise ValidationFailed(_("文件中没有数据行。"))
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationFailed(
            _("一次最多导入 %(max)s 条，本文件有 %(n)s 条，请拆分后导入。", max=MAX_IMPORT_ROWS, n=len(rows))
        )


def parse_import_file(filename: str, content: bytes) -> list[Any]:
    """Rows from a .csv (UTF-8, BOM optional, header = API field names) or .json (a list of objects) file."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationFailed(_("文件过大：最多 %(mb)s MB。", mb=MAX_IMPORT_BYTES // (1024 * 1024)))
    name = filename.lower()
    if name.endswith(".csv"):
        return csv_rows(decode_upload(content), _check_header)
    if name.endswith(".json"):
        return _parse_json(decode_upload(content))
    raise ValidationFailed(_("只支持 .csv 或 .json 文件。"))


def decode_upload(content: bytes) -> str:
    """The uploaded file's text (UTF-8, BOM optional), or a ValidationFailed saying how to save it."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            _("文件不是 UTF-8 编码。请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再上传。")
        ) from None


def csv_rows(text: str, check_header: Callable[[list[str]], None]) -> list[Any]:
    """Rows as dicts keyed by the checked header; blank lines keep their place, trailing ones are dropped."""
    # csv.reader (not DictReader) keeps blank lines as [] so row numbers match the file.
    try:
        lines = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:  # e.g. one cell over the csv module's 128 KiB field limit
        raise ValidationFailed(_("CSV 文件格式无效：%(error)s", error=str(err))) from None
    header = [h.strip() for h in lines[0]] if lines else []
    check_header(header)
    rows: list[Any] = []
    for cells in lines[1:]:
        row: dict[str, Any] = dict(zip(header, cells, strict=False))
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            row[EXTRA_CELLS] = extra
        rows.append(row)
    while rows and not any(str(v).strip() for v in rows[-1].values()):
        rows.pop()  # trailing empty lines that spreadsheets leave behind
    return rows


def check_header(
    header: list[str],
    columns: Sequence[str],
    required: Sequence[str] | None = None,
    also_missing: Sequence[str] = (),
) -> None:
    """Refuse a CSV header that is empty, names a column not in `columns`, or lacks one of `required` (all of
    `columns` when None); `also_missing` are labels of further missing columns the caller found."""
    if not any(header):
        raise ValidationFailed(_("CSV 文件为空，第一行应为列名。"))
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        raise ValidationFailed(
            _(
                "未知的列：%(unknown)s。可用的列：%(known)s。",
                unknown="、".join(unknown),
                known=", ".join(columns),
            )
        )
    missing = [c for c in (columns if required is None else required) if c not in header] + list(also_missing)
    if missing:
        raise ValidationFailed(_("缺少列：%(cols)s。", cols="、".join(missing)))


def _check_header(header: list[str]) -> None:
    numbered = "application_number" in header or "publication_number" in header
    either = [] if numbered else [_("application_number 或 publication_number")]
    check_header(header, PATENT_FIELDS, REQUIRED_COLUMNS, also_missing=either)


def _parse_json(text: str) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValidationFailed(
            _(
                "JSON 格式错误（第 %(line)s 行第 %(col)s 列）：%(msg)s。",
                line=err.lineno,
                col=err.colno,
                msg=err.msg,
            )
        ) from None
    if not isinstance(data, list):
        raise ValidationFailed(_("JSON 文件应为由专利对象组成的数组（[...]）。"))
    return data


def template_download(columns: Sequence[str], example: Mapping[str, str], filename: str) -> Response:
    """An import template as a CSV download: the header and one example row. The BOM lets Excel open the
    UTF-8 file with the Chinese text intact."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(example)
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )
