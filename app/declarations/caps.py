"""Warnings (not refusals) when a fee standard exceeds the 2024 caps reported for 国知发运字〔2024〕19号.

The notice (CNIPA, 2024-07-16) is known only from news copies: a fixed fee generally at most CNY 20 million
and a royalty at most 20 % of net sales. The caps are unverified, so they are settings (FEE_CAP_FIXED_CNY,
FEE_CAP_ROYALTY_PCT) and the product warns; the legal rules in rules.py still decide publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import current_app
from flask_babel import gettext as _

SOURCE = "国知发运字〔2024〕19号"


@dataclass(frozen=True)
class FeeCaps:
    fixed_cny: Decimal = Decimal("20000000")
    royalty_pct: Decimal = Decimal("20")


def configured_caps() -> FeeCaps:
    """The caps from the settings (defaults: CNY 20 M fixed fee, 20 % of net sales)."""
    config = current_app.config
    return FeeCaps(Decimal(str(config["FEE_CAP_FIXED_CNY"])), Decimal(str(config["FEE_CAP_ROYALTY_PCT"])))


def _caveat() -> str:
    return _("（上限依据%(source)s的新闻转载，未经核实，仅作提示，不影响发布。）", source=SOURCE)


def fee_warnings(fee: Any, caps: FeeCaps | None = None) -> list[str]:
    """Warnings for a fee standard (any object with lump_sum, entry_fee, royalty_rate_pct) above the caps."""
    caps = caps or configured_caps()
    warnings = []
    for name, label in (("lump_sum", _("一次性总付金额")), ("entry_fee", _("入门费"))):
        value = getattr(fee, name, None)
        if value is not None and value > caps.fixed_cny:
            warnings.append(
                _("%(label)s超过固定费用一般上限 %(cap)s 元。", label=label, cap=f"{caps.fixed_cny:,.0f}")
                + _caveat()
            )
    rate = getattr(fee, "royalty_rate_pct", None)
    if rate is not None and rate > caps.royalty_pct:
        warnings.append(_("提成比例超过净销售额的 %(cap)s%%。", cap=caps.royalty_pct) + _caveat())
    return warnings
