"""Field messages joined into one refusal read as one sentence: "A；B。", not "A。；B。"."""

from __future__ import annotations

import pytest

from app.errors import ValidationFailed, clauses
from app.stats.population import parse_population


def test_clauses_drop_the_inner_full_stops_only() -> None:
    assert clauses(["请选择省份。", "请注明数据来源。"]) == "请选择省份；请注明数据来源。"
    assert clauses(["只有一条。"]) == "只有一条。"
    assert clauses([]) == ""


def test_a_refusal_with_two_field_errors_reads_as_one_sentence(app) -> None:
    with app.test_request_context(), pytest.raises(ValidationFailed) as refused:
        parse_population("辽宁省", "-5", "")
    message = refused.value.message
    assert "。；" not in message and message.startswith("常住人口有误：") and message.endswith("。")
