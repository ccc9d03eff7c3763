"""Pool services: create and edit a pool, invite patents, record consent, screen, judge, open, close.

Rule kept here: a pool never contains a patent without its holder's recorded consent — only
CONSENTED rows are offered, listed publicly or paid shares, and only the patent's owner can consent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app import clock
from app.alliances.models import Alliance
from app.auth.access import ensure_owner
from app.auth.models import User
from app.errors import NotFound, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.i18n import N_
from app.industries import unknown_industry_codes
from app.integrations import pools as bridge
from app.invitations import invite
from app.patents.models import Patent
from app.pools.models import (
    Essentiality,
    FeeMethod,
    Pool,
    PoolPatent,
    PoolPatentStatus,
    PoolStatus,
    Rule,
)

HUNDRED = Decimal(100)


@dataclass
class PoolInput:
    name: str
    field_ipc: list[str]
    industry_codes: list[str] = field(default_factory=list)
    term_start: date | None = None
    term_end: date | None = None
    fee_method: FeeMethod | None = None
    lump_sum: Decimal | None = None
    royalty_rate_pct: Decimal | None = None
    unit_fee: Decimal | None = None
    field_of_use: str = ""
    admin_fee_pct: Decimal = Decimal(0)
    distribution_rule: Rule = Rule.COUNT
    alliance_id: int | None = None


def get_pool(pool_id: int) -> Pool:
    return get_or_404(Pool, pool_id, _("专利池不存在。"))


def get_pool_patent(pool_patent_id: int) -> PoolPatent:
    return get_or_404(PoolPatent, pool_patent_id, _("该专利不在此专利池的邀请名单中。"))


def _input_errors(actor: User, data: PoolInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("请填写专利池名称。")
    bad_ipc = [c for c in data.field_ipc if c not in bridge.ipc_titles() or len(c) != 4]
    if not data.field_ipc or bad_ipc:
        errors["field_ipc"] = _("请填写有效的IPC小类（如 G06F），多个用逗号分隔。") + (
            _("无效：%(codes)s", codes="、".join(bad_ipc)) if bad_ipc else ""
        )
    if unknown_industry_codes(data.industry_codes):
        errors["industry_codes"] = _("存在未知的国民经济行业代码。")
    if data.term_start and data.term_end and data.term_end <= data.term_start:
        errors["term_end"] = _("许可期限结束日须晚于开始日。")
    if not Decimal(0) <= data.admin_fee_pct <= HUNDRED:
        errors["admin_fee_pct"] = _("管理费比例须在0%至100%之间。")
    if data.alliance_id is not None:
        alliance = db.session.get(Alliance, data.alliance_id)
        if alliance is None or not actor.can_manage(alliance.operator_id):
            errors["alliance_id"] = _("只能关联本运营中心的产业联盟。")
    return errors


def _apply(pool: Pool, data: PoolInput) -> None:
    for name in PoolInput.__dataclass_fields__:
        setattr(pool, name, getattr(data, name))
    pool.name = data.name.strip()
    if pool.fee_method is not None:
        errors = bridge.standard_errors(pool)
        if errors:
            raise ValidationFailed(_("许可使用费标准不完整或有歧义。"), errors)


def create_pool(actor: User, data: PoolInput) -> Pool:
    """An operator creates a pool (draft) for a technology field."""
    errors = _input_errors(actor, data)
    if errors:
        raise ValidationFailed(_("专利池信息有误，请检查。"), errors)
    pool = Pool(operator_id=actor.id, status=PoolStatus.DRAFT)
    _apply(pool, data)
    db.session.add(pool)
    db.session.flush()
    return pool


def update_pool(actor: User, pool_id: int, data: PoolInput) -> Pool:
    """Edit a draft pool; a published offer is never changed under its licensees."""
    pool = get_pool(pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    if pool.status is not PoolStatus.DRAFT:
        raise RuleViolation(_("许可要约已发布，不能再修改；如需变更请关闭后另建专利池。"), rule="offer_fixed")
    errors = _input_errors(actor, data)
    if errors:
        raise ValidationFailed(_("专利池信息有误，请检查。"), errors)
    _apply(pool, data)
    db.session.flush()
    return pool


def _invite_again(pp: PoolPatent) -> bool:
    """A patent whose holder declined, or that left, may be invited again; others are skipped."""
    if pp.status not in (PoolPatentStatus.DECLINED, PoolPatentStatus.LEFT):
        return False
    pp.status, pp.invited_at, pp.left_at = PoolPatentStatus.INVITED, clock.now(), None
    return True


def invite_patents(actor: User, pool_id: int, patent_ids: list[int]) -> list[PoolPatent]:
    """Invite patents (by id); a declined or departed patent may be invited again."""
    pool = get_pool(pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    if pool.status is PoolStatus.CLOSED:
        raise RuleViolation(_("专利池已关闭。"), rule="pool_closed")
    patents = list(db.session.scalars(select(Patent).where(Patent.id.in_(patent_ids))))
    if not patent_ids or len(patents) != len(set(patent_ids)):
        raise ValidationFailed(_("请选择存在的专利。"), {"patents": _("找不到部分专利。")})
    existing = {pp.patent_id: pp for pp in pool.patents}
    return invite(patents, existing, lambda patent: PoolPatent(pool=pool, patent=patent), _invite_again)


def patent_ids_from_numbers(text: str, name: str = "numbers") -> list[int]:
    """Patent ids for publication or application numbers (comma, space or newline separated)."""
    numbers = list(dict.fromkeys(n.strip().upper() for n in re.split(r"[\s,，;；]+", text) if n.strip()))
    if not numbers:
        raise ValidationFailed(_("请填写专利号。"), {name: _("请填写专利号。")})
    stmt = select(Patent).where(
        or_(Patent.publication_number.in_(numbers), Patent.application_number.in_(numbers))
    )
    found = {
        n: p.id for p in db.session.scalars(stmt) for n in (p.publication_number, p.application_number) if n
    }
    unknown = [n for n in numbers if n not in found]
    if unknown:
        numbers_text = "、".join(unknown)
        raise ValidationFailed(
            _("找不到专利：%(numbers)s。", numbers=numbers_text),
            {name: _("找不到专利：%(numbers)s", numbers=numbers_text)},
        )
    return list(dict.fromkeys(found[n] for n in numbers))


def invite_patent_numbers(actor: User, pool_id: int, numbers: str) -> list[PoolPatent]:
    """Invite patents given by number (the web form)."""
    return invite_patents(actor, pool_id, patent_ids_from_numbers(numbers))


def decide_consent(actor: User, pool_patent_id: int, consent: bool) -> PoolPatent:
    """The patent's holder consents to (or declines) its inclusion; the consent is recorded."""
    pp = get_pool_patent(pool_patent_id)
    ensure_owner(actor, pp.patent.owner_id, N_("专利"))
    if pp.status not in (PoolPatentStatus.INVITED, PoolPatentStatus.DECLINED):
        raise RuleViolation(_("该专利当前不在待同意状态。"), rule="consent_state")
    if pp.pool.status is PoolStatus.CLOSED:
        raise RuleViolation(_("专利池已关闭。"), rule="pool_closed")
    now = clock.now()
    if consent:
        pp.status, pp.consent_at, pp.consent_by_id, pp.joined_at = (
            PoolPatentStatus.CONSENTED,
            now,
            actor.id,
            now,
        )
    else:
        pp.status, pp.declined_at = PoolPatentStatus.DECLINED, now
    db.session.flush()
    return pp


def leave_pool(actor: User, pool_patent_id: int) -> PoolPatent:
    """The holder (or the operator) takes a patent out; it keeps past shares, gets no later ones."""
    pp = get_pool_patent(pool_patent_id)
    if actor.id != pp.pool.operator_id:
        ensure_owner(actor, pp.patent.owner_id, N_("专利"))
    if pp.status is not PoolPatentStatus.CONSENTED:
        raise RuleViolation(_("只有已入池的专利才能退出。"), rule="leave_state")
    pp.status, pp.left_at = PoolPatentStatus.LEFT, clock.now()
    db.session.flush()
    return pp


def screen_pool(actor: User, pool_id: int, today: date) -> list[PoolPatent]:
    """Record screening flags for every invited or pooled patent."""
    pool = get_pool(pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    rows = [pp for pp in pool.patents if pp.status in (PoolPatentStatus.INVITED, PoolPatentStatus.CONSENTED)]
    for pp in rows:
        pp.screen, pp.screened_at = bridge.screen_patent(pp.patent, pool, today), clock.now()
    db.session.flush()
    return rows


def judge_patent(
    actor: User, pool_patent_id: int, essentiality: Essentiality, note: str, share_pct: Decimal | None
) -> PoolPatent:
    """The operator records an essentiality / relevance judgement and, for the share rule, a share %."""
    pp = get_pool_patent(pool_patent_id)
    ensure_owner(actor, pp.pool.operator_id, N_("专利池"))
    if share_pct is not None and not Decimal(0) <= share_pct <= HUNDRED:
        raise ValidationFailed(_("份额须在0%至100%之间。"), {"share_pct": _("份额须在0%至100%之间。")})
    pp.essentiality, pp.essentiality_note, pp.share_pct, pp.judged_at = (
        essentiality,
        note.strip(),
        share_pct,
        clock.now(),
    )
    db.session.flush()
    return pp


def offer_problems(pool: Pool) -> dict[str, str]:
    """What stops the one-stop offer from being published; empty = it may be opened."""
    problems = dict(bridge.standard_errors(pool))
    if not pool.consented:
        problems["patents"] = _("至少需要一件专利权人已同意入池的专利。")
    if pool.term_start is None or pool.term_end is None:
        problems["term_end"] = _("请填写许可期限。")
    if pool.distribution_rule is Rule.SHARE and sum(p.share_pct or 0 for p in pool.consented) != HUNDRED:
        problems["share_pct"] = _("按份额分配时，在池专利的份额之和须等于100%。")
    return problems


def open_pool(actor: User, pool_id: int) -> Pool:
    """Publish the pool's one-stop licence offer."""
    pool = get_pool(pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    if pool.status is not PoolStatus.DRAFT:
        raise RuleViolation(_("只有筹备中的专利池可以发布许可要约。"), rule="open_state")
    problems = offer_problems(pool)
    if problems:
        raise ValidationFailed(
            _("许可要约尚不完整：%(problems)s", problems="；".join(problems.values())), problems
        )
    pool.status, pool.opened_at = PoolStatus.OPEN, clock.now()
    db.session.flush()
    return pool


def close_pool(actor: User, pool_id: int) -> Pool:
    """Stop offering new pool licences; licences already taken stay in force."""
    pool = get_pool(pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    if pool.status is PoolStatus.CLOSED:
        raise RuleViolation(_("专利池已关闭。"), rule="pool_closed")
    pool.status, pool.closed_at = PoolStatus.CLOSED, clock.now()
    db.session.flush()
    return pool


def open_pools() -> list[Pool]:
    return list(
        db.session.scalars(select(Pool).where(Pool.status == PoolStatus.OPEN).order_by(Pool.id.desc()))
    )


def pools_of(operator: User) -> list[Pool]:
    return list(
        db.session.scalars(select(Pool).where(Pool.operator_id == operator.id).order_by(Pool.id.desc()))
    )


def invitations_for(patentee: User) -> list[PoolPatent]:
    """Pool rows for this patentee's patents, newest first."""
    stmt = (
        select(PoolPatent).join(Patent).where(Patent.owner_id == patentee.id).order_by(PoolPatent.id.desc())
    )
    return list(db.session.scalars(stmt))


def suggestions(actor: User, pool_id: int, limit: int = 30) -> tuple[Pool, list[tuple[Patent, float]]]:
    """The matcher's ranked patents for the operator to invite."""
    pool = get_pool(pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    return pool, bridge.suggest_patents_for_pool(pool, limit)


def view_pool(actor: User | None, pool_id: int) -> Pool:
    """A published or closed pool for anyone; a draft only for its operator and invited patentees."""
    pool = get_pool(pool_id)
    if pool.status is not PoolStatus.DRAFT or actor is None:
        if pool.status is PoolStatus.DRAFT:
            raise NotFound(_("专利池不存在。"))
        return pool
    if actor.can_manage(pool.operator_id):
        return pool
    if any(pp.patent.owner_id == actor.id for pp in pool.patents):
        return pool
    raise NotFound(_("专利池不存在。"))


def pool_for_edit(actor: User, pool_id: int) -> Pool:
    """The pool for its edit page: invisible drafts are 404 as on the detail page, others' pools 403."""
    pool = view_pool(actor, pool_id)
    ensure_owner(actor, pool.operator_id, N_("专利池"))
    return pool
