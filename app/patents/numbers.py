"""Chinese patent numbers and IPC codes: validate, normalise, and read the patent kind they imply.

Application numbers (申请号) follow CNIPA's numbering standard (ZC 0006-2003, in use since 2003-10-01):
YYYY + application type digit + 7-digit serial, then '.' and a check digit; older applications have
YY + type digit + 5-digit serial. The check digit is sum(digit_i * weight_i) mod 11, with 10 written 'X';
weights are 2,3,4,5,6,7,8,9,2,3,4,5 over 12 digits and 2..9 over 8 digits.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from app.patents.models import PatentKind

WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)

# The type digit after the year: 8 and 9 are PCT applications entering the Chinese national phase.
APPLICATION_TYPES = {
    "1": PatentKind.INVENTION,
    "8": PatentKind.INVENTION,
    "2": PatentKind.UTILITY_MODEL,
    "9": PatentKind.UTILITY_MODEL,
    "3": PatentKind.DESIGN,
}

# Publication kind codes (GB/T / WIPO ST.16 as used by CNIPA): A application published, B/C granted
# invention, U/Y utility model, S design.
PUBLICATION_KINDS = {
    "A": PatentKind.INVENTION,
    "B": PatentKind.INVENTION,
    "C": PatentKind.INVENTION,
    "U": PatentKind.UTILITY_MODEL,
    "Y": PatentKind.UTILITY_MODEL,
    "S": PatentKind.DESIGN,
}

_APP_RE = re.compile(r"^(\d{12}|\d{8})\.?([0-9X])$")
_PUB_RE = re.compile(r"^CN(\d{7,9})([ABCUYS])(\d?)$")
_IPC_RE = re.compile(r"^([A-H]\d{2}[A-Z])(?:(\d{1,4})/(\d{2,6}))?$")
_PRE_2003_YEARS = {f"{y:02d}" for y in (*range(85, 100), 0, 1, 2, 3)}


class NumberError(ValueError):
    """A number or code that cannot be accepted; str() is the user-facing reason in Chinese."""


def check_digit(digits: str) -> str:
    """The check digit ('0'–'9' or 'X') of a 12- or 8-digit application number body."""
    weights = WEIGHTS_12 if len(digits) == 12 else WEIGHTS_8
    if len(digits) != len(weights) or not digits.isdigit():
        raise NumberError(_("申请号主体应为 12 位（2003 年 10 月起）或 8 位数字。"))
    rest = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if rest == 10 else str(rest)


def _compact(raw: str) -> str:
    return re.sub(r"\s+", "", raw).upper()


def normalise_application_number(raw: str) -> str:
    """'CN 2020101234562' or 'ZL202010123456.2' -> '202010123456.2'; NumberError with the reason otherwise."""
    text = _compact(raw)
    for prefix in ("CN", "ZL"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    match = _APP_RE.match(text)
    if not match:
        if re.fullmatch(r"\d{12}|\d{8}", text):
            raise NumberError(_("申请号 %(no)s 缺少校验位（格式如 202010123456.X）。", no=raw.strip()))
        raise NumberError(
            _(
                "申请号 %(no)s 格式不正确，应为 12 位数字 + “.” + 校验位（如 202010123456.X）。",
                no=raw.strip(),
            )
        )
    body, check = match.groups()
    _check_body(raw, body)
    if check_digit(body) != check:
        raise NumberError(_("申请号 %(no)s 的校验位不正确，请核对号码。", no=raw.strip()))
    return f"{body}.{check}"


def _check_body(raw: str, body: str) -> None:
    type_digit = body[4] if len(body) == 12 else body[2]
    if type_digit not in APPLICATION_TYPES:
        raise NumberError(
            _(
                "申请号 %(no)s 的申请种类位（%(digit)s）无效，应为 1、2、3、8 或 9。",
                no=raw.strip(),
                digit=type_digit,
            )
        )
    if len(body) == 12 and int(body[:4]) < 2003:
        raise NumberError(_("申请号 %(no)s 的年份无效：12 位申请号自 2003 年起使用。", no=raw.strip()))
    if len(body) == 8 and body[:2] not in _PRE_2003_YEARS:
        raise NumberError(_("申请号 %(no)s 的年份无效：8 位申请号用于 1985–2003 年的申请。", no=raw.strip()))


def application_kind(number: str) -> PatentKind:
    """The patent kind a normalised application number implies."""
    body = number.split(".")[0]
    return APPLICATION_TYPES[body[4] if len(body) == 12 else body[2]]


def normalise_publication_number(raw: str) -> str:
    """'cn 114081026 a' -> 'CN114081026A'; NumberError with the reason otherwise."""
    text = _compact(raw)
    if not _PUB_RE.match(text):
        raise NumberError(
            _(
                "公开（公告）号 %(no)s 格式不正确，应为 CN + 7–9 位数字 + 文献种类代码"
                "（A、B、C、U、Y、S），如 CN114081026A。",
                no=raw.strip(),
            )
        )
    return text


def publication_kind(number: str) -> PatentKind:
    """The patent kind a normalised publication number's kind code implies."""
    match = _PUB_RE.match(number)
    if not match:
        raise NumberError(_("公开（公告）号 %(no)s 格式不正确。", no=number))
    return PUBLICATION_KINDS[match.group(2)]


def normalise_ipc(raw: str) -> str:
    """'h01m4/525' -> 'H01M 4/525', 'H01M' stays; NumberError naming the code otherwise."""
    text = _compact(raw)
    match = _IPC_RE.match(text)
    if not match:
        raise NumberError(
            _("IPC 分类号 %(code)s 格式不正确，应如 H01M 或 H01M 4/525（部 A–H）。", code=raw.strip())
        )
    subclass, group, subgroup = match.groups()
    return subclass if group is None else f"{subclass} {int(group)}/{subgroup}"


def split_ipc(raw: str) -> list[str]:
    """IPC codes from one cell: separated by '|', ';', '；', ',', '，', '、' or new lines."""
    return [part.strip() for part in re.split(r"[|;；,，、\n]", raw) if part.strip()]
