"""ETag / Cache-Control on the public pages and open-data API: 304 while the data is unchanged, a new ETag
once it changes, public caching only for anonymous callers."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.declarations.services import withdraw_declaration
from app.extensions import db
from app.httpcache import EXTENSION_KEY, PRIVATE, PUBLIC, MemoryPages
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


def test_an_anonymous_page_is_rendered_once_per_data_version(client, decl, monkeypatch):
    first = client.get("/announcements")
    monkeypatch.setattr("app.market.routes.search_announcements", lambda *a, **k: 1 / 0)  # renders no more
    again = client.get("/announcements")
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"] and again.content_type == first.content_type
    api = client.get("/api/v1/declarations")
    assert client.get("/api/v1/declarations").get_json() == api.get_json()


def test_a_change_renders_the_page_anew(client, decl):
    assert decl.patent.title in client.get("/announcements").get_data(as_text=True)
    withdraw_declaration(decl.owner, decl.id, "专利权转让")
    db.session.commit()
    assert decl.patent.title not in client.get("/announcements").get_data(as_text=True)


def test_signed_in_visitors_never_get_a_kept_page(client, decl, login, make_user):
    client.get("/announcements")  # kept for visitors
    user = make_user(Role.ENTERPRISE)
    login(user)
    assert user.email in client.get("/announcements").get_data(as_text=True)


def test_an_answer_that_touches_the_session_is_not_kept(app, client, decl):
    pages = app.extensions[EXTENSION_KEY].pages
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "已保存。")]
    assert "已保存。" in client.get("/announcements").get_data(as_text=True)  # the flash is this visitor's
    assert "已保存。" not in client.get("/announcements").get_data(as_text=True)
    assert len(pages) == 1
    client.get("/announcements?lang=en")  # remembers the language in the session: not kept
    assert len(pages) == 1
    client.get("/announcements?lang=en")  # the same language again changes nothing: kept
    assert len(pages) == 2


def test_the_memory_store_forgets_the_least_recently_read_and_the_expired():
    pages = MemoryPages(seconds=60, max_bytes=10)
    for key in "abc":
        pages.put(key, "text/plain", b"1234")
    assert pages.get("a") is None and pages.get("c") == ("text/plain", b"1234") and pages.get("b")
    pages.put("d", "text/plain", b"1234")  # c was read before b: c goes
    assert pages.get("c") is None and pages.get("b") and pages.get("d") and pages.size == 8
    pages.put("big", "text/plain", b"x" * 11)
    assert pages.get("big") is None
    expired = MemoryPages(seconds=0, max_bytes=10)
    expired.put("a", "text/plain", b"1")
    assert expired.get("a") is None and expired.size == 0


def test_page_cache_seconds_zero_keeps_nothing():
    from app import create_app
    from app.config import TestConfig

    assert EXTENSION_KEY not in create_app(TestConfig, PAGE_CACHE_SECONDS=0).extensions
