"""Pool fixtures: an operator, patentees with real patents, and a pool with consents recorded."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.auth.models import Role, User
from app.extensions import db
from app.patents.models import PatentKind
from app.pools.models import FeeMethod, Pool, Rule
from app.pools.services import PoolInput, create_pool, decide_consent, invite_patents
from tests.conftest import free_publication_number

TODAY = date(2026, 3, 1)
# Real patents from data/cn_patent_titles_ipc.csv, all in G01F (measuring volume / flow / level).
G01F_PATENTS = [
    ("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", ["G01D", "G01F"], "invention"),
    ("CN215865394U", "一种用于铜电解生产添加剂液位测量装置", ["G01F"], "utility_model"),
    ("CN215865417U", "一种可调支撑高度的流量检定装置工作台", ["B25H", "G01F"], "utility_model"),
    ("CN215984706U", "一种基于物联网的计数稳定的水表", ["F03B", "G01F"], "utility_model"),
    ("CN215573133U", "一种便于固定的物联网用气体液体流量计", ["G01F"], "utility_model"),
    ("CN215598519U", "一种水表耐压检测装置", ["G01F", "G01M", "G01N"], "utility_model"),
    ("CN215865392U", "自供电的雷达水位计", ["G01F", "H02S"], "utility_model"),
    ("CN215832816U", "一种水表智能检测平台", ["G01F", "G01M", "G01N"], "utility_model"),
]


@pytest.fixture(autouse=True)
def _app_context(app: Any) -> Any:
    """Every pools test runs inside the app (and its fresh database)."""
    return app


@pytest.fixture
def operator(make_user: Callable[..., User]) -> User:
    return make_user(Role.OPERATOR, org="辽宁省知识产权运营中心")


@pytest.fixture
def pool_patent(make_patent: Callable[..., Any]) -> Callable[..., Any]:
    """The next real G01F patent, owned by `owner` (a made-up number once its real one is taken)."""
    counter = itertools.count()

    def make(owner: User, **fields: Any) -> Any:
        number, title, ipc, kind = G01F_PATENTS[next(counter) % len(G01F_PATENTS)]
        values: dict[str, Any] = dict(
            publication_number=free_publication_number(number, kind),
            title=title,
            ipc_codes=ipc,
            kind=PatentKind(kind),
        )
        values.update(fields)
        return make_patent(owner, **values)

    return make


def pool_input(**fields: Any) -> PoolInput:
    values: dict[str, Any] = dict(
        name="流量计量专利池",
        field_ipc=["G01F"],
        term_start=date(2026, 4, 1),
        term_end=date(2029, 3, 31),
        fee_method=FeeMethod.LUMP_SUM,
        lump_sum=Decimal("100.00"),
        field_of_use="流量计量仪表的制造和销售",
        admin_fee_pct=Decimal("0"),
        distribution_rule=Rule.COUNT,
    )
    values.update(fields)
    return PoolInput(**values)


@pytest.fixture
def make_pool(operator: User) -> Callable[..., Pool]:
    """A pool with each given patent invited and consented by its owner; opened unless open=False."""

    def make(patents: list[Any], open: bool = True, **fields: Any) -> Pool:
        from app.pools.services import open_pool

        pool = create_pool(operator, pool_input(**fields))
        rows = invite_patents(operator, pool.id, [p.id for p in patents])
        for row in rows:
            decide_consent(row.patent.owner, row.id, True)
        if open:
            open_pool(operator, pool.id)
        db.session.commit()
        return pool

    return make
