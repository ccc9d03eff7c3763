"""Number and code formats: synthetic application numbers (computed check digits), real publication nos."""

import re

import pytest

from app.patents.models import PatentKind
from app.patents.numbers import (
    NumberError,
    application_kind,
    check_digit,
    normalise_application_number,
    normalise_ipc,
    normalise_publication_number,
    publication_kind,
    split_ipc,
)


@pytest.mark.parametrize(
    ("body", "digit"),
    [
        # 2*2+0*3+2*4+0*5+1*6+0*7+1*8+2*9+3*2+4*3+5*4+6*5 = 112; 112 mod 11 = 2
        ("202010123456", "2"),
        # 4+8+5+12+25 = 54; 54 mod 11 = 10 -> X
        ("202120000005", "X"),
        # pre-2003, weights 2..9: 18+24+4 = 46; 46 mod 11 = 2
        ("98100000", "2"),
        # 18+24+4+63 = 109; 109 mod 11 = 10 -> X
        ("98100007", "X"),
    ],
)
def test_check_digit(body, digit):
    assert check_digit(body) == digit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("202010123456.2", "202010123456.2"),
        ("2020101234562", "202010123456.2"),
        ("CN202010123456.2", "202010123456.2"),
        ("ZL202010123456.2", "202010123456.2"),
        ("zl 2020 1012 3456.2", "202010123456.2"),
        ("202120000005.X", "202120000005.X"),
        ("202120000005.x", "202120000005.X"),
        ("98100007.X", "98100007.X"),
        ("ZL98100000.2", "98100000.2"),
    ],
)
def test_good_application_numbers_are_normalised(raw, expected):
    assert normalise_application_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("202010123456.7", "校验位不正确"),  # the example in the issue text: the right digit is 2
        ("202120000005.0", "校验位不正确"),
        ("98100007.1", "校验位不正确"),
        ("202010123456", "缺少校验位"),
        ("20201012345.2", "格式不正确"),
        ("202010123456.22", "格式不正确"),
        ("US202010123456.2", "格式不正确"),
        ("202040123456.2", "申请种类位"),  # type digit 4 is not used
        ("200210123456.X", "年份无效"),  # 12-digit numbers start in 2003
        ("04100000.2", "年份无效"),  # 8-digit numbers end in 2003
        ("", "格式不正确"),
    ],
)
def test_bad_application_numbers_are_refused_with_a_reason(raw, reason):
    with pytest.raises(NumberError, match=reason):
        normalise_application_number(raw)


def test_wrong_check_digit_message_does_not_reveal_the_right_one():
    with pytest.raises(NumberError) as err:
        normalise_application_number("202010123456.7")
    assert "202010123456.7" in str(err.value) and ".2" not in str(err.value).replace("202010123456.7", "")


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("202010123456.2", PatentKind.INVENTION),
        ("202120000005.X", PatentKind.UTILITY_MODEL),
        ("98100007.X", PatentKind.INVENTION),
    ],
)
def test_application_kind_from_type_digit(number, kind):
    assert application_kind(number) == kind


@pytest.mark.parametrize(
    ("raw", "normalised", "kind"),
    [  # real numbers from data/cn_patent_titles_ipc.csv
        ("CN114081026A", "CN114081026A", PatentKind.INVENTION),
        ("cn 111504366 b", "CN111504366B", PatentKind.INVENTION),
        ("CN215792497U", "CN215792497U", PatentKind.UTILITY_MODEL),
    ],
)
def test_publication_numbers(raw, normalised, kind):
    assert normalise_publication_number(raw) == normalised
    assert publication_kind(normalised) == kind


@pytest.mark.parametrize(
    "raw", ["CN114081026", "CN114081026Z", "US114081026A", "CN12345A", "CN1234567890A", "114081026A"]
)
def test_bad_publication_numbers(raw):
    with pytest.raises(NumberError, match="格式不正确"):
        normalise_publication_number(raw)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("H01M", "H01M"),
        ("H01M 4/525", "H01M 4/525"),
        ("h01m4/525", "H01M 4/525"),
        ("G06F 16/00", "G06F 16/00"),
    ],
)
def test_good_ipc_codes(raw, normalised):
    assert normalise_ipc(raw) == normalised


@pytest.mark.parametrize("raw", ["I01M", "H01", "H1M", "H01M 4", "H01M 4/5", "H01M/525", "01MH"])
def test_bad_ipc_codes_name_the_code(raw):
    with pytest.raises(NumberError, match=re.escape(raw)):
        normalise_ipc(raw)


def test_split_ipc_accepts_the_documented_separators():
    assert split_ipc("G01D|G01F; H01M 4/525,B41F，A01M") == ["G01D", "G01F", "H01M 4/525", "B41F", "A01M"]
