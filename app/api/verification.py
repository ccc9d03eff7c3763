"""Patent verification over the API: an operation centre (or admin) verifies or rejects a patent."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, token_required
from app.api.patents import Patent
from app.api.schema import In, IntegerOrNull, Text, api_route, committed, inline
from app.auth.models import Role
from app.patents.verification import reject_patent, verify_patent

NOTE: dict[str, Any] = {"minLength": 1, "maxLength": 1000}


@inline
class Verify(In):
    evidence: Text = Field(
        description="What the patent was checked against, e.g. a certificate number or a register extract",
        json_schema_extra=NOTE,
    )
    evidence_id: IntegerOrNull = Field(None, description="An uploaded evidence file of this patent")


@inline
class Reject(In):
    reason: Text = Field(description="Why the patent could not be verified", json_schema_extra=NOTE)


VERIFIED: dict[str, str | tuple[str, Any]] = {"200": ("The patent with its new verification state", Patent)}


@api_route("post", "/patents/<int:patent_id>/verify", VERIFIED, body=Verify)
@token_required(Role.OPERATOR)
def patents_verify(patent_id: int) -> tuple[Response, int]:
    """Verify a patent against evidence (operation centre, admin); recorded in its audit trail"""
    data = Verify.parse()
    return committed(Patent.of(verify_patent(api_user(), patent_id, data.evidence, data.evidence_id)))


@api_route("post", "/patents/<int:patent_id>/reject", VERIFIED, body=Reject)
@token_required(Role.OPERATOR)
def patents_reject(patent_id: int) -> tuple[Response, int]:
    """Reject a patent's verification with a reason the patentee sees (operation centre, admin)"""
    return committed(Patent.of(reject_patent(api_user(), patent_id, Reject.parse().reason)))
