"""Frozen dataclasses and enums shared by the royalties package.

Units: money is ``Decimal`` CNY (元); ``*_pct`` fields are percentages (``Decimal("3.50")``
means 3.50 %); dates are ``datetime.date``.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class FeeMethod(StrEnum):
    """Royalty payment method (许可使用费支付方式)."""

    LUMP_SUM = "lump_sum"
    RUNNING_ROYALTY = "running_royalty"
    PER_UNIT = "per_unit"
    ENTRY_PLUS_RUNNING = "entry_plus_running"


class PatentKind(StrEnum):
    """Patent kind under the PRC Patent Law."""

    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


class Maturity(StrEnum):
    """Technology maturity of the patented subject matter."""

    LAB = "lab"
    PILOT = "pilot"
    MASS_PRODUCTION = "mass_production"


class Stability(StrEnum):
    """Evidence of legal stability."""

    NONE = "none"
    EVALUATION_REPORT = "evaluation_report"
    INVALIDATION_SURVIVED = "invalidation_survived"


class MarketSize(StrEnum):
    """Size of the market for the patented product."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


@dataclass(frozen=True, kw_only=True)
class EstimateInput:
    """Everything the estimator needs about the patent and the licensee's business.

    Attributes:
        annual_sales_forecast: licensee's expected net sales of the patented product, CNY/year.
        profit_margin_pct: licensee's profit margin on those sales, % (0-100).
        contribution_pct: share of that profit due to the patent, %; None = 25 (rule of thumb).
        unit_price: net selling price per unit, CNY; needed for a per-unit fee.
        industry_code: GB/T 4754-2017 section letter ("C"), division ("39") or deeper ("3911").
        discount_rate_pct: annual discount rate for the income approach, %.
        as_of: the date of the estimate (the term remaining is counted from here).
    """

    patent_kind: PatentKind
    filing_date: date
    grant_date: date | None = None
    annual_fee_paid_until: date | None = None
    claim_count: int | None = None
    industry_code: str
    ipc_subclass: str | None = None
    stability: Stability = Stability.NONE
    maturity: Maturity = Maturity.PILOT
    market_size: MarketSize = MarketSize.MEDIUM
    annual_sales_forecast: Decimal
    profit_margin_pct: Decimal
    contribution_pct: Decimal | None = None
    unit_price: Decimal | None = None
    licence_start: date
    licence_end: date
    discount_rate_pct: Decimal = Decimal("8")
    as_of: date


@dataclass(frozen=True, kw_only=True)
class Comparable:
    """A published declaration or granted licence on this marketplace (gathered by the app).

    Attributes:
        key: the app's identifier, e.g. ``"declaration:12"``; used only for display and ordering.
        royalty_rate_pct: running royalty, % of net sales (running or entry_plus_running).
        lump_sum, unit_fee, entry_fee: CNY, when the standard has them.
    """

    key: str
    fee_method: FeeMethod
    royalty_rate_pct: Decimal | None = None
    lump_sum: Decimal | None = None
    unit_fee: Decimal | None = None
    entry_fee: Decimal | None = None
    ipc_subclass: str | None = None
    industry_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class FeeStandard:
    """A royalty payment method and standard (许可使用费支付方式和标准), as declared.

    Only the fields of the chosen method are set: lump_sum (CNY) for a lump sum;
    royalty_rate_pct (% of net sales) for a running royalty; unit_fee (CNY/unit) per unit;
    entry_fee (CNY) plus royalty_rate_pct for entry_plus_running.
    """

    fee_method: FeeMethod
    lump_sum: Decimal | None = None
    entry_fee: Decimal | None = None
    royalty_rate_pct: Decimal | None = None
    unit_fee: Decimal | None = None


@dataclass(frozen=True)
class Band:
    """A low / mid / high triple: rates in % of net sales (two decimals) or amounts in CNY."""

    low: Decimal
    mid: Decimal
    high: Decimal


@dataclass(frozen=True, kw_only=True)
class MethodResult:
    """One estimation method, its inputs and its result (rates in % of net sales)."""

    name: str
    label_zh: str
    label_en: str
    available: bool
    inputs: dict[str, str] = field(default_factory=dict)
    rates: Band | None = None
    lump_sum_cny: Band | None = None
    weight: Decimal = Decimal("0")
    explanation_zh: str = ""
    reason_unavailable: str = ""


@dataclass(frozen=True, kw_only=True)
class FactorEffect:
    """One adjustment factor: its input value and its multiplier on market-derived rates."""

    name: str
    label_zh: str
    label_en: str
    value: str
    multiplier: Decimal
    explanation_zh: str


@dataclass(frozen=True, kw_only=True)
class StandardRange:
    """Low / mid / high fee standards for one payment method."""

    fee_method: FeeMethod
    low: FeeStandard
    mid: FeeStandard
    high: FeeStandard


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    """The estimate: a standard per payment method, the methods, factors and rationale."""

    rates: Band
    standards: dict[FeeMethod, StandardRange]
    methods: list[MethodResult]
    factors: list[FactorEffect]
    combined_multiplier: Decimal
    remaining_term_years: Decimal
    licence_years: Decimal
    rationale_zh: str
    rationale_en: str
    reconciliation_zh: str
    notes_zh: list[str] = field(default_factory=list)


# Annual fees (royalties.annual_fees computes them).


class YearStatus(StrEnum):
    PAID = "paid"
    DUE = "due"  # not yet paid, due date still ahead
    GRACE = "grace"  # past the due date, within the six months of grace (surcharge)
    LAPSED = "lapsed"  # the grace period passed unpaid: the patent ended as of the due date
    LATER = "later"  # a year after the next one due, or after the patent lapsed


class ReductionBasis(StrEnum):
    OPEN_LICENCE = "open_licence"
    FEE_REDUCTION = "fee_reduction"


@dataclass(frozen=True)
class FeeFacts:
    """What the fee schedule needs to know of one patent.

    Attributes:
        kind: invention, utility model or design.
        filing_date: the filing date; patent years are counted from it.
        grant_date: the date grant was announced; fees are due from the patent year containing it.
        paid_until: the last day fees are paid for (any day within the last paid patent year), or None.
        fee_reduction_pct: 85 or 70 when the owner has declared 费减 eligibility, else None.
        open_licence: periods (first day, last day or None while still published) in which an open-licence
            declaration of the patent was published.
    """

    kind: PatentKind
    filing_date: date
    grant_date: date
    paid_until: date | None = None
    fee_reduction_pct: Decimal | None = None
    open_licence: tuple[tuple[date, date | None], ...] = ()


@dataclass(frozen=True)
class FeeYear:
    """One patent year's fee. Amounts in CNY; ``amount`` is what to pay before any surcharge."""

    year: int
    starts: date
    due_date: date
    full_amount: Decimal
    reduction_pct: Decimal
    reduction_basis: ReductionBasis | None
    amount: Decimal
    status: YearStatus
    grace_deadline: date
    months_late: int
    surcharge: Decimal


@dataclass(frozen=True)
class FeeStatus:
    """A patent's fee position on one day."""

    patent_year: int
    paid_until: date | None
    next_due: FeeYear | None
    schedule: tuple[FeeYear, ...]

    @property
    def lapsed(self) -> bool:
        return self.next_due is not None and self.next_due.status is YearStatus.LAPSED
