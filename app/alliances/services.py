"""Alliance services: an operator creates an industry alliance and invites organisations."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from app import clock
from app.alliances.models import Alliance, AllianceMember, MemberStatus
from app.auth.access import ensure_owner
from app.auth.models import Organisation, Role, User
from app.errors import RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.i18n import N_
from app.industries import unknown_industry_codes
from app.invitations import invite


@dataclass
class AllianceInput:
    name: str
    industry_codes: list[str] = field(default_factory=list)
    region: str = ""
    charter: str = ""


def get_alliance(alliance_id: int) -> Alliance:
    return get_or_404(Alliance, alliance_id, _("产业联盟不存在。"))


def managed_alliance(actor: User, alliance_id: int) -> Alliance:
    """The alliance, for its operation centre (or an admin) only: another centre's is 403."""
    alliance = get_alliance(alliance_id)
    ensure_owner(actor, alliance.operator_id, N_("产业联盟"))
    return alliance


def create_alliance(actor: User, data: AllianceInput) -> Alliance:
    """An operator creates an industry alliance."""
    errors = {}
    if not data.name.strip():
        errors["name"] = _("请填写联盟名称。")
    if unknown_industry_codes(data.industry_codes):
        errors["industry_codes"] = _("存在未知的国民经济行业代码。")
    if errors:
        raise ValidationFailed(_("联盟信息有误，请检查。"), errors)
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


def _invite_again(member: AllianceMember) -> bool:
    """An organisation that declined may be invited again; members and open invitations are skipped."""
    if member.status is not MemberStatus.DECLINED:
        return False
    member.status, member.invited_at, member.decided_at = MemberStatus.INVITED, clock.now(), None
    return True


def invite_organisations(actor: User, alliance_id: int, organisation_ids: list[int]) -> list[AllianceMember]:
    """Invite organisations; one that declined may be invited again, members are skipped."""
    alliance = managed_alliance(actor, alliance_id)
    orgs = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(organisation_ids))))
    if not organisation_ids or len(orgs) != len(set(organisation_ids)):
        raise ValidationFailed(_("请选择要邀请的机构。"), {"organisation_ids": _("请选择存在的机构。")})
    members = {m.organisation_id: m for m in alliance.members}
    return invite(orgs, members, lambda o: AllianceMember(alliance=alliance, organisation=o), _invite_again)


def decide_invitation(actor: User, member_id: int, accept: bool) -> AllianceMember:
    """The invited organisation's account accepts or declines."""
    member = get_or_404(AllianceMember, member_id, _("邀请不存在。"))
    ensure_owner(actor, member.organisation.owner_id, N_("邀请"))
    if member.status is not MemberStatus.INVITED:
        raise RuleViolation(_("该邀请已处理。"), rule="invitation_decided")
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
