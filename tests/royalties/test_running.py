"""Fee due for a sales report, standard validation, up-front amounts."""

from decimal import Decimal

import pytest

from royalties.errors import EstimateInputError
from royalties.running import FeeStandard, fee_due, upfront_due, validate_standard
from royalties.types import FeeMethod

D = Decimal
RUNNING = FeeStandard(fee_method=FeeMethod.RUNNING_ROYALTY, royalty_rate_pct=D("3.5"))
PER_UNIT = FeeStandard(fee_method=FeeMethod.PER_UNIT, unit_fee=D("2.35"))
ENTRY = FeeStandard(fee_method=FeeMethod.ENTRY_PLUS_RUNNING, entry_fee=D("50000"), royalty_rate_pct=D("2"))
LUMP = FeeStandard(fee_method=FeeMethod.LUMP_SUM, lump_sum=D("300000"))


@pytest.mark.parametrize(
    ("standard", "net_sales", "units", "due"),
    [
        (RUNNING, "1000000", 0, "35000.00"),
        (RUNNING, "0", 0, "0.00"),
        (RUNNING, "0.14", 0, "0.00"),  # 0.0049 -> 0.00
        (RUNNING, "0.15", 0, "0.01"),  # 0.00525 -> 0.01 half up
        (RUNNING, "123456.78", 0, "4320.99"),  # 4320.9873
        (PER_UNIT, "999999", 1000, "2350.00"),
        (PER_UNIT, "0", 0, "0.00"),
        (ENTRY, "1000000", 10, "20000.00"),
        (LUMP, "1000000", 10, "0.00"),
    ],
)
def test_fee_due(standard: FeeStandard, net_sales: str, units: int, due: str) -> None:
    assert fee_due(standard, D(net_sales), units) == D(due)


@pytest.mark.parametrize(("standard", "due"), [(LUMP, "300000.00"), (ENTRY, "50000.00"), (RUNNING, "0.00")])
def test_upfront_due(standard: FeeStandard, due: str) -> None:
    assert upfront_due(standard) == D(due)


@pytest.mark.parametrize(
    ("net_sales", "units", "field"),
    [("-1", 0, "net_sales"), ("0", -1, "units")],
)
def test_fee_due_rejects_negative(net_sales: str, units: int, field: str) -> None:
    with pytest.raises(EstimateInputError) as info:
        fee_due(RUNNING, D(net_sales), units)
    assert field in info.value.errors


@pytest.mark.parametrize(
    ("standard", "errors"),
    [
        (RUNNING, set()),
        (PER_UNIT, set()),
        (ENTRY, set()),
        (LUMP, set()),
        (FeeStandard(fee_method=FeeMethod.RUNNING_ROYALTY), {"royalty_rate_pct"}),
        (
            FeeStandard(fee_method=FeeMethod.RUNNING_ROYALTY, royalty_rate_pct=D("100.5")),
            {"royalty_rate_pct"},
        ),
        (FeeStandard(fee_method=FeeMethod.LUMP_SUM, lump_sum=D(0)), {"lump_sum"}),
        (FeeStandard(fee_method=FeeMethod.ENTRY_PLUS_RUNNING, entry_fee=D(1)), {"royalty_rate_pct"}),
        (FeeStandard(fee_method=FeeMethod.ENTRY_PLUS_RUNNING), {"entry_fee", "royalty_rate_pct"}),
        (FeeStandard(fee_method=FeeMethod.PER_UNIT, unit_fee=D(-1)), {"unit_fee"}),
        # ambiguous: a field the method does not use
        (
            FeeStandard(fee_method=FeeMethod.LUMP_SUM, lump_sum=D(1), royalty_rate_pct=D(2)),
            {"royalty_rate_pct"},
        ),
    ],
)
def test_validate_standard(standard: FeeStandard, errors: set[str]) -> None:
    found = validate_standard(standard)
    assert set(found) == errors
    assert all(found.values())


def test_fee_due_refuses_incomplete_standard() -> None:
    with pytest.raises(EstimateInputError) as info:
        fee_due(FeeStandard(fee_method=FeeMethod.PER_UNIT), D(1), 1)
    assert info.value.field == "unit_fee"
