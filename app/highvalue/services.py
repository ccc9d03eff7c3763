"""High-value services: record the facts the five categories need; classify a patent with its evidence."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.db import in_chunks
from app.errors import ValidationFailed, clauses
from app.extensions import db
from app.fees import services as fee_svc
from app.highvalue.models import PatentAward
from app.highvalue.rules import Award, Category, HighValueFacts, high_value_categories
from app.i18n import N_
from app.integrations import royalties as royalty_bridge
from app.integrations import sei as sei_bridge
from app.patents import services as patent_svc
from app.patents.models import LegalStatus, Patent, PatentKind
from royalties.types import FeeStatus, YearStatus

AWARD_LEVELS = {
    "china_patent_award": (N_("金奖"), N_("银奖"), N_("优秀奖")),
    "national_sti_award": (N_("特等奖"), N_("一等奖"), N_("二等奖")),
}
MAX_FAMILY = 50
MAX_PLEDGE = Decimal("1000000000000")
PCT_APPLICATION = re.compile(r"^PCT/[A-Z]{2}\d{4}/\d{6}$")
WO_PUBLICATION = re.compile(r"^WO\d{4}/?\d{6}A\d?$")
FOREIGN_PUBLICATION = re.compile(r"^(?!CN)[A-Z]{2}\d{4,13}[A-Z]\d?$")


@dataclass(frozen=True)
class HighValueInput:
    foreign_family: tuple[str, ...]
    pledge_amount: Decimal | None
    pledgee: str
    awards: tuple[Award, ...]


def family_number(raw: str) -> str | None:
    """A foreign publication number (US10123456B2, EP3456789A1, WO2021/123456A1) or a PCT application number
    (PCT/CN2021/123456), normalised; None when it is neither (CN numbers are not abroad)."""
    code = re.sub(r"\s+", "", raw).upper()
    ok = PCT_APPLICATION.match(code) or WO_PUBLICATION.match(code) or FOREIGN_PUBLICATION.match(code)
    return code if ok else None


def _family(raw: Any, errors: dict[str, str]) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else re.split(r"[\s,;，；、]+", str(raw or ""))
    numbers = [str(i).strip() for i in items if str(i).strip()]
    bad = [n for n in numbers if family_number(n) is None]
    if bad:
        errors["foreign_family"] = _("不是有效的海外公开号或 PCT 申请号：%(bad)s", bad="、".join(bad[:5]))
    elif len(numbers) > MAX_FAMILY:
        errors["foreign_family"] = _("海外同族最多 %(n)s 个。", n=MAX_FAMILY)
    return tuple(dict.fromkeys(n for n in (family_number(x) for x in numbers) if n))


def _pledge(raw: Any, errors: dict[str, str]) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        amount = Decimal(str(raw).replace(",", ""))
    except InvalidOperation:
        amount = Decimal(-1)
    if (
        not amount.is_finite()
        or not Decimal(0) < amount < MAX_PLEDGE
        or amount != amount.quantize(Decimal("0.01"))
    ):
        errors["pledge_amount"] = _("质押融资金额应为大于 0、小于一万亿元、最多两位小数的金额。")
        return None
    return amount


def _awards(raw: Any, errors: dict[str, str]) -> tuple[Award, ...]:
    awards = []
    for item in raw if isinstance(raw, list) else []:
        name, level, year = (
            (item.get(k) for k in ("name", "level", "year")) if isinstance(item, dict) else (0,) * 3
        )
        if name not in AWARD_LEVELS or level not in AWARD_LEVELS[name]:
            errors["awards"] = _(
                "奖项应为中国专利奖（金奖、银奖、优秀奖）或国家科学技术奖（特等奖、一等奖、二等奖）。"
            )
        elif not isinstance(year, int) or not 1985 <= year <= clock.today().year:
            errors["awards"] = _("获奖年份应在 1985 年至今年之间。")
        else:
            awards.append(Award(name, level, year))
    if raw is not None and not isinstance(raw, list):
        errors["awards"] = _("奖项应为列表。")
    return tuple(awards)


def parse_high_value_input(data: Mapping[str, Any]) -> HighValueInput:
    """The facts as typed (form or JSON), or ValidationFailed naming each bad field."""
    errors: dict[str, str] = {}
    pledgee = str(data.get("pledgee") or "").strip()
    if len(pledgee) > 200:
        errors["pledgee"] = _("不能超过 %(n)s 个字符。", n=200)
    inp = HighValueInput(
        foreign_family=_family(data.get("foreign_family"), errors),
        pledge_amount=_pledge(data.get("pledge_amount"), errors),
        pledgee=pledgee,
        awards=_awards(data.get("awards"), errors),
    )
    if errors:
        raise ValidationFailed(_("高价值信息有误：%(detail)s", detail=clauses(errors.values())), errors)
    return inp


def update_high_value_facts(actor: User, patent_id: int, inp: HighValueInput) -> Patent:
    """Replace the patent's family abroad, pledge financing and awards; owner only."""
    patent = patent_svc.get_patent_for_owner(actor, patent_id)
    patent.foreign_family = list(inp.foreign_family)
    patent.pledge_amount, patent.pledgee = inp.pledge_amount, inp.pledgee
    patent.awards = [PatentAward(name=a.name, level=a.level, year=a.year) for a in inp.awards]
    db.session.flush()
    return patent


def awards_of(patent: Patent) -> tuple[Award, ...]:
    return tuple(Award(r.name, r.level, r.year) for r in sorted(patent.awards, key=lambda r: r.year))


def _fees_paid(patent: Patent, position: FeeStatus | None) -> bool:
    if position is None:
        return patent.annual_fee_paid_until is not None and patent.annual_fee_paid_until >= clock.today()
    return position.next_due is None or position.next_due.status is YearStatus.DUE


def _facts(
    patent: Patent, position: FeeStatus | None, awards: tuple[Award, ...], assume_paid: bool
) -> HighValueFacts:
    expiry = royalty_bridge.patent_expiry(patent)
    fees_paid = assume_paid or _fees_paid(patent, position)
    valid = (
        patent.kind == PatentKind.INVENTION
        and patent.legal_status == LegalStatus.GRANTED
        and (expiry is None or expiry >= clock.today())
        and fees_paid
    )
    return HighValueFacts(
        valid_invention=valid,
        fees_paid=fees_paid,
        filing_date=patent.filing_date,
        sei=tuple(sei_bridge.patent_sei(patent)),
        foreign_family=tuple(patent.foreign_family or ()),
        pledge_amount=patent.pledge_amount,
        pledgee=patent.pledgee,
        awards=awards,
    )


def high_value_facts(patent: Patent) -> HighValueFacts:
    """What the five categories need to know of the patent today."""
    return _facts(patent, fee_svc.fee_position_of(patent), awards_of(patent), assume_paid=False)


def _classify(facts: HighValueFacts) -> list[Category]:
    threshold = current_app.config["HIGH_VALUE_PLEDGE_THRESHOLD"]
    return high_value_categories(facts, clock.today(), threshold)


def high_value_of(patent: Patent) -> list[Category]:
    """CNIPA's high-value categories the patent meets today, with the evidence (empty: not high-value)."""
    return _classify(high_value_facts(patent))


def _awards_by_patent(ids: list[int]) -> dict[int, tuple[Award, ...]]:
    found: dict[int, list[Award]] = {}
    for chunk in in_chunks(ids):
        rows = db.session.scalars(
            select(PatentAward).where(PatentAward.patent_id.in_(chunk)).order_by(PatentAward.year)
        )
        for r in rows:
            found.setdefault(r.patent_id, []).append(Award(r.name, r.level, r.year))
    return {k: tuple(v) for k, v in found.items()}


def high_value_of_many(patents: Sequence[Patent], assume_paid: bool = False) -> dict[int, list[Category]]:
    """high_value_of for many patents with a fixed number of queries (statistics over a region, the
    operator's monitoring); with ``assume_paid``, as if each next fee were paid: what an unpaid fee puts at
    stake."""
    ids = [p.id for p in patents]
    awards = _awards_by_patent(ids)
    # Assumed paid, the fee position decides nothing: neither read nor computed.
    periods = {} if assume_paid else fee_svc.open_licence_periods_of(ids)

    def position(p: Patent) -> FeeStatus | None:
        return None if assume_paid else fee_svc.fee_position_with(p, periods.get(p.id, ()))

    return {p.id: _classify(_facts(p, position(p), awards.get(p.id, ()), assume_paid)) for p in patents}
