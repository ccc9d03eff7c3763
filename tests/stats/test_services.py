"""market_stats against a small fixture world: scope, filters and the high-value rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus, FeeMethod
from app.errors import ValidationFailed
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus
from app.matches.models import Feedback, Frequency, MatchNotice
from app.patents.models import LegalStatus, PatentKind
from app.stats.services import StatsFilter, market_stats, parse_filter

PUBLISHED = DeclarationStatus.PUBLISHED
CONFIRMED = PaymentStatus.CONFIRMED
pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def world(make_user, make_patent, make_declaration):
    """Two patentees (辽宁省 with a G patent, 广东省 with a B patent), one licence paid, one push."""
    ln, gd = make_user(Role.PATENTEE), make_user(Role.PATENTEE)
    gd.organisation.province = "广东省"
    ent = make_user(Role.ENTERPRISE)
    g = make_declaration(make_patent(ln), status=PUBLISHED, ipc_sections=",G,", industry_code="39")
    make_declaration(
        make_patent(gd, publication_number="CN215792497U", ipc_codes=["B41F"]),
        status=PUBLISHED,
        ipc_sections=",B,",
        industry_code="C",
        fee_method=FeeMethod.RUNNING_ROYALTY,
    )
    make_declaration(make_patent(ln, publication_number="CN000000001A"), ipc_sections=",G,")  # draft
    lic = Licence(declaration=g, licensee=ent, status=LicenceStatus.IN_FORCE, notice="书面通知")
    db.session.add_all(
        [
            lic,
            Payment(
                licence=lic, payer_id=ent.id, amount=Decimal("50000.00"), reference="PAY-1", status=CONFIRMED
            ),
            # A claim the patentee has not confirmed is not counted (issue 8 §3).
            Payment(
                licence=lic, payer_id=ent.id, amount=Decimal("900.00"), reference="PAY-2", purpose="royalty"
            ),
            MatchNotice(user_id=ent.id, declaration_id=g.id, score=0.9, frequency=Frequency.IMMEDIATELY),
            Feedback(user_id=ent.id, declaration_id=g.id, useful=True),
        ]
    )
    db.session.commit()


def test_counts_whole_platform(world) -> None:
    s = market_stats(StatsFilter())
    assert (s.patents, s.published, s.licences_in_force) == (3, 2, 1)
    assert s.licence_payments == Decimal("50000.00") and s.payments_total == Decimal("50000.00")
    assert dict(s.by_fee_method) == {"lump_sum": 1, "running_royalty": 1}
    assert dict(s.by_ipc_section)["G"] == 1 and dict(s.by_ipc_section)["B"] == 1
    assert dict(s.by_province) == {"辽宁省": 1, "广东省": 1}
    assert (s.matches_pushed, s.matches_useful, s.useful_share_pct) == (1, 1, Decimal("100.0"))
    assert (s.open_pools, s.pool_licences_in_force, s.pool_payments) == (0, 0, Decimal("0.00"))


@pytest.mark.parametrize(
    ("f", "patents", "published", "licences", "paid"),
    [
        (StatsFilter(province="辽宁省"), 2, 1, 1, "50000.00"),
        (StatsFilter(province="广东省"), 1, 1, 0, "0.00"),
        (StatsFilter(province="北京市"), 0, 0, 0, "0.00"),
        (StatsFilter(ipc_section="B"), 1, 1, 0, "0.00"),
        (StatsFilter(ipc_section="G"), 2, 1, 1, "50000.00"),
        (StatsFilter(industry_section="C"), 3, 2, 1, "50000.00"),  # division 39 is in section C
        (StatsFilter(industry_section="A"), 3, 0, 0, "0.00"),  # patents carry no industry
        (StatsFilter(province="广东省", ipc_section="G"), 0, 0, 0, "0.00"),
    ],
)
def test_filters_exclude(world, f, patents, published, licences, paid) -> None:
    s = market_stats(f)
    assert (s.patents, s.published, s.licences_in_force) == (patents, published, licences)
    assert s.licence_payments == Decimal(paid)
    assert s.matches_pushed == licences  # the one push is on the licensed declaration


@pytest.mark.parametrize(
    ("kind", "status", "filed", "counted", "unknown"),
    [
        (PatentKind.INVENTION, LegalStatus.GRANTED, date(2015, 11, 1), 1, 0),  # 11 years
        (PatentKind.INVENTION, LegalStatus.GRANTED, date(2017, 11, 1), 0, 0),  # 9 years
        (PatentKind.INVENTION, LegalStatus.GRANTED, date(2016, 11, 25), 0, 0),  # exactly 10: not more
        (PatentKind.INVENTION, LegalStatus.LAPSED, date(2010, 1, 1), 0, 0),  # not in force
        (PatentKind.UTILITY_MODEL, LegalStatus.GRANTED, date(2015, 11, 1), 0, 0),
        (PatentKind.INVENTION, LegalStatus.GRANTED, None, 0, 1),
        (PatentKind.INVENTION, LegalStatus.PENDING, None, 0, 0),
    ],
)
def test_high_value_rule(make_patent, kind, status, filed, counted, unknown) -> None:
    make_patent(kind=kind, legal_status=status, filing_date=filed)
    s = market_stats(StatsFilter())
    assert (s.high_value.total, s.inventions_filing_unknown) == (counted, unknown)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("火星省", "", ""), "province"),
        (("", "Z", ""), "industry_section"),
        (("", "39", ""), "industry_section"),
        (("", "", "I"), "ipc_section"),
    ],
)
def test_bad_filter_values(args, field) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_filter(*args)
    assert field in err.value.fields


def test_filter_values_are_normalised() -> None:
    assert parse_filter(" 辽宁省 ", "c", "g") == StatsFilter("辽宁省", "C", "G")


def test_pool_figures_and_payments_total(world, make_user) -> None:
    from app.pools.models import Pool, PoolLicence, PoolLicenceStatus, PoolPayment, PoolStatus, Rule

    ent = make_user(Role.ENTERPRISE)
    pool = Pool(operator=make_user(Role.OPERATOR), name="测试专利池", status=PoolStatus.OPEN)
    pay = Payment(
        payer_id=ent.id, amount=Decimal("1234.56"), reference="POOL-1", purpose="pool", status=CONFIRMED
    )
    claimed = Payment(payer_id=ent.id, amount=Decimal("99.00"), reference="POOL-2", purpose="pool")
    lic = PoolLicence(pool=pool, licensee=ent, status=PoolLicenceStatus.IN_FORCE, notice="书面通知")
    ledger, unconfirmed = (
        PoolPayment(
            pool=pool,
            payment=payment,
            licence=lic,
            amount=payment.amount,
            admin_fee_pct=Decimal("0"),
            admin_fee=Decimal("0"),
            distributed=payment.amount,
            rule=Rule.COUNT,
            rounding_note="",
        )
        for payment in (pay, claimed)
    )
    db.session.add_all([pool, pay, lic, ledger, unconfirmed, Pool(operator=pool.operator, name="筹备中的池")])
    db.session.commit()
    s = market_stats(StatsFilter(province="北京市"))  # pools are platform-wide
    assert (s.open_pools, s.pool_licences_in_force) == (1, 1)
    assert (s.pool_payments, s.licence_payments, s.payments_total) == (
        Decimal("1234.56"),
        Decimal("0.00"),
        Decimal("1234.56"),
    )
    assert market_stats(StatsFilter()).payments_total == Decimal("51234.56")
