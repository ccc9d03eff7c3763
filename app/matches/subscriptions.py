"""Subscriptions: create, list, delete, and whether one accepts a declaration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, select

from app.auth.access import ensure_owner
from app.auth.models import Role, User
from app.declarations.models import Declaration
from app.errors import Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.i18n import N_
from app.industries import industries
from app.integrations import sei
from app.integrations.matching import to_query
from app.matches.models import Frequency, Subscription, SubscriptionKind
from matching.types import MatchQuery

# IPC section (H), class (H01), subclass (H01M), optionally a group (H01M 4/00 or H01M4/131).
IPC_PATTERN = re.compile(r"^[A-H](\d{2}([A-Z](\s*\d{1,4}(/\d{1,6})?)?)?)?$")
KEYWORD_SPLIT = re.compile(r"[,，;；、\s]+")
MAX_SUBSCRIPTIONS = 50


@dataclass(frozen=True)
class SubscriptionInput:
    kind: str
    value: str
    frequency: str = Frequency.IMMEDIATELY.value


def normalise_ipc(value: str) -> str:
    """'h01m 4/00' -> 'H01M4/00' (spaces dropped so prefixes compare)."""
    return value.replace(" ", "").replace("\u3000", "").upper()


def keywords_of(value: str) -> list[str]:
    return [k for k in KEYWORD_SPLIT.split(value) if k]


def _clean_value(kind: SubscriptionKind, raw: str) -> str:
    value = raw.strip()
    if kind == SubscriptionKind.IPC:
        if not IPC_PATTERN.match(value.upper()):
            raise ValidationFailed(
                _("IPC 分类号格式不正确。"), {"value": _("请填写如 H01M、H01M 4/00 的 IPC 分类号。")}
            )
        return value.upper()
    if kind == SubscriptionKind.INDUSTRY:
        if value not in industries():
            raise ValidationFailed(
                _("行业代码不存在。"), {"value": _("请填写 GB/T 4754-2017 中的行业代码，如 C、38、384。")}
            )
        return value
    if kind == SubscriptionKind.SEI:
        if value not in sei.categories():
            raise ValidationFailed(
                _("战略性新兴产业分类代码不存在。"),
                {"value": _("请选择 2021 年分类中的门类或大类，如 1、1.1。")},
            )
        return value
    if kind == SubscriptionKind.KEYWORDS:
        words = keywords_of(value)
        if not words:
            raise ValidationFailed(
                _("请至少填写一个关键词。"), {"value": _("关键词不能为空，可用逗号分隔多个。")}
            )
        return "，".join(dict.fromkeys(words))
    if len(value) < 4:
        raise ValidationFailed(_("需求描述太短。"), {"value": _("请用至少 4 个字描述您需要的技术。")})
    return value


def _parse(data: SubscriptionInput) -> tuple[SubscriptionKind, str, Frequency]:
    try:
        kind = SubscriptionKind(data.kind)
    except ValueError:
        raise ValidationFailed(
            _("订阅类型无效。"), {"kind": _("请选择行业、IPC 分类、关键词、需求描述或战略性新兴产业。")}
        ) from None
    try:
        frequency = Frequency(data.frequency)
    except ValueError:
        raise ValidationFailed(_("推送频率无效。"), {"frequency": _("请选择即时、每日或每周。")}) from None
    if len(data.value) > 500:
        raise ValidationFailed(_("订阅内容过长。"), {"value": _("最多 500 个字符。")})
    return kind, _clean_value(kind, data.value), frequency


def _ensure_enterprise(actor: User) -> None:
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业账户可以订阅匹配推送。"))


def my_subscriptions(actor: User) -> list[Subscription]:
    """The actor's active subscriptions, oldest first."""
    stmt = select(Subscription).where(Subscription.user_id == actor.id, Subscription.active.is_(True))
    return list(db.session.scalars(stmt.order_by(Subscription.id)))


def create_subscription(actor: User, data: SubscriptionInput) -> Subscription:
    """Subscribe the actor (an enterprise) to an industry, IPC class, keywords or a free-text need."""
    _ensure_enterprise(actor)
    kind, value, frequency = _parse(data)
    mine = my_subscriptions(actor)
    if any(s.kind == kind and s.value == value for s in mine):
        raise ValidationFailed(_("您已订阅过相同的内容。"), {"value": _("重复的订阅。")})
    if len(mine) >= MAX_SUBSCRIPTIONS:
        raise ValidationFailed(_("订阅数量已达上限（%(n)s 条）。", n=MAX_SUBSCRIPTIONS))
    sub = Subscription(user_id=actor.id, kind=kind, value=value, frequency=frequency, active=True)
    db.session.add(sub)
    db.session.flush()
    return sub


def create_sei_subscriptions(actor: User, codes: list[str], frequency: str) -> list[Subscription]:
    """Subscribe the actor to several strategic emerging industry categories at once (new ones only)."""
    if not codes:
        raise ValidationFailed(_("请至少选择一个战略性新兴产业。"), {"codes": _("请至少选择一项。")})
    have = {s.value for s in my_subscriptions(actor) if s.kind == SubscriptionKind.SEI}
    return [
        create_subscription(actor, SubscriptionInput(SubscriptionKind.SEI.value, code, frequency))
        for code in dict.fromkeys(codes)
        if code not in have
    ]


def delete_subscription(actor: User, sub_id: int) -> None:
    """Cancel one of the actor's subscriptions."""
    sub = db.session.get(Subscription, sub_id)
    if sub is None or not sub.active:
        raise NotFound(_("订阅不存在。"))
    ensure_owner(actor, sub.user_id, _("订阅"))
    db.session.delete(sub)
    db.session.flush()


def enterprises_with_subscriptions(not_in: list[Select[int]]) -> list[tuple[User, list[Subscription]]]:
    """Every enterprise whose id is in none of the `not_in` id queries, in id order, with its active
    subscriptions."""
    stmt = select(User).where(User.role == Role.ENTERPRISE, *(User.id.not_in(ids) for ids in not_in))
    users = list(db.session.scalars(stmt.order_by(User.id)))
    subs: dict[int, list[Subscription]] = {u.id: [] for u in users}
    active = select(Subscription).where(Subscription.active.is_(True)).order_by(Subscription.id)
    for sub in db.session.scalars(active):
        if sub.user_id in subs:
            subs[sub.user_id].append(sub)
    return [(u, subs[u.id]) for u in users]


def _industry_accepts(code: str, decl: Declaration) -> bool:
    """A section letter covers its divisions; a numeric code covers the codes it prefixes."""
    declared = decl.industry_code.strip()
    if not declared:
        return False
    if code.isalpha():
        row = industries().get(declared)
        return declared == code or (row is not None and row["section"] == code)
    return declared.startswith(code)


def filter_accepts(sub: Subscription, decl: Declaration) -> bool:
    """Whether an industry, IPC or keyword subscription accepts the declaration (text needs the matcher)."""
    if sub.kind == SubscriptionKind.INDUSTRY:
        return _industry_accepts(sub.value, decl)
    if sub.kind == SubscriptionKind.IPC:
        prefix = normalise_ipc(sub.value)
        return any(normalise_ipc(code).startswith(prefix) for code in decl.patent.ipc_codes or ())
    if sub.kind == SubscriptionKind.SEI:
        return sei.covers(sub.value, decl.patent)
    if sub.kind == SubscriptionKind.KEYWORDS:
        patent = decl.patent
        text = f"{patent.title} {patent.abstract} {patent.first_claim}".lower()
        return any(word.lower() in text for word in keywords_of(sub.value))
    return False


def enterprise_query(user: User, subs: list[Subscription] | None = None) -> MatchQuery:
    """The enterprise's profile (industries, needs) and its active subscriptions as one matcher query."""
    subs = my_subscriptions(user) if subs is None else subs
    org = user.organisation
    own = list(org.industry_codes or []) if org else []
    return query_from(org.needs if org else "", own, [(s.kind, s.value) for s in subs])


def query_from(needs: str, own_industries: list[str], subs: list[tuple[SubscriptionKind, str]]) -> MatchQuery:
    """The matcher query of a profile's needs and industries plus (kind, value) subscriptions."""
    by_kind = {kind: [v for k, v in subs if k == kind] for kind in SubscriptionKind}
    return to_query(
        needs,
        own_industries,
        ipc=by_kind[SubscriptionKind.IPC],
        industries=by_kind[SubscriptionKind.INDUSTRY],
        keywords=[k for v in by_kind[SubscriptionKind.KEYWORDS] for k in keywords_of(v)],
        # A picked SEI category's name is a need too (and makes an SEI-only subscriber matchable).
        texts=[
            *by_kind[SubscriptionKind.TEXT],
            *(sei.categories().get(c, "") for c in by_kind[SubscriptionKind.SEI]),
        ],
    )


def sei_picks(user: User, subs: list[Subscription] | None = None) -> list[str]:
    """The SEI categories an enterprise picked: in its profile and in its active subscriptions."""
    subs = my_subscriptions(user) if subs is None else subs
    own = list(user.organisation.sei_codes or []) if user.organisation else []
    return list(dict.fromkeys([*own, *(s.value for s in subs if s.kind == SubscriptionKind.SEI)]))


def with_sei(
    user: User, subs: list[Subscription] | None, decl: Declaration, score: float, reasons: dict[str, Any]
) -> tuple[float, dict[str, Any]]:
    """A match's score and reasons with the enterprise's SEI link to the declaration (bonus and reason)."""
    subs = my_subscriptions(user) if subs is None else subs
    own = list(user.organisation.industry_codes or []) if user.organisation else []
    industries = [*own, *(s.value for s in subs if s.kind == SubscriptionKind.INDUSTRY)]
    return sei.with_sei(score, reasons, decl, sei_picks(user, subs), industries)


def with_accepted(reasons: dict[str, Any], accepted: list[tuple[SubscriptionKind, str]]) -> dict[str, Any]:
    """Reasons naming the subscriptions that accepted the declaration, first in the summary.

    A filter subscription pushes whatever the score, so its push is explained by the filter, not by a
    low-scoring shared term. Stored in Chinese, as the rest of ``summary_zh``; the page translates the label.
    """
    if not accepted:
        return {**reasons, "subscriptions": []}
    named = "、".join(f"{kind.label} {value}" for kind, value in accepted)
    items = [{"kind": kind.value, "label": kind.label, "value": value} for kind, value in accepted]
    return {
        **reasons,
        "subscriptions": items,
        "summary_zh": N_("符合您的订阅：%(named)s") % {"named": named} + f"；{reasons.get('summary_zh', '')}",
    }
