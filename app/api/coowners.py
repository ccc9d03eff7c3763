"""Co-owners over the API: set a patent's owners and shares; record a co-owner's consent (CNIPA FAQ 2024)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, token_required
from app.api.schema import (
    DecimalIn,
    In,
    Instant,
    IntegerOrNull,
    Money,
    Out,
    Text,
    api_route,
    choice,
    committed,
)
from app.auth.models import Role
from app.coowners import models as cm
from app.coowners import services as svc
from app.extensions import db

SHARE: dict[str, Any] = {"type": "string", "example": "40.00", "description": "% of the patent"}


class CoOwner(Out):
    id: int
    position: int = Field(description="0 = the patent's account owner (the declarant)")
    user_id: int | None = Field(description="null: a named owner without account")
    name: str
    share_pct: Money

    @classmethod
    def of(cls, row: cm.CoOwner) -> CoOwner:
        return cls.of_row(row, name=row.label)


class CoOwners(Out):
    patent_id: int
    co_owners: list[CoOwner] = Field(description="The owners, the account owner first")


class OtherOwner(In):
    email: Text = ""
    name: Text = ""
    share_pct: DecimalIn = Field(None, json_schema_extra=SHARE)


class CoOwnersInput(In):
    """No co_owners = the sole owner. Each other owner is an account (email: it consents itself) or a
    named owner without an account (name: the patentee records its signed consent)."""

    problem = _l("请求中有字段格式有误。")
    messages = {"co_owners": _l("须为 [{email 或 name, share_pct}]。")}
    owner_share_pct: DecimalIn = Field(None, json_schema_extra=SHARE)
    co_owners: list[OtherOwner] = []

    def others(self) -> list[svc.CoOwnerInput]:
        return [svc.CoOwnerInput(o.email or o.name, o.share_pct) for o in self.co_owners]


class ConsentInput(In):
    action: choice(cm.ConsentAction) = None  # type: ignore[valid-type]
    co_owner_id: IntegerOrNull = Field(None, description="A named co-owner whose written consent you record")
    reference: Text = Field("", description="The signed consent's number")


class Consent(Out):
    declaration_id: int
    co_owner: CoOwner
    action: cm.ConsentAction
    reference: str
    at: Instant
    missing: list[CoOwner] = Field(description="The co-owners whose consent is still missing")


@api_route(
    "put",
    "/patents/<int:patent_id>/co-owners",
    {"200": ("The owners, the account owner first", CoOwners)},
    body=CoOwnersInput,
)
@token_required(Role.PATENTEE)
def co_owners_put(patent_id: int) -> tuple[Response, int]:
    """Set the owners of your patent and their shares (adding up to 100 %); consents of owners removed are
    dropped"""
    data = CoOwnersInput.parse()
    rows = svc.set_co_owners(api_user(), patent_id, data.owner_share_pct, data.others())
    return committed(CoOwners(patent_id=patent_id, co_owners=[CoOwner.of(r) for r in rows]))


@api_route(
    "post",
    "/declarations/<int:decl_id>/consents",
    {"201": ("The consent and the co-owners still missing", Consent)},
    body=ConsentInput,
)
@token_required(Role.PATENTEE, Role.ENTERPRISE)
def consents_post(decl_id: int) -> tuple[Response, int]:
    """A co-owner consents to declaring (draft) or withdrawing (announced) the open licence; the patentee
    records a named co-owner's written consent (CNIPA open-licence FAQ 2024: both steps need every co-owner's
    written consent)"""
    data = ConsentInput.parse()
    action = data.action.value if data.action else ""
    consent = svc.record_consent(api_user(), decl_id, action, data.co_owner_id, data.reference)
    db.session.flush()
    missing = svc.missing_consents(svc.get_declaration(decl_id), consent.action)
    owner, still = CoOwner.of(consent.co_owner), [CoOwner.of(c) for c in missing]
    return committed(Consent.of_row(consent, co_owner=owner, missing=still), 201)
