"""Alliance services: an operator creates an industry alliance and invites organisations."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app import clock
from app.alliances.models import Alliance, AllianceMember, MemberStatus
from app.auth.access import ensure_owner
from app.auth.models import Organisation, Role, User
from app.errors import NotFound, RuleViolation, ValidationFailed
from app.extensions import db
from app.industries import unknown_industry_codes


@dataclass
class AllianceInput:
    name: str
    industry_codes: list[str] = field(default_factory=list)
    region: str = ""
    charter: str = ""


def get_alliance(alliance_id: int) -> Alliance:
    alliance = db.session.get(Alliance, alliance_id)
    if alliance is None:
        raise NotFound("产业联盟不存在。")
    return alliance


def managed_alliance(actor: User, alliance_id: int) -> Alliance:
    """The alliance, for its operation centre (or an admin) only: another centre's is 403."""
    alliance = get_alliance(alliance_id)
    ensure_owner(actor, alliance.operator_id, "产业联盟")
    return alliance


def create_alliance(actor: User, data: AllianceInput) -> Alliance:
    """An operator creates an industry alliance."""
    errors = {}
    if not data.name.strip():
        errors["name"] = "请填写联盟名称。"
    if unknown_industry_codes(data.industry_codes):
        errors["industry_codes"] = "存在未知的国民经济行业代码。"
    if errors:
        raise ValidationFailed("联盟信息有误，请检查。", errors)
    alliance = Alliance(
        operator_id=actor.id,
        name=data.name.strip(),
        industry_codes=data.industry_codes,
        region=data.region.strip(),
        charter=data.charter.strip(),
    )
    db.session.add(alliance)
    db.session.flush()
    return alliance


def invite_organisations(actor: User, alliance_id: int, organisation_ids: list[int]) -> list[AllianceMember]:
    """Invite organisations; one that declined may be invited again, members are skipped."""
    alliance = get_alliance(alliance_id)
    ensure_owner(actor, alliance.operator_id, "产业联盟")
    orgs = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(organisation_ids))))
    if not organisation_ids or len(orgs) != len(set(organisation_ids)):
        raise ValidationFailed("请选择要邀请的机构。", {"organisation_ids": "请选择存在的机构。"})
    existing = {m.organisation_id: m for m in alliance.members}
    invited = []
    for org in orgs:
        member = existing.get(org.id)
        if member is None:
            member = AllianceMember(alliance=alliance, organisation=org)
            db.session.add(member)
        elif member.status is MemberStatus.DECLINED:
            member.status, member.invited_at, member.decided_at = MemberStatus.INVITED, clock.now(), None
        else:
            continue
        invited.append(member)
    db.session.flush()
    return invited


def decide_invitation(actor: User, member_id: int, accept: bool) -> AllianceMember:
    """The invited organisation's account accepts or declines."""
    member = db.session.get(AllianceMember, member_id)
    if member is None:
        raise NotFound("邀请不存在。")
    ensure_owner(actor, member.organisation.owner_id, "邀请")
    if member.status is not MemberStatus.INVITED:
        raise RuleViolation("该邀请已处理。", rule="invitation_decided")
    member.status = MemberStatus.ACCEPTED if accept else MemberStatus.DECLINED
    member.decided_at = clock.now()
    db.session.flush()
    return member


def all_alliances() -> list[Alliance]:
    return list(db.session.scalars(select(Alliance).order_by(Alliance.id.desc())))


def alliances_of(operator: User) -> list[Alliance]:
    return list(db.session.scalars(select(Alliance).where(Alliance.operator_id == operator.id)))


def invitations_of(user: User) -> list[AllianceMember]:
    """The alliance invitations addressed to this user's organisation."""
    if user.organisation is None:
        return []
    stmt = select(AllianceMember).where(AllianceMember.organisation_id == user.organisation.id)
    return list(db.session.scalars(stmt.order_by(AllianceMember.id.desc())))


def invitable_organisations(alliance: Alliance) -> list[Organisation]:
    """Patentee and enterprise organisations not yet invited or members."""
    taken = {m.organisation_id for m in alliance.members if m.status is not MemberStatus.DECLINED}
    stmt = select(Organisation).join(User, Organisation.owner_id == User.id)
    stmt = stmt.where(User.role.in_([Role.PATENTEE, Role.ENTERPRISE])).order_by(Organisation.name)
    return [o for o in db.session.scalars(stmt) if o.id not in taken]
