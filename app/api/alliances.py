"""/api/v1/alliances: thin wrappers over the alliance services; each shape described once by its model."""

from __future__ import annotations

from flask import jsonify
from werkzeug.wrappers import Response

from app import clock
from app.alliances import models as am
from app.alliances import services as alliance_svc
from app.api.core import api_user, bp, token_required
from app.api.crosslicences import CrossLicences, CrossTermsInput
from app.api.schema import In, IntList, Out, StrList, TextOrNull, committed, operations
from app.auth.models import Role
from app.crosslicences import services as cross_svc

OP, PAT, ENT = Role.OPERATOR, Role.PATENTEE, Role.ENTERPRISE


class Member(Out):
    id: int
    organisation_id: int
    name: str
    status: am.MemberStatus


class Alliance(Out):
    id: int
    name: str
    industry_codes: list[str]
    region: str
    charter: str
    members: list[Member]

    @classmethod
    def of(cls, a: am.Alliance) -> Alliance:
        members = [Member.of_row(m, name=m.organisation.name) for m in a.members]
        return cls.of_row(a, members=members)


class Alliances(Out):
    items: list[Alliance]


class MemberDecision(Out):
    id: int
    alliance_id: int
    status: am.MemberStatus


class AllianceInput(In):
    name: TextOrNull = ""
    industry_codes: StrList = []
    region: TextOrNull = ""
    charter: TextOrNull = ""


class OrganisationIds(In):
    organisation_ids: IntList


@bp.get("/alliances")
@token_required()
def alliances_list() -> Response:
    return jsonify(Alliances(items=[Alliance.of(a) for a in alliance_svc.all_alliances()]).dump())


@bp.post("/alliances")
@token_required(OP)
def alliances_create() -> tuple[Response, int]:
    values = alliance_svc.AllianceInput(**AllianceInput.parse().model_dump())
    return committed(Alliance.of(alliance_svc.create_alliance(api_user(), values)), 201)


@bp.get("/alliances/<int:alliance_id>")
@token_required()
def alliances_get(alliance_id: int) -> Response:
    return jsonify(Alliance.of(alliance_svc.get_alliance(alliance_id)).dump())


@bp.post("/alliances/<int:alliance_id>/invitations")
@token_required(OP)
def alliances_invite(alliance_id: int) -> tuple[Response, int]:
    alliance_svc.invite_organisations(api_user(), alliance_id, OrganisationIds.parse().organisation_ids)
    return committed(Alliance.of(alliance_svc.get_alliance(alliance_id)), 201)


@bp.post("/alliances/members/<int:member_id>/<any(accept, decline):action>")
@token_required(PAT, ENT)
def alliances_decide(member_id: int, action: str) -> tuple[Response, int]:
    member = alliance_svc.decide_invitation(api_user(), member_id, action == "accept")
    return committed(MemberDecision.of_row(member))


@bp.post("/alliances/<int:alliance_id>/cross-licences")
@token_required(OP)
def alliances_cross(alliance_id: int) -> tuple[Response, int]:
    terms = CrossTermsInput.parse().terms()
    made = cross_svc.propose_alliance_cross_licences(api_user(), alliance_id, terms, clock.today())
    return committed(CrossLicences.of(made), 201)


# (path, method, summary, roles, answer, body)
OPERATIONS = [
    ("/alliances", "get", "Alliances with their members", "any", ("200", Alliances), None),
    ("/alliances", "post", "Create an alliance", "operator", ("201", Alliance), AllianceInput),
    ("/alliances/{alliance_id}", "get", "An alliance", "any", ("200", Alliance), None),
    ("/alliances/{alliance_id}/invitations", "post", "Invite organisations", "operator (owner)",
     ("201", Alliance), OrganisationIds),
    ("/alliances/members/{member_id}/accept", "post", "Accept an invitation", "invited organisation",
     ("200", MemberDecision), None),
    ("/alliances/members/{member_id}/decline", "post", "Decline an invitation", "invited organisation",
     ("200", MemberDecision), None),
    ("/alliances/{alliance_id}/cross-licences", "post",
     "Propose pairwise cross-licences of members' pooled patents", "operator (owner)",
     ("201", CrossLicences), CrossTermsInput),
]  # fmt: skip
operations("alliances", OPERATIONS)
