"""The web authorisation matrix: every URL rule of the app (static files aside) with the access it grants.

One line per endpoint: PUBLIC, LOGIN (any signed-in account) or the roles admitted (admins always are); for
pages showing one object, what another account of an admitted role gets. A new rule without a line fails the
first test; anonymous visitors are sent to the login page, accounts of other roles get 403.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from app.auth.models import Role
from tests.authz.world import World, build_world
from tests.conftest import PASSWORD

PAT, ENT, OP = Role.PATENTEE, Role.ENTERPRISE, Role.OPERATOR
PUBLIC: tuple[Role, ...] | None = None
LOGIN: tuple[Role, ...] = ()
MAIN = {PAT: "patentee", ENT: "enterprise", OP: "operator"}
OTHER = {PAT: "patentee2", ENT: "enterprise2", OP: "operator2"}

# The world object each URL argument names (public pages are visited with these).
ARGUMENTS = {
    "decl_id": "declaration",
    "patent_id": "patent",
    "pool_id": "pool",
    "pp_id": "pool_patent",
    "licence_id": "licence",
    "sub_id": "subscription",
    "alliance_id": "alliance",
    "member_id": "member",
    "cross_id": "cross",
    "evidence_id": "evidence",
    "payment_id": "payment",
    "dispute_id": "dispute",
    "intro_id": "introduction",
}


@dataclass(frozen=True)
class Page:
    access: tuple[Role, ...] | None  # PUBLIC, LOGIN or the admitted roles
    obj: dict[str, str] | None = None  # URL argument -> world object, when not as in ARGUMENTS
    other: int | None = None  # what another account of the first admitted role gets on GET
    anonymous: int = 200  # what an anonymous visitor gets on a PUBLIC page (without any secret in the URL)


# One line per endpoint of app.url_map (static files aside).
WEB: dict[str, Page] = {
    "alliances.alliance": Page(PUBLIC),
    "alliances.alliance_invite": Page((OP,)),
    "alliances.alliance_new": Page((OP,)),
    "alliances.alliances": Page(PUBLIC),
    "alliances.member_accept": Page((PAT, ENT)),
    "alliances.member_decline": Page((PAT, ENT)),
    "auth.login": Page(PUBLIC),
    "auth.logout": Page(LOGIN),
    "auth.password": Page(LOGIN),
    "auth.profile": Page(LOGIN),
    "auth.signup": Page(PUBLIC),
    "crosslicences.alliance_cross": Page((OP,), other=403),
    "crosslicences.cross_accept": Page((PAT,)),
    "crosslicences.cross_counter": Page((PAT,)),
    "crosslicences.cross_detail": Page((PAT, OP), other=403),
    "crosslicences.cross_list": Page((PAT, OP)),
    "crosslicences.cross_new": Page((PAT, OP)),
    "crosslicences.cross_reject": Page((PAT,)),
    "declarations.detail": Page((PAT,), {"decl_id": "draft"}, other=403),
    "declarations.edit": Page((PAT,), {"decl_id": "draft"}, other=403),
    "declarations.index": Page((PAT,)),
    "declarations.new": Page((PAT,)),
    "declarations.publish": Page((PAT,)),
    "declarations.withdraw": Page((PAT,)),
    "estimate.accept": Page((PAT,)),
    "estimate.business": Page((PAT,), {"decl_id": "draft"}, other=403),
    "estimate.facts": Page((PAT,), {"decl_id": "draft"}, other=403),
    "estimate.result": Page((PAT,), {"decl_id": "draft"}, other=403),
    "estimate.try_numbers": Page((PAT,)),
    "fees.calendar": Page((PAT,)),
    "fees.calendar_feed": Page(PUBLIC, anonymous=404),  # needs its secret token (tests/fees/test_calendar.py)
    "fees.calendar_revoke": Page((PAT,)),
    "fees.calendar_token": Page((PAT,)),
    "fees.declare_reduction": Page((PAT,)),
    "fees.import_payments": Page((PAT,)),
    "fees.import_template": Page((PAT,)),
    "fees.record_payment": Page((PAT,)),
    "highvalue.update": Page((PAT,)),
    "licences.detail": Page((ENT, PAT), other=403),
    "licences.index": Page((ENT, PAT)),
    "licences.record": Page((ENT, PAT), other=403),
    "licences.report": Page((ENT,)),
    "market.announcement": Page(PUBLIC),
    "market.announcements": Page(PUBLIC),
    "market.dashboard": Page(LOGIN),
    "market.home": Page(PUBLIC),
    "market.take": Page((ENT,)),
    "matches.delete": Page((ENT,)),
    "matches.feedback": Page((ENT,)),
    "matches.inbox": Page((ENT,)),
    "matches.recommended": Page((ENT,)),
    "matches.subscribe_sei": Page((ENT,)),
    "matches.subscriptions": Page((ENT,)),
    "needs.declaration": Page((PAT, OP), other=403),
    "needs.introduce": Page((PAT, OP)),
    "needs.introductions": Page((ENT,)),
    "needs.reply": Page((ENT,)),
    "opendata.announcements_csv": Page(PUBLIC),
    "opendata.announcements_xlsx": Page(PUBLIC),
    "opendata.api_docs": Page(PUBLIC),
    "opendata.statistics": Page(PUBLIC),
    "opendata.statistics_csv": Page(PUBLIC),
    "opendata.statistics_xlsx": Page(PUBLIC),
    "patents.bulk_import": Page((PAT,)),
    "patents.detail": Page((PAT, OP), other=403),
    "patents.edit": Page((PAT,), other=403),
    "patents.encumbrance": Page((PAT,)),
    "patents.evidence_file": Page((PAT, OP), other=403),
    "patents.import_template": Page((PAT,)),
    "patents.index": Page((PAT,)),
    "patents.new": Page((PAT,)),
    "patents.reject": Page((OP,)),
    "patents.upload_evidence": Page((PAT, OP)),
    "patents.verification": Page((OP,)),
    "patents.verification_import": Page((OP,)),
    "patents.verify": Page((OP,)),
    "payments.confirm": Page((PAT, OP)),
    "payments.dispute": Page((PAT, OP)),
    "payments.queue": Page((OP,)),
    "payments.receipt": Page((PAT, ENT, OP), other=403),
    "payments.resolve": Page((OP,)),
    "pools.close": Page((OP,)),
    "pools.consent": Page((PAT,)),
    "pools.decline": Page((PAT,)),
    "pools.detail": Page(PUBLIC),
    "pools.edit": Page((OP,), {"pool_id": "draft_pool"}, other=404),
    "pools.index": Page(PUBLIC),
    "pools.invite": Page((OP,)),
    "pools.invite_one": Page((OP,)),
    "pools.judge": Page((OP,)),
    "pools.leave": Page((PAT, OP)),
    "pools.ledger": Page((OP, PAT), other=403),
    "pools.mine": Page((OP, PAT, ENT)),
    "pools.new": Page((OP,)),
    "pools.open_offer": Page((OP,)),
    "pools.pay": Page((ENT,), {"licence_id": "pool_licence"}, other=404),
    "pools.screen": Page((OP,)),
    "pools.suggestions": Page((OP,), other=403),
    "pools.take": Page((ENT,)),
    "stats.index": Page((OP,)),
    "stats.population": Page((OP,)),
    "monitoring.index": Page((OP,)),
    "monitoring.export_csv": Page((OP,)),
    "reminders.index": Page(LOGIN),
    "coowners.update": Page((PAT,)),
    "coowners.consents": Page((PAT, ENT)),
    "coowners.consent": Page((PAT, ENT)),
    "recordals.mark": Page((ENT, PAT)),
    "recordals.packet": Page((ENT, PAT), other=403),
    "recordals.overdue": Page((OP,)),
    "valuations.report": Page((PAT,), other=403),
    "valuations.pdf": Page((PAT,), other=403),
}


def rules(app: Flask) -> dict[str, list[str]]:
    """Endpoint -> its URL rules, static files aside."""
    found: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and not rule.endpoint.startswith("api."):
            found.setdefault(rule.endpoint, []).append(rule.rule)
    return found


def test_every_url_rule_has_one_entry(app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    found = rules(app)
    missing = sorted(f"{endpoint} {found[endpoint]}" for endpoint in set(found) - set(WEB))
    stale = sorted(set(WEB) - set(found))
    assert not missing, f"Add a line to WEB in tests/authz/test_web_matrix.py for each of: {missing}"
    assert not stale, f"These WEB entries name no endpoint; remove them: {stale}"
    public = sum(page.access is PUBLIC for page in WEB.values())
    others = sum(bool(page.access) and page.other is not None for page in WEB.values())
    wrong_roles = sum(len(set(MAIN) - set(page.access)) for page in WEB.values() if page.access)
    with capsys.disabled():  # the figures SECURITY.md quotes
        print(
            f"\nWeb matrix: {len(WEB)} endpoints ({public} public); {len(WEB)} anonymous visits,"
            f" {wrong_roles} visits by a role not admitted, {others} by another account of an admitted role"
        )


def url_for_page(app: Flask, world: World, endpoint: str) -> tuple[str, str]:
    """The method (GET when the rule has it) and URL of an endpoint, its arguments naming world objects."""
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    objects = {**ARGUMENTS, **(WEB[endpoint].obj or {})}
    values = {arg: world.id_of(objects[arg]) for arg in rule.arguments}
    with app.test_request_context():
        url = url_for(endpoint, **values)
    return ("GET" if "GET" in (rule.methods or ()) else "POST"), url


def visit(client: FlaskClient, world: World, endpoint: str, account: str | None) -> tuple[int, str]:
    """Request the page as `account` (None: anonymous); returns the status and any redirect target."""
    client.post("/auth/logout")
    if account:
        resp = client.post("/auth/login", data={"email": world.users[account].email, "password": PASSWORD})
        assert resp.status_code == 302, f"{account} could not log in"
    method, url = url_for_page(client.application, world, endpoint)
    resp = client.open(url, method=method)
    return resp.status_code, resp.headers.get("Location", "")


def refusals(client: FlaskClient, world: World, endpoint: str) -> list[str]:
    """Every way the page answers differently from its WEB line (only refusals and GETs: nothing changes)."""
    page, wrong = WEB[endpoint], []
    status, location = visit(client, world, endpoint, None)
    if page.access is PUBLIC:
        expected = page.anonymous
        return [] if status == expected else [f"anonymous got {status} {location}, expected {expected}"]
    if not (status == 302 and "/auth/login" in location):
        wrong.append(f"anonymous got {status} {location}, expected a redirect to the login page")
    for role in MAIN if page.access else ():
        if role not in page.access and (status := visit(client, world, endpoint, MAIN[role])[0]) != 403:
            wrong.append(f"{role.value} got {status}, expected 403")
    if page.access and page.other is not None:
        status = visit(client, world, endpoint, OTHER[page.access[0]])[0]
        if status != page.other:
            wrong.append(f"another {page.access[0].value} got {status}, expected {page.other}")
    return wrong


@pytest.mark.parametrize("endpoint", sorted(WEB))
def test_access(app: Flask, client: FlaskClient, endpoint: str) -> None:
    wrong = refusals(client, build_world(), endpoint)
    assert not wrong, f"{endpoint}: " + "; ".join(wrong)
