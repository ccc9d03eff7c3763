"""Alliances: invite, accept, decline, public list."""

from __future__ import annotations

import pytest

from app.alliances import services as alliance_svc
from app.alliances.models import MemberStatus
from app.auth.models import Role
from app.errors import Forbidden, RuleViolation
from app.extensions import db


def test_alliance_invite_accept_decline_and_public_list(client, operator, make_user, login):
    alliance = alliance_svc.create_alliance(
        operator, alliance_svc.AllianceInput(name="东北流量计量产业联盟", region="辽宁")
    )
    yes, no = make_user(Role.PATENTEE, org="同意大学"), make_user(Role.ENTERPRISE, org="谢绝公司")
    members = alliance_svc.invite_organisations(
        operator, alliance.id, [yes.organisation.id, no.organisation.id]
    )
    db.session.commit()
    with pytest.raises(Forbidden):
        alliance_svc.decide_invitation(no, members[0].id, True)
    login(yes)
    client.post(f"/pools/alliances/members/{members[0].id}/accept")
    login(no)
    client.post(f"/pools/alliances/members/{members[1].id}/decline")
    assert [m.status for m in members] == [MemberStatus.ACCEPTED, MemberStatus.DECLINED]
    client.post("/auth/logout")
    page = client.get("/pools/alliances").get_data(as_text=True)
    assert "同意大学" in page and "谢绝公司" not in page
    with pytest.raises(RuleViolation):
        alliance_svc.decide_invitation(yes, members[0].id, False)
