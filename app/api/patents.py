"""Patents over the API: list, create, read, bulk import."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.wrappers import Response

from app.api.core import ERROR_RESPONSE, api_user, bp, document, json_body, money_str, schema, token_required
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.highvalue.rules import Category
from app.highvalue.services import awards_of, high_value_of
from app.integrations.sei import patent_sei
from app.patents.models import LegalStatus, Patent, PatentKind, Verification
from app.patents.services import (
    ImportReport,
    create_patent,
    get_patent_for_viewer,
    import_patents,
    list_patents,
    require_patent_input,
)

PAGE_SIZE = 20


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def patent_json(patent: Patent) -> dict[str, Any]:
    return {
        "id": patent.id,
        "application_number": patent.application_number,
        "publication_number": patent.publication_number,
        "kind": patent.kind.value,
        "title": patent.title,
        "abstract": patent.abstract,
        "first_claim": patent.first_claim,
        "ipc_codes": list(patent.ipc_codes),
        "applicants": patent.applicants,
        "filing_date": _iso(patent.filing_date),
        "grant_date": _iso(patent.grant_date),
        "legal_status": patent.legal_status.value,
        "annual_fee_paid_until": _iso(patent.annual_fee_paid_until),
        "owner_id": patent.owner_id,
        "sei": [{"code": m.code, "name": m.name} for m in patent_sei(patent)],
        "foreign_family": list(patent.foreign_family or []),
        "pledge_amount": money_str(patent.pledge_amount),
        "pledgee": patent.pledgee,
        "awards": [{"name": a.name, "level": a.level, "year": a.year} for a in awards_of(patent)],
        "high_value": _high_value_json(high_value_of(patent)),
        "verification": patent.verification.value,
    }


def _high_value_json(categories: list[Category]) -> dict[str, Any]:
    return {
        "is_high_value": bool(categories),
        "categories": [{"code": c.code, "evidence": c.evidence} for c in categories],
    }


def report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "imported": len(report.imported),
        "ids": [p.id for p in report.imported],
        "rejected": [{"row": r.row, "number": r.number, "fields": r.errors} for r in report.rejected],
    }


@bp.get("/patents")
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_index() -> Response:
    page = list_patents(api_user(), request.args.get("page", 1, type=int), PAGE_SIZE)
    return jsonify(
        {
            "items": [patent_json(p) for p in page.items],
            "page": page.page,
            "pages": page.pages,
            "total": page.total,
        }
    )


@bp.post("/patents")
@token_required(Role.PATENTEE)
def patents_create() -> tuple[Response, int]:
    patent = create_patent(api_user(), require_patent_input(json_body()))
    db.session.commit()
    return jsonify(patent_json(patent)), 201


@bp.get("/patents/<int:patent_id>")
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_read(patent_id: int) -> Response:
    return jsonify(patent_json(get_patent_for_viewer(api_user(), patent_id)))


@bp.post("/patents/import")
@token_required(Role.PATENTEE)
def patents_import() -> Response:
    rows = request.get_json(silent=True)
    if not isinstance(rows, list):
        raise ValidationFailed("请求体必须是由专利对象组成的 JSON 数组。")
    report = import_patents(api_user(), rows)
    db.session.commit()
    return jsonify(report_json(report))


_DATE = {"type": "string", "format": "date", "nullable": True}
schema(
    "PatentInput",
    {
        "type": "object",
        "description": "At least one of application_number / publication_number is required.",
        "properties": {
            "application_number": {
                "type": "string",
                "nullable": True,
                "example": "202010123456.2",
                "description": "CN application number with its check digit; CN/ZL prefix accepted.",
            },
            "publication_number": {"type": "string", "nullable": True, "example": "CN111504366B"},
            "kind": {"type": "string", "enum": [k.value for k in PatentKind]},
            "title": {"type": "string", "maxLength": 500},
            "abstract": {"type": "string"},
            "first_claim": {"type": "string"},
            "ipc_codes": {"type": "array", "items": {"type": "string", "example": "H01M 4/525"}},
            "applicants": {"type": "string"},
            "filing_date": _DATE,
            "grant_date": _DATE,
            "legal_status": {"type": "string", "enum": [s.value for s in LegalStatus]},
            "annual_fee_paid_until": _DATE,
        },
        "required": ["title", "legal_status"],
    },
)
schema(
    "Patent",
    {
        "allOf": [
            {"$ref": "#/components/schemas/PatentInput"},
            {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "owner_id": {"type": "integer"},
                    "high_value": {
                        "type": "object",
                        "properties": {
                            "is_high_value": {"type": "boolean"},
                            "categories": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "code": {
                                            "type": "string",
                                            "enum": [
                                                "sei",
                                                "overseas_family",
                                                "maintained_10y",
                                                "pledge_financing",
                                                "award",
                                            ],
                                        },
                                        "evidence": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                    "sei": {
                        "type": "array",
                        "description": "Strategic emerging industries by the CNIPA 2021 SEI-IPC concordance",
                        "items": {
                            "type": "object",
                            "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
                        },
                    },
                    "verification": {
                        "type": "string",
                        "enum": [v.value for v in Verification],
                        "readOnly": True,
                        "description": "Set by an operation centre (POST /patents/{id}/verify or /reject); "
                        "only verified patents can be offered (publication rule patent_verified).",
                    },
                },
            },
        ]
    },
)
schema(
    "ImportReport",
    {
        "type": "object",
        "properties": {
            "imported": {"type": "integer"},
            "ids": {"type": "array", "items": {"type": "integer"}},
            "rejected": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "row": {"type": "integer", "description": "1-based position in the submitted list"},
                        "number": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
            },
        },
    },
)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(name)}}


document(
    "/patents",
    "get",
    {
        "summary": "List patents: the caller's own (patentee), or all (operation centre, admin)",
        "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
        "responses": {
            "200": {
                "description": "One page",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Patent"}},
                                "page": {"type": "integer"},
                                "pages": {"type": "integer"},
                                "total": {"type": "integer"},
                            },
                        }
                    }
                },
            },
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
        },
    },
)
document(
    "/patents",
    "post",
    {
        "summary": "Record a patent (patentee)",
        "requestBody": {"required": True, "content": _json("PatentInput")},
        "responses": {
            "201": {"description": "Created", "content": _json("Patent")},
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    },
)
document(
    "/patents/{id}",
    "get",
    {
        "summary": "One patent (its owner, an operation centre or an admin)",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {
            "200": {"description": "The patent", "content": _json("Patent")},
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "404": ERROR_RESPONSE,
        },
    },
)
document(
    "/patents/import",
    "post",
    {
        "summary": "Bulk import (patentee): good rows are committed together, bad rows reported",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "array", "items": _ref("PatentInput")}}},
        },
        "responses": {
            "200": {"description": "The import report", "content": _json("ImportReport")},
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    },
)
