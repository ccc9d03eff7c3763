"""The public statistics as tables: the page's summary and the CSV/XLSX downloads share them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from app.opendata.charts import Chart
from app.stats.services import Stats

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def summary(s: Stats) -> Table:
    """Headline aggregates open to everyone (no match or feedback figures: those are the operators')."""
    rows = (
        (_("平台登记的专利"), s.patents),
        (_("高价值发明专利（符合五类情形之一）"), s.high_value.total),
        (_("申请日未知、无法判断的有效发明专利"), s.inventions_filing_unknown),
        (_("已公告的开放许可声明"), s.published),
        (_("已生效的开放许可"), s.licences_in_force),
        (_("开放许可已付使用费（元）"), s.licence_payments),
        (_("已发布许可要约的专利池"), s.open_pools),
        (_("已生效的专利池许可"), s.pool_licences_in_force),
        (_("专利池已收使用费（元，全平台）"), s.pool_payments),
        (_("使用费合计（元）"), s.payments_total),
    )
    return Table(_("概览"), (_("指标"), _("数值")), rows)


def _exact(value: Any, money: bool) -> Any:
    return Decimal(str(value)).quantize(CENT) if money else value


def from_chart(chart: Chart) -> Table:
    header = (_("类别"), *(s.name for s in chart.series))
    rows = tuple((label, *(_exact(v, chart.money) for v in values)) for label, values in chart.rows())
    return Table(chart.title, header, rows)


def all_tables(s: Stats, charts: Sequence[Chart]) -> list[Table]:
    return [summary(s), *(from_chart(c) for c in charts)]


def long_rows(tables: Sequence[Table]) -> list[tuple[Any, ...]]:
    """Every table as one CSV: (table, item, measure, value) per figure."""
    return [
        (t.title, row[0], measure, value)
        for t in tables
        for row in t.rows
        for measure, value in zip(t.header[1:], row[1:], strict=True)
    ]


def long_header() -> tuple[str, ...]:
    return (_("统计表"), _("项目"), _("指标"), _("数值"))
