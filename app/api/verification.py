"""Patent verification over the API: an operation centre (or admin) verifies or rejects a patent."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, bp, token_required
from app.api.patents import Patent
from app.api.schema import In, IntegerOrNull, Text, inline, operation
from app.auth.models import Role
from app.extensions import db
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


@bp.post("/patents/<int:patent_id>/verify")
@token_required(Role.OPERATOR)
def patents_verify(patent_id: int) -> Response:
    data = Verify.parse()
    patent = verify_patent(api_user(), patent_id, data.evidence, data.evidence_id)
    db.session.commit()
    return jsonify(Patent.of(patent).dump())


@bp.post("/patents/<int:patent_id>/reject")
@token_required(Role.OPERATOR)
def patents_reject(patent_id: int) -> Response:
    patent = reject_patent(api_user(), patent_id, Reject.parse().reason)
    db.session.commit()
    return jsonify(Patent.of(patent).dump())


for _action, _body, _summary in (
    ("verify", Verify, "Verify a patent against evidence (operation centre, admin); recorded in its audit "
     "trail"),
    ("reject", Reject, "Reject a patent's verification with a reason the patentee sees (operation centre, "
     "admin)"),
):  # fmt: skip
    operation(
        f"/patents/{{id}}/{_action}",
        "post",
        _summary,
        {"200": ("The patent with its new verification state", Patent)},
        body=_body,
        errors=("401", "403", "404", "409", "422"),
    )
