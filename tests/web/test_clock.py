"""One clock: nothing but app/clock.py reads the system time, and the clock can be moved."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from app import clock

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_TIME = re.compile(r"\b(date\.today|datetime\.(now|utcnow|today)|time\.time)\(|\butcnow\(")
# The matcher's index sidecar records when its file was written: a file fact, not a business date.
EXEMPT = {ROOT / "app" / "clock.py", ROOT / "matching" / "index.py"}


def test_nothing_but_the_clock_reads_system_time() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("app", "royalties", "matching")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path not in EXEMPT
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SYSTEM_TIME.search(line)
    ]
    assert offenders == []


def test_travel_moves_now_and_today_in_beijing_time() -> None:
    # 2031-01-14 20:30 UTC is already the 15th in Beijing.
    with clock.travel(datetime(2031, 1, 14, 20, 30, tzinfo=UTC)):
        assert clock.today() == date(2031, 1, 15)
        assert clock.now().tzinfo is not None
        assert clock.now().year == 2031


def test_tests_run_on_the_frozen_day() -> None:
    assert clock.today() == date(2026, 11, 25)
