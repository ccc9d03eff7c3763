"""The API authorisation matrix: every operation of the OpenAPI document x every kind of caller.

The roles an operation admits come from one place, the `token_required(...)` on its view. This file adds, per
operation, ONE line: which object its path id names, what another user gets for that object, and which
accounts of an admitted role the service still refuses. A new operation without a line fails the first test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import clock
from app.api.core import OPTIONAL_BEARER, roles_of
from app.auth.models import Role
from app.payments.provider import sign
from tests.authz.world import ACCOUNTS, World, build_world
from tests.conftest import PASSWORD

OPERATOR = Role.OPERATOR
OK = "allowed"  # passes authorisation: any answer but 401, 403, 404, 405 and 5xx
Outcome = int | str

# The main account of each role owns the world's objects; "other" is a second account of the operation's role.
ACTORS = ("anonymous", "patentee", "enterprise", "operator", "admin", "other")
OTHER = {Role.PATENTEE: "patentee2", Role.ENTERPRISE: "enterprise2", Role.OPERATOR: "operator2"}


@dataclass(frozen=True)
class Op:
    obj: str | None = None  # the world object the path's id names
    other: Outcome | None = None  # what another account of the operation's role gets for that object
    refused: dict[str, Outcome] = field(default_factory=dict)  # callers refused though their role is admitted
    other_role: Role | None = None  # the other account's role when not the first admitted one
    body: Callable[[World], Any] | None = None  # a well-formed body, so that parsing is not what answers
    signed: bool = False  # a provider callback: every call carries the body's valid webhook signature


def _decl_body(w: World) -> dict[str, Any]:
    return {"patent_id": w.id_of("patent"), "fee_method": "lump_sum", "lump_sum": "1000.00"}


def _pool_body(w: World) -> dict[str, Any]:
    return {"name": "新的流量计量专利池", "fee_method": "lump_sum", "lump_sum": "100.00"}


def _report_body(w: World) -> dict[str, Any]:
    return {"period_start": "2026-01-01", "period_end": "2026-06-30", "net_sales": "1000.00"}


def _orgs_body(w: World) -> dict[str, Any]:
    return {"organisation_ids": [w.users["enterprise"].organisation.id]}


def _fee_body(w: World) -> dict[str, Any]:
    return {"year": 7, "paid_on": "2026-11-01", "amount": "1200.00"}


def _terms_body(w: World) -> dict[str, Any]:
    return {"term_start": "2027-01-01", "term_end": "2028-12-31"}


def _high_value_body(w: World) -> dict[str, Any]:
    return {"foreign_family": ["US11234567B2"], "pledge_amount": None, "pledgee": "", "awards": []}


def _reason(w: World) -> dict[str, Any]:
    return {"reason": "未收到该笔款项。"}


def _callback(w: World) -> dict[str, Any]:
    """The provider's event for the licence whose payment waits for confirmation."""
    return {"event_id": "evt-authz-1", "licence_id": w.id_of("pending_licence"), "amount": "50000.00"}


WEBHOOK_SECRET = "authz-matrix-webhook-secret"


def signature(raw: bytes) -> dict[str, str]:
    """The headers the payment provider sends with a callback (app.payments.provider)."""
    ts = int(clock.now().timestamp())
    return {"X-OLE-Timestamp": str(ts), "X-OLE-Signature": sign(WEBHOOK_SECRET, ts, raw)}


def _credentials(w: World) -> dict[str, Any]:
    """Whoever calls, the body carries a real account's e-mail and password."""
    return {"email": w.users["patentee"].email, "password": PASSWORD}


# One line per operation of /api/v1/openapi.json ("METHOD /path" exactly as documented), for example
#   "DELETE /tokens": Op(),                              no object: anonymous 401, roles from token_required
#   "POST /patents/{id}/verify": Op("patent", other=OK), any operation centre may verify anyone's patent
#   "POST /licences/{id}/dispute": Op("licence", other=403, refused={"admin": 403}, body=...)
API: dict[str, Op] = {
    "POST /tokens": Op(body=_credentials),
    "DELETE /tokens": Op(),
    "GET /patents": Op(),
    "POST /patents": Op(),
    "GET /patents/{id}": Op("patent", other=403),
    "PATCH /patents/{id}": Op("patent", other=403, body=lambda w: {"title": "新的专利名称"}),
    "POST /patents/import": Op(),
    "GET /patents/{id}/fees": Op("patent", other=403),
    "POST /patents/{id}/fee-payments": Op("patent", other=403, body=_fee_body),
    "POST /patents/{id}/verify": Op("patent", other=OK, body=lambda w: {"evidence": "专利证书第 1234567 号"}),
    "POST /patents/{id}/reject": Op("patent", other=OK, body=lambda w: {"reason": "专利权人与证书不符"}),
    "PUT /patents/{id}/high-value": Op("patent", other=403, body=_high_value_body),
    "GET /declarations": Op(),
    "POST /declarations": Op(),
    "GET /declarations/{id}": Op("draft", other=404, refused={"anonymous": 404, "enterprise": 404,
                                                              "operator": 404}, other_role=Role.PATENTEE),
    "PUT /declarations/{id}": Op("draft", other=403, body=_decl_body),
    "POST /declarations/{id}/publish": Op("draft", other=403),
    "POST /declarations/{id}/withdraw": Op("declaration", other=403, body=lambda w: {"reason": "不再许可"}),
    "POST /royalties/estimate": Op(),
    "POST /declarations/{id}/licences": Op("declaration", other=OK),
    "GET /licences": Op(),
    "GET /licences/{id}": Op("licence", other=403),
    "POST /licences/{id}/reports": Op("licence", other=403, body=_report_body),
    "POST /licences/{id}/confirm-payment": Op("pending_licence", other=403, refused={"admin": 403}),
    "POST /licences/{id}/dispute": Op("pending_licence", other=403, refused={"admin": 403}, body=_reason),
    "POST /payments/{id}/confirm": Op("payment", other=403, refused={"operator": 403, "admin": 403}),
    "POST /payments/{id}/dispute": Op("payment", other=403, refused={"operator": 403, "admin": 403},
                                      body=_reason),
    "POST /payments/webhook": Op(body=_callback, signed=True),
    "GET /matches": Op(),
    "POST /matches/{declaration_id}/feedback": Op("declaration", other=OK),
    "GET /subscriptions": Op(),
    "POST /subscriptions": Op(),
    "DELETE /subscriptions/{id}": Op("subscription", other=403),
    "GET /pools": Op(),
    "POST /pools": Op(),
    "GET /pools/{pool_id}": Op("draft_pool", other=404, refused={"enterprise": 404}, other_role=OPERATOR),
    "PUT /pools/{pool_id}": Op("draft_pool", other=403, body=_pool_body),
    "POST /pools/{pool_id}/invitations": Op("draft_pool", other=403,
                                            body=lambda w: {"patent_ids": [w.id_of("patent")]}),
    "GET /pools/{pool_id}/suggestions": Op("draft_pool", other=403),
    "POST /pools/{pool_id}/screen": Op("draft_pool", other=403),
    "POST /pools/{pool_id}/open": Op("draft_pool", other=403),
    "POST /pools/{pool_id}/close": Op("pool", other=403),
    "POST /pools/patents/{pp_id}/consent": Op("pool_patent", other=403, refused={"operator": 403}),
    "POST /pools/patents/{pp_id}/decline": Op("pool_patent", other=403, refused={"operator": 403}),
    "POST /pools/patents/{pp_id}/leave": Op("pool_patent", other=403),
    "POST /pools/patents/{pp_id}/judgement": Op("pool_patent", other=403,
                                                body=lambda w: {"essentiality": "essential"}),
    "POST /pools/{pool_id}/licences": Op("pool", other=OK),
    "POST /pools/licences/{licence_id}/payments": Op("pool_licence", other=404, refused={"admin": 404},
                                                     body=lambda w: {"net_sales": "1000.00"}),
    "GET /pools/{pool_id}/ledger": Op("pool", other=403),
    "GET /alliances": Op(),
    "POST /alliances": Op(),
    "GET /alliances/{alliance_id}": Op("alliance", other=OK, other_role=Role.OPERATOR),
    "POST /alliances/{alliance_id}/invitations": Op("alliance", other=403, body=_orgs_body),
    "POST /alliances/members/{member_id}/accept": Op("member", other=403, refused={"enterprise": 403}),
    "POST /alliances/members/{member_id}/decline": Op("member", other=403, refused={"enterprise": 403}),
    "POST /alliances/{alliance_id}/cross-licences": Op("alliance", other=403, body=_terms_body),
    "GET /cross-licences": Op(),
    "POST /cross-licences": Op(),
    "GET /cross-licences/{cross_id}": Op("cross", other=403, refused={"operator": 403}),
    "POST /cross-licences/{cross_id}/accept": Op("cross", other=403, refused={"admin": 403}),
    "POST /cross-licences/{cross_id}/reject": Op("cross", other=403, refused={"admin": 403}),
    "POST /cross-licences/{cross_id}/counter": Op("cross", other=403, refused={"admin": 403},
                                                  body=lambda w: {"patents_a": [], "patents_b": []}),
    "GET /stats": Op(),
    "PUT /patents/{id}/co-owners": Op("patent", other=403, body=lambda w: {"owner_share_pct": "100"}),
    "POST /declarations/{id}/consents": Op("declaration", other=403, refused={"enterprise": 403},
                                           body=lambda w: {"action": "withdraw"}),
    "POST /valuations": Op(body=lambda w: {"patent_id": w.id_of("patent"), "first_year_revenue": "1000000.00",
                                           "economic_life_years": "5", "royalty_rate_pct": "3"}),
}  # fmt: skip


def documented(client: FlaskClient) -> dict[str, dict[str, Any]]:
    """Every operation of the OpenAPI document, keyed "METHOD /path"."""
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    return {f"{method.upper()} {path}": spec for path, ops in paths.items() for method, spec in ops.items()}


def url_of(key: str, ident: int = 1) -> tuple[str, str]:
    """The method and the URL of an operation, its one path id filled in."""
    method, path = key.split(" ", 1)
    return method, "/api/v1" + re.sub(r"\{[^}]+\}", str(ident), path)


def view_of(app: Flask, key: str) -> Callable[..., Any]:
    method, url = url_of(key)
    endpoint, _args = app.url_map.bind("localhost").match(url, method)
    return app.view_functions[endpoint]


def test_every_documented_operation_has_one_entry(
    client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    ops = documented(client)
    missing = sorted(set(ops) - set(API))
    stale = sorted(set(API) - set(ops))
    assert not missing, f"Add a line to API in tests/authz/test_api_matrix.py for each of: {missing}"
    assert not stale, f"These API entries name no documented operation; remove them: {stale}"
    on_object = sum(1 for op in API.values() if op.obj)
    cells = len(API) * (len(ACTORS) - 1) + on_object
    with capsys.disabled():  # the figures SECURITY.md quotes
        print(
            f"\nAPI matrix: {len(API)} operations ({on_object} on an object)"
            f" x {len(ACTORS)} actors = {cells} cells"
        )


def public(spec: dict[str, Any]) -> bool:
    """Documented as callable without a token: `security: []`, or an empty requirement among the options."""
    security = spec.get("security")
    return security is not None and (security == [] or {} in security)


def test_operations_without_a_token_are_documented_as_public(app: Flask, client: FlaskClient) -> None:
    """A view without token_required is public; the document must say so (security: []), and vice versa."""
    ops = documented(client)
    wrong = [key for key, spec in ops.items() if (roles_of(view_of(app, key)) is None) != public(spec)]
    assert not wrong, f"token_required and the documented security disagree for: {wrong}"


def test_token_optional_operations(app: Flask, client: FlaskClient) -> None:
    """Open data (token_optional): anonymous callers pass, so the document offers a bearer token or none, and
    a token that is sent must still be valid; a view taking no token at all is documented `security: []`."""
    app.config["PAYMENT_WEBHOOK_SECRET"] = WEBHOOK_SECRET
    world, wrong = build_world(), []
    for key, spec in documented(client).items():
        if roles_of(view_of(app, key)) is None:
            forged = send(client, world, key, API[key], {"Authorization": "Bearer forged"})
            if spec["security"] != (OPTIONAL_BEARER if forged == 401 else []):
                wrong.append(f"{key}: a forged token gets {forged}, yet it is documented {spec['security']}")
    assert not wrong, "; ".join(wrong)


def test_unsigned_callbacks_are_refused(app: Flask, client: FlaskClient) -> None:
    """A provider callback without its signature (or with a bearer token instead) is refused with 401."""
    app.config["PAYMENT_WEBHOOK_SECRET"] = WEBHOOK_SECRET
    world, wrong = build_world(), []
    for key in (key for key, op in API.items() if op.signed):
        method, url = url_of(key)
        for headers in ({}, world.bearer("admin")):
            status = client.open(url, method=method, headers=headers, json=API[key].body(world)).status_code
            if status != 401:
                wrong.append(f"{key} {sorted(headers)}: expected 401, got {status}")
    assert not wrong, "; ".join(wrong)


def expected(op: Op, roles: tuple[Role, ...] | None, actor: str) -> Outcome | None:
    """What `actor` should get; None when the cell does not apply (no object, so no other user's object)."""
    if actor in op.refused:
        return op.refused[actor]
    if actor == "anonymous":
        return OK if roles is None else 401
    if actor == "other":
        return op.other if op.obj else None
    role = ACCOUNTS[actor]
    return 403 if roles and role is not Role.ADMIN and role not in roles else OK


def other_account(op: Op, roles: tuple[Role, ...] | None) -> str:
    role = op.other_role or (roles[0] if roles else Role.ENTERPRISE)
    return OTHER[role]


def call(client: FlaskClient, world: World, key: str, op: Op, account: str | None) -> int:
    """Make the call as `account` (None: no token) on the main account's object."""
    return send(client, world, key, op, world.bearer(account) if account else {})


def send(client: FlaskClient, world: World, key: str, op: Op, headers: dict[str, str]) -> int:
    """Make the call with these headers (and the body's signature, for a provider callback)."""
    method, url = url_of(key, world.id_of(op.obj) if op.obj else 1)
    raw = json.dumps(op.body(world) if op.body else {}).encode()
    headers = headers | (signature(raw) if op.signed else {})
    resp = client.open(url, method=method, headers=headers, data=raw, content_type="application/json")
    return resp.status_code


def matches(outcome: Outcome, status: int) -> bool:
    if outcome == OK:
        return status < 500 and status not in (401, 403, 404, 405)
    return status == outcome


@pytest.mark.parametrize("key", sorted(API))
def test_access(app: Flask, client: FlaskClient, key: str) -> None:
    app.config["PAYMENT_WEBHOOK_SECRET"] = WEBHOOK_SECRET  # switched on: the webhook answers 404 while off
    op, roles = API[key], roles_of(view_of(app, key))
    cells = {actor: expected(op, roles, actor) for actor in ACTORS}
    wrong, world, changed = [], build_world(), False
    for actor, want in sorted(cells.items(), key=lambda cell: cell[1] == OK):  # refusals first: no changes
        if want is None:
            continue
        account = None if actor == "anonymous" else other_account(op, roles) if actor == "other" else actor
        world = build_world() if changed else world  # an allowed call may have changed the world
        status, changed = call(client, world, key, op, account), want == OK
        if not matches(want, status):
            wrong.append(f"{actor} ({account}): expected {want}, got {status}")
    assert not wrong, f"{key}: " + "; ".join(wrong)
