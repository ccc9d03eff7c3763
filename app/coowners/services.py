"""Co-owners: set the owners and shares of a patent, record consents, split the royalties received.

Sources: CNIPA, 专利开放许可 FAQ (2024; English translations, secondary): declaring an open licence for a
co-owned patent and withdrawing the declaration need the written consent of all co-owners. The split of the
royalties by share uses royalties.pools.distribute (the pool ledger's largest-remainder split).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.auth.models import Role, User
from app.coowners.models import ConsentAction, CoOwner, CoOwnerConsent
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden, NotFound, RuleViolation, ValidationFailed
from app.extensions import db
from app.i18n import N_
from app.inputs import decimal_problem
from app.integrations import coowners as bridge
from app.licences.models import Licence, Payment, PaymentStatus
from app.patents import services as patent_svc
from app.patents.models import Patent

HUNDRED = Decimal("100")
MAX_CO_OWNERS = 20
FAQ = N_(
    "国家知识产权局《专利开放许可》常见问题解答（2024）：共有专利声明或撤回开放许可须经全体共有人书面同意"
)


@dataclass(frozen=True)
class CoOwnerInput:
    """Another owner: an account's e-mail, or the name of an owner without an account, and its share (%)."""

    identity: str
    share_pct: Decimal | None


@dataclass(frozen=True)
class Holding:
    """One owner's share of a patent and its part of the royalties received (confirmed payments)."""

    patent: Patent
    co_owner: CoOwner
    received: Decimal
    part: Decimal


def co_owners_of(patent_id: int) -> list[CoOwner]:
    """The recorded owners of a patent, the account owner first; empty = the owner alone with 100 %."""
    stmt = select(CoOwner).where(CoOwner.patent_id == patent_id).order_by(CoOwner.position, CoOwner.id)
    return list(db.session.scalars(stmt))


def _account(identity: str, patent: Patent, errors: dict[str, str], key: str) -> User | None:
    user = db.session.scalar(select(User).where(func.lower(User.email) == identity.lower()))
    if user is None:
        errors[key] = _("没有使用邮箱 %(email)s 的账户；没有账户的共有人请填写名称。", email=identity)
    elif user.id == patent.owner_id:
        errors[key] = _("专利权人本人已是第一共有人，请勿重复填写。")
    elif not user.has_role(Role.PATENTEE, Role.ENTERPRISE):
        errors[key] = _("共有人账户须为专利权人或企业账户。")
    return user


def _share_problem(share: Decimal | None) -> str | None:
    if share is None:
        return _("请填写份额（%）。")
    problem = decimal_problem(share)
    if problem:
        return problem
    if not Decimal(0) < share <= HUNDRED:
        return _("份额须大于 0 且不超过 100。")
    return None


Row = tuple[User | None, str, Decimal | None]


def _parsed(patent: Patent, owner_share: Decimal | None, others: list[CoOwnerInput]) -> list[Row]:
    """(user, name, share) per owner, the account owner first; every bad line named at once."""
    errors: dict[str, str] = {}
    rows: list[Row] = [(patent.owner, "", owner_share)]
    if problem := _share_problem(owner_share):
        errors["owner_share_pct"] = problem
    if len(others) > MAX_CO_OWNERS:
        errors["co_owners"] = _("共有人最多 %(n)s 个。", n=MAX_CO_OWNERS)
    for i, other in enumerate(others[:MAX_CO_OWNERS]):
        key, identity = f"co_owners.{i}", other.identity.strip()
        if not identity or len(identity) > 200:
            errors[key] = _("请填写共有人的账户邮箱或名称（不超过 200 字）。")
            continue
        user = _account(identity, patent, errors, key) if "@" in identity else None
        if problem := _share_problem(other.share_pct):
            errors[key] = problem
        rows.append((user, "" if user else identity, other.share_pct))
    _check_rows(rows, errors)
    if errors:
        raise ValidationFailed(_("共有人信息有误，请修改。"), errors)
    return rows


def _check_rows(rows: list[Row], errors: dict[str, str]) -> None:
    keys = [(u.id if u else None, n) for u, n, _s in rows]
    if len(set(keys)) != len(keys):
        errors["co_owners"] = _("共有人重复。")
    if not errors:
        total = sum((s or Decimal(0) for _u, _n, s in rows), Decimal(0))
        if total != HUNDRED:
            errors["co_owners"] = _("各共有人份额之和须等于 100%%（现为 %(t)s%%）。", t=f"{total:.2f}")


def set_co_owners(
    actor: User, patent_id: int, owner_share: Decimal | None, others: list[CoOwnerInput]
) -> list[CoOwner]:
    """Replace the owners and shares of the actor's patent; shares add up to 100 %; no others = sole owner."""
    patent = patent_svc.get_patent_for_owner(actor, patent_id)
    rows = _parsed(patent, owner_share, others)
    existing = {(c.user_id, c.name): c for c in co_owners_of(patent.id)}
    kept: list[CoOwner] = []
    for position, (user, name, share) in enumerate(rows if len(rows) > 1 else []):
        row = existing.pop((user.id if user else None, name), None) or CoOwner(
            patent_id=patent.id, user=user, name=name
        )
        assert share is not None  # _parsed refused a missing share
        row.position, row.share_pct = position, share
        db.session.add(row)
        kept.append(row)
    for gone in existing.values():
        db.session.execute(CoOwnerConsent.__table__.delete().where(CoOwnerConsent.co_owner_id == gone.id))
        db.session.delete(gone)
    db.session.flush()
    return kept


def terms_sha256(decl: Declaration) -> str:
    """A digest of what a co-owner consents to: the patent, the fee standard and the licence period."""
    terms: list[object] = [decl.patent_id, decl.fee_method, decl.lump_sum, decl.entry_fee]
    terms += [decl.royalty_rate_pct, decl.unit_fee, decl.period_start, decl.period_end]
    return hashlib.sha256("|".join(str(t) for t in terms).encode()).hexdigest()


def consents_of(decl: Declaration, action: ConsentAction | str) -> dict[int, CoOwnerConsent]:
    """Valid consents to ``action`` by co-owner id (a declare consent counts only for the same terms)."""
    action = ConsentAction(action)
    stmt = select(CoOwnerConsent).where(
        CoOwnerConsent.declaration_id == decl.id, CoOwnerConsent.action == action
    )
    digest = terms_sha256(decl)
    rows = db.session.scalars(stmt)
    return {c.co_owner_id: c for c in rows if action is ConsentAction.WITHDRAW or c.terms_sha256 == digest}


def missing_consents(decl: Declaration, action: ConsentAction) -> list[CoOwner]:
    """The co-owners other than the declaring owner whose consent to ``action`` is not recorded."""
    given = consents_of(decl, action)
    return [c for c in co_owners_of(decl.patent_id) if c.position > 0 and c.id not in given]


def refusal_text(missing: list[CoOwner], action: ConsentAction) -> str:
    names = "、".join(c.label for c in missing)
    if action is ConsentAction.DECLARE:
        return _("尚缺以下共有人同意声明开放许可：%(names)s（%(law)s）。", names=names, law=_(FAQ))
    return _("尚缺以下共有人同意撤回开放许可声明：%(names)s（%(law)s）。", names=names, law=_(FAQ))


def ensure_withdrawal_consented(decl: Declaration) -> None:
    """Withdrawal of a co-owned patent's declaration needs every co-owner's consent (CNIPA FAQ 2024)."""
    missing = missing_consents(decl, ConsentAction.WITHDRAW)
    if missing:
        message = refusal_text(missing, ConsentAction.WITHDRAW)
        raise RuleViolation(message, {"co_owner_consent": message}, rule="co_owner_consent")


def _action(raw: str) -> ConsentAction:
    try:
        return ConsentAction(raw)
    except ValueError:
        raise ValidationFailed(
            _("请选择同意的事项。"), {"action": _("取值应为 declare（声明）或 withdraw（撤回）。")}
        ) from None


def _check_stage(decl: Declaration, action: ConsentAction) -> None:
    wanted = DeclarationStatus.DRAFT if action is ConsentAction.DECLARE else DeclarationStatus.PUBLISHED
    if decl.status != wanted:
        message = (
            _("只能对草稿同意声明开放许可。")
            if action is ConsentAction.DECLARE
            else _("只能对已公告的声明同意撤回。")
        )
        raise RuleViolation(message, rule="consent_stage")


def _target(actor: User, decl: Declaration, co_owner_id: int | None, reference: str) -> CoOwner:
    """The actor's own co-owner row, or (for the patentee) a named owner whose written consent is recorded."""
    rows = [c for c in co_owners_of(decl.patent_id) if c.position > 0]
    own = next((c for c in rows if c.user_id == actor.id), None)
    if own is not None:
        return own
    if not actor.can_manage(decl.owner_id):
        raise Forbidden(_("您不是该专利的共有人。"))
    row = next((c for c in rows if c.id == co_owner_id), None)
    if row is None:
        raise ValidationFailed(_("请选择共有人。"), {"co_owner_id": _("请选择该专利的共有人。")})
    if row.user_id is not None:
        raise ValidationFailed(
            _("该共有人有账户，须由其本人在平台上确认同意。"), {"co_owner_id": _("须由共有人本人确认。")}
        )
    if not reference.strip() or len(reference.strip()) > 200:
        raise ValidationFailed(
            _("请填写该共有人书面同意文件的编号或名称。"),
            {"reference": _("请填写书面同意文件的编号或名称（不超过 200 字）。")},
        )
    return row


def get_declaration(decl_id: int) -> Declaration:
    decl = db.session.get(Declaration, decl_id)
    if decl is None:
        raise NotFound(_("开放许可声明不存在。"))
    return decl


def record_consent(
    actor: User, decl_id: int, action: str, co_owner_id: int | None = None, reference: str = ""
) -> CoOwnerConsent:
    """A co-owner consents (or the patentee records a named co-owner's written consent); idempotent."""
    decl = get_declaration(decl_id)
    step = _action(action)
    target = _target(actor, decl, co_owner_id, reference)
    _check_stage(decl, step)
    existing = consents_of(decl, step).get(target.id)
    if existing is not None:
        return existing
    stale = select(CoOwnerConsent).where(
        CoOwnerConsent.declaration_id == decl.id,
        CoOwnerConsent.co_owner_id == target.id,
        CoOwnerConsent.action == step,
    )
    for old in db.session.scalars(stale):  # consent to terms since edited
        db.session.delete(old)
    db.session.flush()
    consent = CoOwnerConsent(
        declaration_id=decl.id,
        co_owner=target,
        action=step,
        reference=reference.strip(),
        terms_sha256=terms_sha256(decl),
        recorded_by_id=actor.id,
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def declaration_owner_id(decl_id: int) -> int | None:
    decl = db.session.get(Declaration, decl_id)
    return decl.owner_id if decl else None


def awaiting_consent(actor: User) -> list[tuple[Declaration, CoOwner, ConsentAction]]:
    """Drafts and announced declarations of patents the actor co-owns, with the step awaiting its consent."""
    rows = db.session.scalars(select(CoOwner).where(CoOwner.user_id == actor.id, CoOwner.position > 0))
    result = []
    for row in rows:
        stmt = select(Declaration).where(
            Declaration.patent_id == row.patent_id,
            Declaration.status.in_([DeclarationStatus.DRAFT, DeclarationStatus.PUBLISHED]),
        )
        for decl in db.session.scalars(stmt.order_by(Declaration.id)):
            step = ConsentAction.DECLARE if decl.status == DeclarationStatus.DRAFT else ConsentAction.WITHDRAW
            result.append((decl, row, step))
    return result


def received_payments(patent_id: int) -> list[Decimal]:
    """The confirmed payments for licences under the patent's declarations (what the owners received)."""
    stmt = (
        select(Payment.amount)
        .join(Licence, Payment.licence_id == Licence.id)
        .join(Declaration, Licence.declaration_id == Declaration.id)
        .where(Declaration.patent_id == patent_id, Payment.status == PaymentStatus.CONFIRMED)
        .order_by(Payment.id)
    )
    return list(db.session.scalars(stmt))


def holdings(actor: User) -> list[Holding]:
    """The actor's shares of co-owned patents, the royalties received and its part (split per payment)."""
    rows = db.session.scalars(select(CoOwner).where(CoOwner.user_id == actor.id).order_by(CoOwner.patent_id))
    result = []
    for row in rows:
        owners = co_owners_of(row.patent_id)
        payments = received_payments(row.patent_id)
        parts = [bridge.split_by_shares(amount, owners)[row.id] for amount in payments]
        patent = db.session.get(Patent, row.patent_id)
        assert patent is not None
        result.append(Holding(patent, row, sum(payments, Decimal(0)), sum(parts, Decimal(0))))
    return result
