"""Turn one patent record (form, CSV row, JSON object) into a PatentInput, or field errors in Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from app.i18n import Labelled
from app.patents.models import LegalStatus, PatentKind
from app.patents.numbers import (
    NumberError,
    application_kind,
    normalise_application_number,
    normalise_ipc,
    normalise_publication_number,
    publication_kind,
    split_ipc,
)

PATENT_FIELDS = (
    "application_number",
    "publication_number",
    "kind",
    "title",
    "abstract",
    "first_claim",
    "ipc_codes",
    "applicants",
    "filing_date",
    "grant_date",
    "legal_status",
    "annual_fee_paid_until",
)
MAX_LENGTHS = {"title": 500, "applicants": 500, "abstract": 10000, "first_claim": 20000}
MAX_IPC_CODES = 50
# Kind codes of grant announcements: a patent published under one of them is no longer pending.
GRANT_KIND_CODES = ("B", "C", "U", "Y", "S")
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class PatentInput:
    title: str
    kind: PatentKind
    legal_status: LegalStatus
    application_number: str | None = None
    publication_number: str | None = None
    abstract: str = ""
    first_claim: str = ""
    ipc_codes: tuple[str, ...] = ()
    applicants: str = ""
    filing_date: date | None = None
    grant_date: date | None = None
    annual_fee_paid_until: date | None = None


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value).strip()


def _number(
    data: Mapping[str, Any], name: str, normalise: Callable[[str], str], errors: dict[str, str]
) -> str | None:
    raw = _text(data, name)
    if not raw:
        return None
    try:
        return normalise(raw)
    except NumberError as err:
        errors[name] = str(err)
        return None


def _date(data: Mapping[str, Any], name: str, errors: dict[str, str]) -> date | None:
    raw = data.get(name)
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    # Spreadsheet programs in China often rewrite 2020-03-01 as 2020/3/1.
    match = _DATE_RE.match(text)
    try:
        if match:
            return date(*(int(part) for part in match.groups()))
        return date.fromisoformat(text)
    except ValueError:
        pass
    errors[name] = _("日期 %(text)s 无效，格式应为 YYYY-MM-DD。", text=text)
    return None


def _choice(raw: str, enum: type[Labelled]) -> Any:
    """An enum member from its value or its Chinese label; None when neither."""
    for member in enum:
        if raw in (member.value, member.label):
            return member
    return None


def _kind(data: Mapping[str, Any], app_no: str | None, pub_no: str | None, errors: dict[str, str]) -> Any:
    raw = _text(data, "kind")
    given = _choice(raw, PatentKind) if raw else None
    if raw and given is None:
        errors["kind"] = _("专利类型应为 invention（发明）、utility_model（实用新型）或 design（外观设计）。")
        return None
    implied = []
    if app_no:
        implied.append(_("申请号表明为%(kind)s", kind=_(application_kind(app_no).label)))
    if pub_no:
        implied.append(
            _("公开（公告）号的文献种类代码表明为%(kind)s", kind=_(publication_kind(pub_no).label))
        )
    kinds = {given} if given else set()
    kinds |= {application_kind(app_no)} if app_no else set()
    kinds |= {publication_kind(pub_no)} if pub_no else set()
    if len(kinds) > 1:
        given_text = _("，而填写的是%(kind)s", kind=_(given.label)) if given else ""
        errors["kind"] = _("专利类型与号码不符：%(detail)s。", detail="；".join(implied) + given_text)
        return None
    if not kinds:
        errors["kind"] = _("请选择专利类型。")
        return None
    return kinds.pop()


def _ipc_codes(data: Mapping[str, Any], errors: dict[str, str]) -> tuple[str, ...]:
    raw = data.get("ipc_codes")
    parts = split_ipc(raw) if isinstance(raw, str) else [str(p).strip() for p in raw or [] if str(p).strip()]
    codes, bad = [], []
    for part in parts:
        try:
            codes.append(normalise_ipc(part))
        except NumberError:
            bad.append(part)
    if bad:
        errors["ipc_codes"] = _(
            "IPC 分类号格式不正确：%(codes)s（应如 H01M 或 H01M 4/525，部为 A–H）。", codes="、".join(bad)
        )
    elif len(set(codes)) > MAX_IPC_CODES:
        errors["ipc_codes"] = _("IPC 分类号最多 %(n)s 个。", n=MAX_IPC_CODES)
    return tuple(dict.fromkeys(codes))


def _texts(data: Mapping[str, Any], errors: dict[str, str]) -> dict[str, str]:
    texts = {name: _text(data, name) for name in MAX_LENGTHS}
    if not texts["title"]:
        errors["title"] = _("请填写专利名称。")
    for name, limit in MAX_LENGTHS.items():
        if len(texts[name]) > limit:
            errors[name] = _("不能超过 %(n)s 个字符。", n=limit)
    return texts


def _legal_status(data: Mapping[str, Any], pub_no: str | None, errors: dict[str, str]) -> Any:
    raw = _text(data, "legal_status")
    status = _choice(raw, LegalStatus) if raw else None
    if status is None:
        values = "、".join(f"{s.value}（{_(s.label)}）" for s in LegalStatus)
        problem = _("法律状态 %(raw)s 无效", raw=raw) if raw else _("请选择法律状态")
        errors["legal_status"] = _("%(problem)s，可选：%(values)s。", problem=problem, values=values)
    elif status == LegalStatus.PENDING and pub_no and pub_no.rstrip("0123456789")[-1] in GRANT_KIND_CODES:
        errors["legal_status"] = _("%(no)s 是授权公告号，法律状态不能是“审查中”。", no=pub_no)
    return status


def _dates(data: Mapping[str, Any], status: Any, errors: dict[str, str]) -> dict[str, date | None]:
    names = ("filing_date", "grant_date", "annual_fee_paid_until")
    dates = {name: _date(data, name, errors) for name in names}
    filing, grant = dates["filing_date"], dates["grant_date"]
    if filing and grant and grant < filing:
        errors["grant_date"] = _("授权公告日不能早于申请日。")
    if grant and status == LegalStatus.PENDING:
        errors["grant_date"] = _("审查中的专利不应有授权公告日；已授权请把法律状态改为“授权有效”等。")
    return dates


def validate_patent_input(data: Mapping[str, Any]) -> tuple[PatentInput | None, dict[str, str]]:
    """Check one record; (PatentInput, {}) when good, (None, {field: reason}) otherwise."""
    errors: dict[str, str] = {}
    app_no = _number(data, "application_number", normalise_application_number, errors)
    pub_no = _number(data, "publication_number", normalise_publication_number, errors)
    if not _text(data, "application_number") and not _text(data, "publication_number"):
        errors["application_number"] = _("申请号和公开（公告）号至少填写一个。")
    kind = _kind(data, app_no, pub_no, errors)
    texts = _texts(data, errors)
    ipc_codes = _ipc_codes(data, errors)
    status = _legal_status(data, pub_no, errors)
    dates = _dates(data, status, errors)
    if errors:
        return None, errors
    inp = PatentInput(
        kind=kind,
        legal_status=status,
        application_number=app_no,
        publication_number=pub_no,
        ipc_codes=ipc_codes,
        title=texts["title"],
        applicants=texts["applicants"],
        abstract=texts["abstract"],
        first_claim=texts["first_claim"],
        filing_date=dates["filing_date"],
        grant_date=dates["grant_date"],
        annual_fee_paid_until=dates["annual_fee_paid_until"],
    )
    return inp, {}
