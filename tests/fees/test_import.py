"""Fee-payment CSV import (web): good rows recorded together, every bad row reported with its number."""

from __future__ import annotations

from datetime import date

import pytest

from app.auth.models import Role
from app.fees.models import FeePayment
from tests.rows import count
from tests.uploads import post_file

# A: year 11 (CNY 4,000) fell due 2026-07-10, in grace with 20 % surcharge. B: paid through year 8.
A = dict(filing_date=date(2016, 7, 10), grant_date=date(2019, 8, 20), annual_fee_paid_until=date(2026, 1, 1))
B = dict(publication_number="CN114081026B")


def upload(client, content: bytes, name: str = "fees.csv"):
    return post_file(client, "/patents/fee-payments/import", name, content)


def test_good_rows_are_recorded_and_each_bad_row_is_reported(login, make_patent, make_user):
    owner = make_user(Role.PATENTEE)
    a, b = make_patent(owner, **A), make_patent(owner, **B)
    make_patent(publication_number="CN215792497U")  # someone else's
    csv_text = (
        "patent_number,year,paid_on,amount\r\n"
        "CN111504366B,11,2026-11-20,4800.00\r\n"
        "cn 114081026 b,9,2026-11-01,2000.00\r\n"
        'CN114081026B,10,2026-11-02,"4,000.00"\r\n'
        "\r\n"
        "CN114081026B,12,2026-11-02,4000\r\n"
        "CN999999999B,1,2026-11-01,100\r\n"
        "CN111504366B,abc,2026-13-01,-5\r\n"
        ",5,2026-11-01,100\r\n"
        "CN215792497U,9,2026-11-01,2000\r\n"
        "CN111504366B,12,2026-11-01,4000,extra\r\n"
        "CN114081026B,11,2026-11-01,-5\r\n"
    )
    page = upload(login(owner), b"\xef\xbb\xbf" + csv_text.encode()).get_data(as_text=True)
    assert "已登记 3 笔年费" in page
    rejected = {
        5: "应先登记第 11 年度",
        6: "您登记的专利中没有 CN999999999B",
        7: "日期格式应为 YYYY-MM-DD",
        8: "请填写专利号",
        9: "您登记的专利中没有 CN215792497U",
        10: "单元格多于表头",
        11: "金额应大于 0",
    }
    for row, reason in rejected.items():
        assert f"<td>{row}</td>" in page and reason in page, row
    assert "不是有效的整数" in page
    assert count(FeePayment) == 3
    assert (a.annual_fee_paid_until, b.annual_fee_paid_until) == (date(2027, 7, 9), date(2030, 2, 28))


def test_a_file_of_bad_rows_records_nothing(login, make_patent):
    patent = make_patent(**A)
    page = upload(
        login(patent.owner), b"patent_number,year,paid_on,amount\r\nCN111504366B,11,2099-01-01,1\r\n"
    )
    assert "缴费日期不能晚于今天" in page.get_data(as_text=True) and count(FeePayment) == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.csv", "patent_number,year,paid_on,amount\r\n专利,1,2026-01-01,1\r\n".encode("gbk"), "UTF-8"),
        ("f.csv", b"patent,year,paid_on,amount\r\nx,1,2026-01-01,1\r\n", "未知的列"),
        ("f.csv", b"patent_number,year,paid_on\r\nx,1,2026-01-01\r\n", "缺少列"),
        ("f.csv", b"patent_number,year,paid_on,amount\r\n", "没有数据行"),
        ("f.csv", b"", "CSV 文件为空"),
        ("f.json", b"[]", "只支持 .csv 文件"),
        ("f.csv", b"patent_number,year,paid_on,amount\r\n" + b"x,1,2026-01-01,1\r\n" * 2001, "一次最多导入"),
    ],
)
def test_bad_files_show_a_message_and_record_nothing(login, make_patent, name, content, message):
    patent = make_patent(**A)
    resp = upload(login(patent.owner), content, name)
    assert resp.status_code == 200 and message in resp.get_data(as_text=True)
    assert count(FeePayment) == 0


def test_the_template_downloads(login, make_user):
    resp = login(make_user(Role.PATENTEE)).get("/patents/fee-payments/template.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.get_data(as_text=True).lstrip("\ufeff").startswith("patent_number,year,paid_on,amount")


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.OPERATOR])
def test_other_roles_cannot_import(login, make_user, role):
    resp = upload(login(make_user(role)), b"patent_number,year,paid_on,amount\r\n")
    assert resp.status_code == 403
