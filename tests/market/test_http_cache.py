"""ETag / Cache-Control on the public pages and open-data API: 304 while the data is unchanged, a new ETag
once it changes, public caching only for anonymous callers."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.declarations.services import withdraw_declaration
from app.extensions import db
from app.httpcache import PRIVATE, PUBLIC
from tests.conftest import bearer
from tests.declarations.helpers import publish

PAGES = [
    "/announcements",
    "/announcements?q=计量&lang=en",
    "/announcements/{id}",
    "/statistics",
    "/api/v1/declarations",
    "/api/v1/declarations/{id}",
    "/api/v1/stats",
]


@pytest.fixture
def decl(app, make_declaration):
    return publish(make_declaration())


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_gets_etag_then_304(client, decl, path):
    url = path.format(id=decl.id)
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == PUBLIC
    etag, weak = first.get_etag()
    assert etag and weak
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"] and again.headers["Cache-Control"] == PUBLIC


@pytest.mark.parametrize("path", PAGES)
def test_a_change_gives_a_new_etag(client, decl, make_declaration, path):
    url = path.format(id=decl.id)
    before = client.get(url).headers["ETag"]
    withdraw_declaration(decl.owner, decl.id, "专利权转让")  # an update, not an insert
    db.session.commit()
    after = client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before


def test_parameters_and_language_are_part_of_the_etag(client, decl):
    tags = {client.get(url).headers["ETag"] for url in
            ("/announcements", "/announcements?q=计量", "/announcements?lang=en")}  # fmt: skip
    assert len(tags) == 3


def test_signed_in_users_get_private_answers(client, decl, login, make_user):
    login(make_user(Role.ENTERPRISE))
    anonymous_tag = 'W/"x"'
    for url in ("/announcements", f"/announcements/{decl.id}", "/statistics"):
        resp = client.get(url, headers={"If-None-Match": anonymous_tag})
        assert resp.status_code == 200 and resp.headers["Cache-Control"] == PRIVATE
        assert "ETag" not in resp.headers and "Cookie" in resp.headers["Vary"]


def test_api_callers_with_a_token_get_private_answers(client, decl, make_user):
    headers = bearer(client, make_user(Role.ENTERPRISE))
    tag = client.get("/api/v1/declarations").headers["ETag"]
    resp = client.get("/api/v1/declarations", headers={**headers, "If-None-Match": tag})
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == PRIVATE
    assert "ETag" not in resp.headers and "Authorization" in resp.headers["Vary"]


def test_errors_are_not_cached(client, decl):
    resp = client.get("/api/v1/declarations?cursor=bad")
    assert resp.status_code == 400 and "ETag" not in resp.headers
    assert client.get("/announcements/999999").status_code == 404
