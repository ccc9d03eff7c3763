"""Patents over the API: list, create, read, bulk import."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request
from flask_babel import gettext as _
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, json_body, token_required
from app.api.schema import In, Money, Out, Page, api_route, array, committed, query
from app.auth.models import Role
from app.errors import ValidationFailed
from app.highvalue.services import awards_of, high_value_of
from app.integrations.sei import patent_sei
from app.patents import models as pm
from app.patents import services as svc

PAGE_SIZE = 20


class PatentInput(In):
    """One patent record; at least one of application_number / publication_number is required. Checked by
    app.patents.validation (shared with the web form and the CSV import), which names every bad field."""

    application_number: str | None = Field(
        None,
        examples=["202010123456.2"],
        description="CN application number with its check digit; CN/ZL prefix accepted.",
    )
    publication_number: str | None = Field(None, examples=["CN111504366B"])
    kind: pm.PatentKind | None = None
    title: str = Field(max_length=500)
    abstract: str = ""
    first_claim: str = ""
    ipc_codes: list[str] = Field([], examples=[["H01M 4/525"]])
    applicants: str = ""
    filing_date: date | None = None
    grant_date: date | None = None
    legal_status: pm.LegalStatus
    annual_fee_paid_until: date | None = None


class Industry(Out):
    code: str
    name: str


class Award(Out):
    name: str = Field(examples=["china_patent_award", "national_sti_award"])
    level: str = Field(examples=["金奖"])
    year: int


class Category(Out):
    code: str = Field(examples=["sei", "overseas_family", "maintained_10y", "pledge_financing", "award"])
    evidence: str


class HighValue(Out):
    is_high_value: bool
    categories: list[Category]


class Patent(Out):
    id: int
    application_number: str | None
    publication_number: str | None
    kind: pm.PatentKind
    title: str
    abstract: str
    first_claim: str
    ipc_codes: list[str]
    applicants: str
    filing_date: date | None
    grant_date: date | None
    legal_status: pm.LegalStatus
    annual_fee_paid_until: date | None
    owner_id: int
    sei: list[Industry] = Field(
        description="Strategic emerging industries by the CNIPA 2021 SEI-IPC concordance"
    )
    foreign_family: list[str]
    pledge_amount: Money | None
    pledgee: str
    awards: list[Award]
    high_value: HighValue
    verification: pm.Verification = Field(
        description="Set by an operation centre (POST /patents/{id}/verify or /reject); only verified "
        "patents can be offered (publication rule patent_verified)."
    )

    @classmethod
    def of(cls, patent: pm.Patent) -> Patent:
        categories = high_value_of(patent)
        return cls.of_row(
            patent,
            ipc_codes=list(patent.ipc_codes),
            sei=patent_sei(patent),
            foreign_family=list(patent.foreign_family or []),
            awards=awards_of(patent),
            high_value={"is_high_value": bool(categories), "categories": categories},
        )


class Patents(Page):
    items: list[Patent]


class Rejected(Out):
    row: int = Field(description="1-based position in the submitted list")
    number: str
    fields: dict[str, str]


class ImportReport(Out):
    imported: int
    ids: list[int]
    rejected: list[Rejected]

    @classmethod
    def of(cls, report: svc.ImportReport) -> ImportReport:
        return cls(
            imported=len(report.imported),
            ids=[p.id for p in report.imported],
            rejected=[Rejected(row=r.row, number=r.number, fields=r.errors) for r in report.rejected],
        )


@api_route(
    "get",
    "/patents",
    {"200": ("One page", Patents)},
    params=[query("page", {"type": "integer", "minimum": 1})],
    errors=("401", "403"),
)
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_index() -> Response:
    """List patents: the caller's own (patentee), or all (operation centre, admin)"""
    page = svc.list_patents(api_user(), request.args.get("page", 1, type=int), PAGE_SIZE)
    items = [Patent.of(p) for p in page.items]
    return jsonify(Patents(items=items, page=page.page, pages=page.pages, total=page.total).dump())


@api_route("post", "/patents", {"201": ("Created", Patent)}, body=PatentInput, errors=("401", "403", "422"))
@token_required(Role.PATENTEE)
def patents_create() -> tuple[Response, int]:
    """Record a patent (patentee)"""
    return committed(Patent.of(svc.create_patent(api_user(), svc.require_patent_input(json_body()))), 201)


@api_route("get", "/patents/<int:patent_id>", {"200": ("The patent", Patent)}, errors=("401", "403", "404"))
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_read(patent_id: int) -> Response:
    """One patent (its owner, an operation centre or an admin)"""
    return jsonify(Patent.of(svc.get_patent_for_viewer(api_user(), patent_id)).dump())


@api_route(
    "patch",
    "/patents/<int:patent_id>",
    {"200": ("The patent", Patent)},
    body={"allOf": [PatentInput], "description": "Any subset of the fields; unknown fields are refused"},
    errors=("401", "403", "404", "422"),
)
@token_required(Role.PATENTEE)
def patents_update(patent_id: int) -> tuple[Response, int]:
    """Change some of a patent's own fields (its owner or an admin); checked like the edit form. Changing a
    number, the kind, the applicants or the legal status of a verified patent sends it back to
    verification."""
    return committed(Patent.of(svc.patch_patent(api_user(), patent_id, json_body())))


@api_route(
    "post",
    "/patents/import",
    {"200": ("The import report", ImportReport)},
    body=array(PatentInput),
    errors=("401", "403", "422"),
)
@token_required(Role.PATENTEE)
def patents_import() -> tuple[Response, int]:
    """Bulk import (patentee): good rows are committed together, bad rows reported"""
    rows = request.get_json(silent=True)
    if not isinstance(rows, list):
        raise ValidationFailed(_("请求体必须是由专利对象组成的 JSON 数组。"))
    return committed(ImportReport.of(svc.import_patents(api_user(), rows)))
