"""One small marketplace for the authorisation matrix: every kind of object, each owned by a known account.

Rows are written directly (not through the services) so that the matrix tests access, not the rules that
create objects. Every account's password is tests.conftest.PASSWORD, hashed once per run (hashing is slow).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import delete

from app import clock
from app.alliances.models import Alliance, AllianceMember
from app.auth.models import Organisation, Role, User
from app.auth.services import hash_password, issue_token
from app.crosslicences.models import CrossLicence
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus
from app.matches.models import Frequency, Subscription, SubscriptionKind
from app.patents.models import LegalStatus, Patent, PatentEvidence, PatentKind
from app.payments.models import PaymentDispute
from app.pools.models import FeeMethod as PoolFee
from app.pools.models import (
    Pool,
    PoolLicence,
    PoolLicenceStatus,
    PoolPatent,
    PoolPatentStatus,
    PoolStatus,
)
from tests.conftest import PASSWORD

# The accounts: the first of each role owns the objects ("main"), the second is "another user" of that role.
ACCOUNTS = {
    "patentee": Role.PATENTEE,
    "patentee2": Role.PATENTEE,
    "patentee3": Role.PATENTEE,
    "enterprise": Role.ENTERPRISE,
    "enterprise2": Role.ENTERPRISE,
    "operator": Role.OPERATOR,
    "operator2": Role.OPERATOR,
    "admin": Role.ADMIN,
}


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def id_of(self, name: str) -> int:
        return int(self.objects[name].id)

    def bearer(self, account: str) -> dict[str, str]:
        plain, _row = issue_token(self.users[account], current_app.config["API_TOKEN_TTL_HOURS"])
        db.session.commit()
        return {"Authorization": f"Bearer {plain}"}


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


def _user(name: str, role: Role) -> User:
    user = User(email=f"{name}@authz.example.cn", password_hash=_password_hash(), role=role)
    user.organisation = Organisation(name=f"{name} 机构", province="辽宁省", industry_codes=["C"])
    db.session.add(user)
    return user


def _patent(owner: User, number: str) -> Patent:
    patent = Patent(
        owner=owner,
        publication_number=number,
        title="基于人工智能的流体输送系统精确计量方法及计量装置",
        ipc_codes=["G01D", "G01F"],
        kind=PatentKind.INVENTION,
        legal_status=LegalStatus.GRANTED,
        filing_date=date(2020, 3, 1),
        grant_date=date(2021, 6, 1),
        annual_fee_paid_until=clock.today() + timedelta(days=365),
    )
    db.session.add(patent)
    return patent


def _declaration(patent: Patent, status: DeclarationStatus) -> Declaration:
    today = clock.today()
    decl = Declaration(
        patent=patent,
        owner=patent.owner,
        fee_method=FeeMethod.LUMP_SUM,
        lump_sum=Decimal("50000.00"),
        period_start=today,
        period_end=today + timedelta(days=3 * 365),
        contact="许可办公室 021-12345678",
        status=status,
        published_at=clock.now() if status is DeclarationStatus.PUBLISHED else None,
    )
    db.session.add(decl)
    return decl


def _pool(operator: User, status: PoolStatus) -> Pool:
    today = clock.today()
    pool = Pool(
        operator=operator,
        name=f"流量计量专利池（{status.value}）",
        field_ipc=["G01F"],
        term_start=today,
        term_end=today + timedelta(days=3 * 365),
        fee_method=PoolFee.LUMP_SUM,
        lump_sum=Decimal("100.00"),
        field_of_use="流量计量仪表的制造和销售",
        status=status,
        opened_at=clock.now() if status is PoolStatus.OPEN else None,
    )
    db.session.add(pool)
    return pool


def _patentee_side(w: World) -> None:
    p1 = w.users["patentee"]
    w.objects["patent"] = _patent(p1, "CN111504366B")
    w.objects["draft"] = _declaration(w.objects["patent"], DeclarationStatus.DRAFT)
    published_patent = _patent(p1, "CN215792497U")
    w.objects["declaration"] = _declaration(published_patent, DeclarationStatus.PUBLISHED)
    w.objects["licence"] = Licence(
        declaration=w.objects["declaration"],
        licensee=w.users["enterprise"],
        status=LicenceStatus.IN_FORCE,
        notice="我司依照专利法第五十一条通知实施该专利。",
        in_force_at=clock.now(),
    )
    w.objects["subscription"] = Subscription(
        user=w.users["enterprise"], kind=SubscriptionKind.IPC, value="G01F", frequency=Frequency.DAILY
    )
    w.objects["evidence"] = PatentEvidence(  # a certificate the owner uploaded for the operator's check
        patent=w.objects["patent"],
        uploaded_by=p1,
        filename="证书.pdf",
        content_type="application/pdf",
        size=1024,
        sha256="0" * 64,
    )
    db.session.add_all([w.objects["licence"], w.objects["subscription"], w.objects["evidence"]])


def _claimed(licence: Licence, status: PaymentStatus, reference: str) -> Payment:
    """The lump sum the licensee claims to have paid with the notice, a receipt attached."""
    payment = Payment(
        licence=licence,
        payer=licence.licensee,
        payee=licence.declaration.owner,
        amount=Decimal("50000.00"),
        reference=reference,
        purpose="licence",
        status=status,
        receipt_sha256="1" * 64,
        receipt_name="回单.pdf",
        receipt_type="application/pdf",
    )
    db.session.add(payment)
    return payment


def _payment_side(w: World) -> None:
    """A licence waiting for its patentee to confirm the claimed payment; one whose payment is disputed."""
    declaration = _declaration(_patent(w.users["patentee"], "CN215894901U"), DeclarationStatus.PUBLISHED)
    notice = "我司依照专利法第五十一条通知实施该专利，并已支付许可使用费。"
    licences = {
        name: Licence(declaration=declaration, licensee=w.users[licensee], status=status, notice=notice)
        for name, licensee, status in (
            ("pending_licence", "enterprise", LicenceStatus.PAYMENT_PENDING),
            ("disputed_licence", "enterprise2", LicenceStatus.DISPUTED),
        )
    }
    w.objects.update(licences)
    w.objects["payment"] = _claimed(licences["pending_licence"], PaymentStatus.CLAIMED, "AUTHZ-PAY-1")
    disputed = _claimed(licences["disputed_licence"], PaymentStatus.DISPUTED, "AUTHZ-PAY-2")
    w.objects["dispute"] = PaymentDispute(
        payment=disputed, raised_by=w.users["patentee"], reason="未收到该笔款项。", raised_at=clock.now()
    )
    db.session.add_all([*licences.values(), w.objects["dispute"]])


def _pool_side(w: World) -> None:
    operator, p1 = w.users["operator"], w.users["patentee"]
    w.objects["draft_pool"] = _pool(operator, PoolStatus.DRAFT)
    w.objects["pool"] = _pool(operator, PoolStatus.OPEN)
    w.objects["pool_patent"] = PoolPatent(
        pool=w.objects["draft_pool"], patent=_patent(p1, "CN215865394U"), status=PoolPatentStatus.INVITED
    )
    joined = PoolPatent(
        pool=w.objects["pool"],
        patent=_patent(p1, "CN215865417U"),
        status=PoolPatentStatus.CONSENTED,
        consent_at=clock.now(),
        joined_at=clock.now(),
    )
    w.objects["pool_licence"] = PoolLicence(
        pool=w.objects["pool"],
        licensee=w.users["enterprise"],
        status=PoolLicenceStatus.IN_FORCE,
        notice="我司依照专利池许可要约通知实施。",
        in_force_at=clock.now(),
    )
    db.session.add_all([w.objects["pool_patent"], joined, w.objects["pool_licence"]])


def _alliance_side(w: World) -> None:
    alliance = Alliance(operator=w.users["operator"], name="辽宁流量计量产业联盟", industry_codes=["C"])
    w.objects["alliance"] = alliance
    w.objects["member"] = AllianceMember(alliance=alliance, organisation=w.users["patentee"].organisation)
    today = clock.today()
    w.objects["cross"] = CrossLicence(  # proposed by patentee3 to the main patentee, who may answer it
        party_a=w.users["patentee3"],
        party_b=w.users["patentee"],
        proposer=w.users["patentee3"],
        term_start=today,
        term_end=today + timedelta(days=2 * 365),
        industry_code="C40",
        annual_sales=Decimal("1000000.00"),
        profit_margin_pct=Decimal("15.00"),
        a_accepted_at=clock.now(),
    )
    db.session.add_all([alliance, w.objects["member"], w.objects["cross"]])


def build_world() -> World:
    """Empty every table, then write the accounts and one object of each kind."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.commit()
    db.session.expunge_all()  # SQLite reuses the ids just deleted
    w = World(users={name: _user(name, role) for name, role in ACCOUNTS.items()})
    _patentee_side(w)
    _pool_side(w)
    _alliance_side(w)
    _payment_side(w)
    db.session.commit()
    return w
