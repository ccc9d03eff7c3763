"""Inviting again (app.invitations.invite): a declined or departed row is reopened, a standing one skipped."""

from __future__ import annotations

from app.alliances import services as alliance_svc
from app.alliances.models import MemberStatus
from app.auth.models import Role
from app.extensions import db
from app.pools.models import PoolPatentStatus
from app.pools.services import create_pool, decide_consent, invite_patents, leave_pool
from tests.pools.conftest import pool_input


def test_alliance_invites_a_declined_organisation_again_and_skips_members(operator, make_user):
    alliance = alliance_svc.create_alliance(operator, alliance_svc.AllianceInput(name="东北流量计量产业联盟"))
    yes, no = make_user(Role.PATENTEE, org="同意大学"), make_user(Role.ENTERPRISE, org="谢绝公司")
    ids = [yes.organisation.id, no.organisation.id]
    accepted, declined = alliance_svc.invite_organisations(operator, alliance.id, ids)
    alliance_svc.decide_invitation(yes, accepted.id, True)
    alliance_svc.decide_invitation(no, declined.id, False)
    again = alliance_svc.invite_organisations(operator, alliance.id, ids)
    assert again == [declined] and declined.status is MemberStatus.INVITED and declined.decided_at is None
    assert accepted.status is MemberStatus.ACCEPTED and len(alliance.members) == 2
    assert alliance_svc.invite_organisations(operator, alliance.id, ids) == []


def test_pool_invites_a_declined_or_departed_patent_again_skips_others(operator, make_user, pool_patent):
    owner = make_user(Role.PATENTEE)
    stays, leaves, declines, waits = (pool_patent(owner) for _ in range(4))
    pool = create_pool(operator, pool_input())
    ids = [p.id for p in (stays, leaves, declines, waits)]
    rows = invite_patents(operator, pool.id, ids)
    for row in rows[:2]:
        decide_consent(owner, row.id, True)
    decide_consent(owner, rows[2].id, False)
    leave_pool(owner, rows[1].id)
    db.session.commit()
    again = invite_patents(operator, pool.id, ids)
    assert again == rows[1:3] and all(r.status is PoolPatentStatus.INVITED for r in again)
    assert rows[1].left_at is None and rows[0].status is PoolPatentStatus.CONSENTED
    assert len(pool.patents) == 4
