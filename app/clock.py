"""The one clock: the current time (timezone-aware UTC) and today's date in China.

Nothing else in the product reads the system time (a test checks). Tests move this clock with ``travel()``,
so that the suite passes on any calendar day.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# Legal dates are CNIPA's dates, i.e. Beijing time.
SHANGHAI = ZoneInfo("Asia/Shanghai")

_offset = timedelta(0)


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC) + _offset


def today() -> date:
    """Today's date in China (Beijing time)."""
    return now().astimezone(SHANGHAI).date()


@contextmanager
def travel(to: datetime) -> Iterator[None]:
    """Move the clock to ``to`` (timezone-aware); it keeps ticking from there. For tests and benchmarks."""
    global _offset
    saved = _offset
    _offset = to - datetime.now(UTC)
    try:
        yield
    finally:
        _offset = saved
