"""Co-owners over the API: set a patent's owners and shares; record a co-owner's consent (CNIPA FAQ 2024)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app.api import bp
from app.api.core import ERROR_RESPONSE, api_user, document, json_body, parse_decimal, schema, token_required
from app.auth.models import Role
from app.coowners import services as svc
from app.coowners.models import ConsentAction, CoOwner, CoOwnerConsent
from app.errors import ValidationFailed
from app.extensions import db


def co_owner_json(row: CoOwner) -> dict[str, Any]:
    return {
        "id": row.id,
        "position": row.position,
        "user_id": row.user_id,
        "name": row.label,
        "share_pct": f"{row.share_pct:.2f}",
    }


def _others(data: dict[str, Any], errors: dict[str, str]) -> list[svc.CoOwnerInput]:
    items = data.get("co_owners", [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationFailed(
            "co_owners 须为对象数组。", {"co_owners": "须为 [{email 或 name, share_pct}]。"}
        )
    rows = []
    for i, item in enumerate(items):
        identity = item.get("email") or item.get("name") or ""
        share = parse_decimal(item, "share_pct", errors)
        rows.append(svc.CoOwnerInput(identity if isinstance(identity, str) else "", share))
        if "share_pct" in errors:
            errors[f"co_owners.{i}"] = errors.pop("share_pct")
    return rows


@bp.put("/patents/<int:patent_id>/co-owners")
@token_required(Role.PATENTEE)
def co_owners_put(patent_id: int) -> Response:
    data, errors = json_body(), dict[str, str]()
    owner_share = parse_decimal(data, "owner_share_pct", errors)
    others = _others(data, errors)
    if errors:
        raise ValidationFailed("请求中有字段格式有误。", errors)
    rows = svc.set_co_owners(api_user(), patent_id, owner_share, others)
    db.session.commit()
    return jsonify({"patent_id": patent_id, "co_owners": [co_owner_json(r) for r in rows]})


def consent_json(consent: CoOwnerConsent) -> dict[str, Any]:
    decl = consent.declaration_id
    missing = svc.missing_consents(svc.get_declaration(decl), consent.action)
    return {
        "declaration_id": decl,
        "co_owner": co_owner_json(consent.co_owner),
        "action": consent.action.value,
        "reference": consent.reference,
        "at": consent.at.isoformat(),
        "missing": [co_owner_json(c) for c in missing],
    }


@bp.post("/declarations/<int:decl_id>/consents")
@token_required(Role.PATENTEE, Role.ENTERPRISE)
def consents_post(decl_id: int) -> tuple[Response, int]:
    data = json_body()
    raw_id = data.get("co_owner_id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, int)):
        raise ValidationFailed("co_owner_id 须为整数。", {"co_owner_id": "须为该专利共有人的 id（整数）。"})
    reference = data.get("reference", "")
    consent = svc.record_consent(
        api_user(),
        decl_id,
        str(data.get("action", "")),
        raw_id,
        reference if isinstance(reference, str) else "",
    )
    db.session.commit()
    return jsonify(consent_json(consent)), 201


SHARE = {"type": "string", "example": "40.00", "description": "% of the patent, decimal string"}
CO_OWNER = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "position": {"type": "integer", "description": "0 = the patent's account owner (the declarant)"},
        "user_id": {
            "type": "integer",
            "nullable": True,
            "description": "null: a named owner without account",
        },
        "name": {"type": "string"},
        "share_pct": SHARE,
    },
}
schema("CoOwner", CO_OWNER)
ERRORS = {code: ERROR_RESPONSE for code in ("401", "403", "404", "409", "422")}
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
document(
    "/patents/{id}/co-owners",
    "put",
    {
        "summary": "Set the owners of your patent and their shares (adding up to 100 %)",
        "description": "No co_owners = the sole owner. Each other owner is an account (email: it consents "
        "itself) or a named owner without an account (name: the patentee records its signed consent). "
        "Consents of owners removed are dropped.",
        "parameters": ID,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "owner_share_pct": SHARE,
                            "co_owners": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "email": {"type": "string"},
                                        "name": {"type": "string"},
                                        "share_pct": SHARE,
                                    },
                                },
                            },
                        },
                        "required": ["owner_share_pct"],
                    }
                }
            },
        },
        "responses": {"200": {"description": "The owners, the account owner first"}, **ERRORS},
    },
)
document(
    "/declarations/{id}/consents",
    "post",
    {
        "summary": "A co-owner consents to declaring (draft) or withdrawing (announced) the open licence",
        "description": "The patentee records a named co-owner's written consent (co_owner_id + reference). "
        "CNIPA open-licence FAQ 2024: both steps need every co-owner's written consent.",
        "parameters": ID,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "action": {"type": "string", "enum": [a.value for a in ConsentAction]},
                            "co_owner_id": {"type": "integer"},
                            "reference": {"type": "string", "description": "The signed consent's number"},
                        },
                        "required": ["action"],
                    }
                }
            },
        },
        "responses": {"201": {"description": "The consent and the co-owners still missing"}, **ERRORS},
    },
)
