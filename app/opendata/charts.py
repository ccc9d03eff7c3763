"""Chart specifications: one structure drives the ECharts chart (as JSON) and its data table (as HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from app.highvalue.rules import CATEGORY_LABELS
from app.opendata.figures import Monthly
from app.stats.services import Stats

Number = int | float


@dataclass(frozen=True)
class Series:
    name: str
    data: tuple[Number, ...]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    kind: str  # "line" or "bar" (ECharts series type)
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    money: bool = False  # values are CNY: the table shows two decimals

    def rows(self) -> list[tuple[str, list[Number]]]:
        """The data table: one row per category, one column per series."""
        return [(c, [s.data[i] for s in self.series]) for i, c in enumerate(self.categories)]


def _money(values: Sequence[Decimal]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _pairs(chart_id: str, title: str, label: str, pairs: Sequence[tuple[str, int]]) -> Chart:
    return Chart(
        chart_id, title, "bar", tuple(k for k, _n in pairs), (Series(label, tuple(n for _k, n in pairs)),)
    )


def over_time(m: Monthly) -> list[Chart]:
    """Declarations, licences and royalties per month."""
    return [
        Chart(
            "chart-declarations", _("每月新公告的开放许可声明"), "line", m.months,
            (Series(_("声明数"), m.declarations),),
        ),
        Chart(
            "chart-licences", _("每月生效的开放许可"), "line", m.months, (Series(_("许可数"), m.licences),)
        ),
        Chart(
            "chart-royalties", _("每月支付的许可使用费（元）"), "bar", m.months,
            (Series(_("使用费（元）"), _money(m.royalties)),), money=True,
        ),
    ]  # fmt: skip


def breakdowns(s: Stats, industry: Sequence[tuple[str, str, int]]) -> list[Chart]:
    """Announcements in force by IPC section, GB/T 4754 section and region."""
    count = _("声明数")
    return [
        _pairs("chart-ipc", _("按 IPC 部"), count, s.by_ipc_section),
        _pairs(
            "chart-industry",
            _("按国民经济行业门类（GB/T 4754）"),
            count,
            [(f"{code} {name}" if code else _("未填写"), n) for code, name, n in industry],
        ),
        _pairs(
            "chart-region",
            _("按专利权人所在省份"),
            count,
            [(_(p) if p else _("未填写"), n) for p, n in s.by_province],
        ),
    ]


def high_value_charts(s: Stats) -> list[Chart]:
    """High-value invention patents per CNIPA category and per strategic emerging industry (top level)."""
    count = _("高价值发明专利")
    hv = s.high_value
    return [
        _pairs(
            "chart-high-value",
            _("高价值发明专利：按类别"),
            count,
            [(_(CATEGORY_LABELS[c]), n) for c, n in hv.by_category],
        ),
        _pairs(
            "chart-high-value-sei",
            _("高价值发明专利：按战略性新兴产业"),
            count,
            [(f"{c} {name}", n) for c, name, n in hv.by_sei],
        ),
    ]


def push_chart(p: dict[str, tuple[Any, ...]]) -> Chart:
    """Matches pushed and the feedback they received, per month (operators)."""
    return Chart(
        "chart-push",
        _("每月推送的匹配与企业反馈"),
        "line",
        p["months"],
        (
            Series(_("已推送"), p["pushed"]),
            Series(_("标记为有用"), p["useful"]),
            Series(_("标记为无用"), p["not_useful"]),
        ),
    )


def as_json(charts: Sequence[Chart]) -> dict[str, Any]:
    """The payload of the page's <script type="application/json" class="chart-data"> data block."""
    return {c.id: asdict(c) for c in charts}
