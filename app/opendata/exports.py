"""CSV and XLSX writers for open data, safe against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

# A text cell starting with one of these is run as a formula by Excel, WPS or LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 100_000  # one export is capped; narrow the filters for more
BOM = "\ufeff"  # Excel opens UTF-8 CSV as UTF-8 only with a byte-order mark

Row = Sequence[Any]


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def csv_lines(header: Row, rows: Iterable[Row]) -> Iterator[str]:
    """The CSV text, line by line (for a streamed response), BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for i, row in enumerate(_capped([header], rows)):
        writer.writerow([neutralise(_text(v)) for v in row])
        yield (BOM if i == 0 else "") + buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _capped(head: list[Row], rows: Iterable[Row]) -> Iterator[Row]:
    yield from head
    for i, row in enumerate(rows):
        if i >= MAX_ROWS:
            return
        yield row


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # a number in the sheet; the CSV keeps the exact decimal text
    if isinstance(value, datetime):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else value


def _sheet_title(title: str) -> str:
    """Excel forbids []:*?/\\ in sheet titles and allows 31 characters."""
    return "".join(" " if c in "[]:*?/\\" else c for c in title)[:31]


def xlsx_bytes(sheets: Iterable[tuple[str, Row, Iterable[Row]]]) -> bytes:
    """A workbook with one sheet per (title, header, rows), written in openpyxl's streaming mode."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=_sheet_title(title))
        for row in _capped([header], rows):
            sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
