"""Downloads: one row per matching announcement, the XLSX matches the CSV, formula injection neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from app.declarations.models import DeclarationStatus
from app.opendata.exports import csv_lines, neutralise, xlsx_bytes


def _csv(client, url):
    resp = client.get(url)
    assert resp.status_code == 200
    text = resp.get_data().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def _xlsx(client, url):
    resp = client.get(url)
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(resp.get_data()), read_only=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"lump", "running"}),
        ("?ipc_section=H", {"running"}),
        ("?q=偶氮", set()),
        ("?status=withdrawn", {"withdrawn"}),
    ],
)
def test_one_csv_row_per_matching_announcement_and_the_xlsx_agrees(client, market, query, expected) -> None:
    rows = _csv(client, "/announcements.csv" + query)
    header, body = rows[0], rows[1:]
    assert {r[1] for r in body} == {getattr(market, k).patent.number for k in expected}
    sheet = _xlsx(client, "/announcements.xlsx" + query).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(cells) == len(rows) and [str(c) for c in cells[0]] == header
    assert {r[1] for r in cells[1:]} == {r[1] for r in body}


def test_every_announced_field_and_the_licence_count(client, market) -> None:
    rows = _csv(client, "/announcements.csv")
    row = dict(zip(rows[0], next(r for r in rows if r[1] == market.lump.patent.number), strict=True))
    assert row["一次性总付（元）"] == "50000.00" and row["许可期限止"] == "2028-12-31"
    assert row["联系方式"] == market.lump.contact and row["行业代码（GB/T 4754）"] == "4016"
    assert row["已生效的许可数"] == "1"


def test_headers_follow_the_language(client, market) -> None:
    rows = _csv(client, "/announcements.csv?lang=en")
    assert "Patent number" in rows[0]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("正常文本 = 1", "正常文本 = 1"),
        ("", ""),
    ],
)
def test_neutralise(value, cell) -> None:
    assert neutralise(value) == cell


def test_numbers_are_not_touched() -> None:
    assert neutralise(-5) == -5


def test_a_formula_in_an_announced_field_is_neutralised_in_both_files(client, market) -> None:
    from app.extensions import db

    market.lump.remarks = "=cmd|' /C calc'!A0"
    market.lump.patent.title = "@SUM(1+1)*cmd"
    db.session.commit()
    row = next(r for r in _csv(client, "/announcements.csv") if r[1] == market.lump.patent.number)
    assert "'=cmd|' /C calc'!A0" in row and "'@SUM(1+1)*cmd" in row
    sheet = _xlsx(client, "/announcements.xlsx").active
    values = [v for r in sheet.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert not any(v.startswith(("=", "@")) for v in values)
    assert "'=cmd|' /C calc'!A0" in values


def test_writers_cap_and_stream() -> None:
    lines = list(csv_lines(["a"], ([i] for i in range(3))))
    assert lines == ["\ufeffa\r\n", "0\r\n", "1\r\n", "2\r\n"]
    book = load_workbook(io.BytesIO(xlsx_bytes([("t/1", ["a"], [["=1"]])])))
    assert book.sheetnames == ["t 1"] and book.active["A2"].value == "'=1"


def test_statistics_downloads_agree(client, market) -> None:
    rows = _csv(client, "/statistics.csv")
    assert rows[0] == ["统计表", "项目", "指标", "数值"]
    assert ["概览", "已公告的开放许可声明", "数值", "2"] in rows
    book = _xlsx(client, "/statistics.xlsx")
    # the CSV has one line per figure; each sheet has one row per category and one column per measure
    figures = 0
    for ws in book.worksheets:
        table = list(ws.iter_rows(values_only=True))
        figures += (len(table) - 1) * (len(table[0]) - 1)
    assert figures == len(rows) - 1 and book.worksheets[0].title == "1 概览"


@pytest.mark.parametrize("url", ["/statistics.csv?ipc_section=Z", "/statistics.xlsx?province=火星"])
def test_statistics_download_with_a_bad_filter_is_refused(client, url) -> None:
    resp = client.get(url, headers={"Referer": "/statistics"})
    # the house way for a refused page action: back where the visitor came from, with the reason flashed
    assert resp.status_code == 302 and "Content-Disposition" not in resp.headers
    assert "筛选条件有误" in client.get("/statistics").get_data(as_text=True)


def test_withdrawn_rows_keep_the_contact_private(client, market) -> None:
    rows = _csv(client, "/announcements.csv?status=withdrawn")
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["状态"] == "已撤回" and row["联系方式"] == "" and row["撤回理由"] == "技术方案调整"
    assert market.withdrawn.status == DeclarationStatus.WITHDRAWN
