"""The public statistics page's content: aggregates, charts and their tables for one filter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.opendata.charts import Chart, as_json, breakdowns, high_value_charts, over_time, push_chart
from app.opendata.figures import by_industry, monthly, push_feedback
from app.opendata.tables import Table, all_tables
from app.stats.services import Stats, StatsFilter, market_stats


@dataclass(frozen=True)
class Statistics:
    filter: StatsFilter
    stats: Stats
    charts: list[Chart]
    tables: list[Table]

    @property
    def chart_json(self) -> dict[str, Any]:
        return as_json(self.charts)


def public_statistics(f: StatsFilter) -> Statistics:
    """Aggregates and charts open to everyone (no identities, no single payment)."""
    stats = market_stats(f)
    charts = [*over_time(monthly(f)), *breakdowns(stats, by_industry(f)), *high_value_charts(stats)]
    return Statistics(f, stats, charts, all_tables(stats, charts))


def operator_charts(f: StatsFilter, stats: Stats) -> list[Chart]:
    """The public charts plus pushes and feedback per month (operation centres)."""
    return [
        *over_time(monthly(f)),
        *breakdowns(stats, by_industry(f)),
        *high_value_charts(stats),
        push_chart(push_feedback(f)),
    ]
