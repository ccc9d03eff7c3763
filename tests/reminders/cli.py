"""Shared by the `flask <domain> remind` tests: the moment a day's run happens, and one run."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def on(day: date) -> datetime:
    """The moment of the day's reminder run: 10:00 in Beijing."""
    return datetime.combine(day, time(2, 0), tzinfo=UTC)


def remind(app, domain: str) -> str:
    """Run `flask <domain> remind` once; its output (it must succeed)."""
    result = app.test_cli_runner().invoke(args=[domain, "remind"])
    assert result.exit_code == 0, result.output
    return result.output
