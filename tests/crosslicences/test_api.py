"""/api/v1/alliances and /api/v1/cross-licences: an alliance's member proposes, the other party accepts."""

from __future__ import annotations

from decimal import Decimal

from app.auth.models import Role


def test_alliances_and_cross_licences_api(client, auth_headers, operator, make_user, pool_patent):
    op = auth_headers(operator)
    member = make_user(Role.PATENTEE, org="成员大学")
    alliance = client.post(
        "/api/v1/alliances", json={"name": "联盟", "region": "辽宁"}, headers=op
    ).get_json()
    invited = client.post(
        f"/api/v1/alliances/{alliance['id']}/invitations",
        json={"organisation_ids": [member.organisation.id]},
        headers=op,
    ).get_json()
    member_id = invited["members"][0]["id"]
    decided = client.post(f"/api/v1/alliances/members/{member_id}/accept", headers=auth_headers(member))
    assert decided.get_json()["status"] == "accepted"
    other = make_user(Role.PATENTEE)
    pa, pb = pool_patent(member, claim_count=5), pool_patent(other, claim_count=5)
    body = {
        "party_a_id": member.id,
        "party_b_id": other.id,
        "patents_a": [pa.id],
        "patents_b": [pb.id],
        "term_start": "2026-12-01",
        "term_end": "2028-11-30",
    }
    cl = client.post("/api/v1/cross-licences", json=body, headers=auth_headers(member)).get_json()
    assert cl["payer_side"] == "b" and Decimal(cl["balancing_payment"]) == Decimal(cl["value_a"]) - Decimal(
        cl["value_b"]
    )
    bad = client.post(
        "/api/v1/cross-licences", json={**body, "patents_b": [pa.id]}, headers=auth_headers(member)
    )
    assert bad.status_code == 422 and "patents_b" in bad.get_json()["error"]["fields"]
    done = client.post(f"/api/v1/cross-licences/{cl['id']}/accept", headers=auth_headers(other)).get_json()
    assert done["status"] == "accepted" and len(done["grants"]) == 2
