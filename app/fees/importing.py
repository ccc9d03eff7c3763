"""Read a fee-payment CSV (patent_number, year, paid_on, amount) into rows checked by FeePaymentForm."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.errors import ValidationFailed
from app.fees.forms import FeePaymentForm
from app.fees.services import FeePaymentInput, FeeRow
from app.patents.importing import MAX_IMPORT_BYTES, check_header, csv_rows, decode_upload

COLUMNS = ("patent_number", "year", "paid_on", "amount")
FORM_FIELDS = ("year", "paid_on", "amount")
TEMPLATE_EXAMPLE = {
    "patent_number": "CN111504366B",
    "year": "7",
    "paid_on": "2026-02-20",
    "amount": "2000.00",
}


def _row(number: int, row: dict[str, Any]) -> FeeRow | None:
    """One data row checked by the web form's own fields; None for a blank line."""
    cells = {k: str(v or "").strip() for k, v in row.items() if k in COLUMNS}
    if not any(cells.values()) and not row.get("_extra_cells"):
        return None
    label = cells.get("patent_number", "")
    if row.get("_extra_cells"):
        return FeeRow(number, label, None, {"row": _("该行的单元格多于表头的列数。")})
    form = FeePaymentForm(formdata=MultiDict({k: cells[k] for k in FORM_FIELDS}), meta={"csrf": False})
    errors = {} if form.validate() else {k: str(v[0]) for k, v in form.errors.items()}
    if not label:
        errors["patent_number"] = _("请填写专利号（申请号或公开（公告）号）。")
    if errors:
        return FeeRow(number, label, None, errors)
    year, paid_on, amount = form.year.data, form.paid_on.data, form.amount.data
    assert year is not None and paid_on is not None and amount is not None  # InputRequired
    return FeeRow(number, label, FeePaymentInput(year=year, paid_on=paid_on, amount=amount))


def parse_fee_file(filename: str, content: bytes) -> list[FeeRow]:
    """The rows of an uploaded .csv file (UTF-8, BOM optional), each with its shape errors."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationFailed(_("文件过大：最多 %(mb)s MB。", mb=MAX_IMPORT_BYTES // (1024 * 1024)))
    if not filename.lower().endswith(".csv"):
        raise ValidationFailed(_("只支持 .csv 文件。"))
    rows = csv_rows(decode_upload(content), partial(check_header, columns=COLUMNS))
    return [r for n, row in enumerate(rows, start=1) if (r := _row(n, row)) is not None]
