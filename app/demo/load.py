"""Load the demo: accounts, real patents, published declarations, licences, pools. Safe to rerun."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from tqdm import tqdm

from app import clock
from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.declarations.services import DeclarationInput, create_draft, publish_declaration
from app.demo.accounts import ACCOUNTS, ensure_account
from app.demo.lifecycle import load_lifecycle_demo
from app.demo.patents import SOURCE, as_form, demo_patents
from app.demo.pools import load_pool_demo
from app.extensions import db
from app.licences.models import PaymentStatus
from app.licences.services import amount_due_at_taking, take_licence
from app.patents.models import Patent, Verification
from app.patents.services import create_patent
from app.patents.validation import validate_patent_input
from app.patents.verification import verify_patent
from app.payments.services import confirm_payment

# Which demo patentee holds a patent, by IPC section: machinery / materials & energy / manufacturing.
HOLDER_BY_SECTION = {"B": 1, "F": 1, "G": 1, "C": 2, "H": 2, "A": 3, "D": 3, "E": 3}
METHODS = (FeeMethod.LUMP_SUM, FeeMethod.RUNNING_ROYALTY, FeeMethod.PER_UNIT, FeeMethod.ENTRY_PLUS_RUNNING)


def _accounts() -> dict[str, User]:
    users = {a.email: ensure_account(a) for a in ACCOUNTS}
    db.session.commit()
    return users


def _load_patents(patentees: list[User]) -> list[Patent]:
    """Import the real patents once each; returns them in file order."""
    patents = []
    for p in tqdm(demo_patents(), desc="demo patents", unit="patent"):
        existing = db.session.scalar(select(Patent).where(Patent.publication_number == p.publication_number))
        if existing is None:
            inp, errors = validate_patent_input(as_form(p))
            if inp is None:
                raise RuntimeError(f"{p.publication_number}: {errors}")
            existing = create_patent(patentees[HOLDER_BY_SECTION.get(p.section, 3) - 1], inp)
            existing.source = SOURCE
        patents.append(existing)
    db.session.commit()
    return patents


def _verify(operator: User, patents: list[Patent]) -> None:
    """The demo operation centre checks each demo patent (in its audit trail) so it can be offered."""
    for patent in patents:
        if patent.verification != Verification.VERIFIED:
            evidence = f"演示：核对公开数据集中的公告号 {patent.number} 与专利权人（{SOURCE}）"
            verify_patent(operator, patent.id, evidence)
    db.session.commit()


def _period() -> tuple[date, date]:
    """The demo declarations' licence period: this year to four years on (relative to today)."""
    year = clock.today().year
    return date(year, 1, 1), date(year + 4, 12, 31)


def _assumed_filing_date() -> date:
    """An assumed filing date some six years back, leaving the patent about fourteen years of term."""
    return date(clock.today().year - 6, 6, 1)


def _standard(i: int) -> DeclarationInput:
    """A varied, plausible fee standard for the i-th demo declaration (demo figures, not market data)."""
    start, end = _period()
    method = METHODS[i % len(METHODS)]
    return DeclarationInput(
        fee_method=method,
        lump_sum=Decimal(20000 + (i * 7919) % 180000).quantize(Decimal("1000"))
        if method == FeeMethod.LUMP_SUM
        else None,
        royalty_rate_pct=Decimal("1.5") + Decimal(i % 8) * Decimal("0.5")
        if method in (FeeMethod.RUNNING_ROYALTY, FeeMethod.ENTRY_PLUS_RUNNING)
        else None,
        entry_fee=Decimal(10000 + (i * 104729) % 40000).quantize(Decimal("1000"))
        if method == FeeMethod.ENTRY_PLUS_RUNNING
        else None,
        unit_fee=Decimal(2 + i % 30) if method == FeeMethod.PER_UNIT else None,
        period_start=start,
        period_end=end,
        contact="开放许可联络人（演示） 024-0000-0000",
    )


def _publish(patents: list[Patent]) -> list[Declaration]:
    """Publish a declaration for every second invention (utility models lack evaluation reports here)."""
    published = []
    inventions = [p for p in patents if p.publication_number and p.publication_number.endswith("B")]
    for i, patent in enumerate(tqdm(inventions[::2], desc="demo declarations", unit="decl")):
        decl = db.session.scalar(select(Declaration).where(Declaration.patent_id == patent.id))
        if decl is None:
            decl = create_draft(patent.owner, patent.id, _standard(i))
            publish_declaration(patent.owner, decl.id)
        if decl.status == DeclarationStatus.PUBLISHED:
            published.append(decl)
    db.session.commit()
    return published


def _licences(enterprises: list[User], published: list[Declaration]) -> None:
    """Each demo enterprise takes a few licences by notice + payment (idempotent by design); the patentee
    confirms receipt, so the licence is in force."""
    for n, enterprise in enumerate(enterprises):
        for decl in published[n * 5 : n * 5 + 2]:
            due = amount_due_at_taking(decl)
            name = enterprise.organisation.name if enterprise.organisation else enterprise.display_name
            notice = f"{name}依据《专利法》第五十一条书面通知：接受专利 {decl.patent.number} 的开放许可。"
            licence, _created = take_licence(
                enterprise, decl.id, notice, f"DEMO-{enterprise.id}-{decl.id}" if due else "", due or None
            )
            payment = licence.upfront_payment
            if payment is not None and payment.status is PaymentStatus.CLAIMED:
                confirm_payment(decl.owner, payment.id)
    db.session.commit()


def _assume_filing_dates(patents: list[Patent]) -> None:
    """Valuing a cross-licence needs a filing date, which the source does not give: the demo patentee
    records an assumed one for the two patents it pools and cross-licenses, and the record says so."""
    assumed = _assumed_filing_date()
    for patent in patents:
        if patent.filing_date is None:
            patent.filing_date = assumed
            patent.source = f"{SOURCE}；申请日 {assumed.isoformat()} 为演示假设值（来源数据未给出）"
    db.session.flush()


def load_demo() -> dict[str, int]:
    """Create (or complete) the demo data set; returns counts."""
    users = _accounts()
    by_role = {role: [u for u in users.values() if u.role == role] for role in Role}
    patents = _load_patents(by_role[Role.PATENTEE])
    (operator,) = by_role[Role.OPERATOR]
    _verify(operator, patents)
    published = _publish(patents)
    _licences(by_role[Role.ENTERPRISE], published)
    patents_by_owner: dict[int, list[Patent]] = {}
    for patent in patents:
        patents_by_owner.setdefault(patent.owner_id, []).append(patent)
    for owned in patents_by_owner.values():
        _assume_filing_dates(owned[:2])
    load_pool_demo(operator, by_role[Role.PATENTEE], by_role[Role.ENTERPRISE], patents_by_owner)
    load_lifecycle_demo(by_role[Role.PATENTEE][0], patents)
    db.session.commit()
    return {"patents": len(patents), "published": len(published)}
