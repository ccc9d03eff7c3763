"""Anonymous visitors read the open data and nothing private: every anonymous body is searched for secrets."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.opendata.conftest import SECRETS


def _text(resp) -> str:
    if resp.is_json:  # JSON escapes Chinese as \uXXXX: search the decoded text
        return json.dumps(resp.get_json(), ensure_ascii=False)
    body = resp.get_data()
    if body[:2] == b"PK":  # an XLSX: search the XML inside
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return "".join(book.read(name).decode("utf-8") for name in book.namelist())
    return body.decode("utf-8")


def _anonymous_urls(m) -> list[str]:
    ids = [m.lump.id, m.running.id, m.withdrawn.id]
    return [
        "/",
        "/announcements",
        "/announcements?status=withdrawn",
        *(f"/announcements/{i}" for i in ids),
        "/announcements.csv",
        "/announcements.xlsx",
        "/announcements.csv?status=withdrawn",
        "/announcements.xlsx?status=withdrawn",
        "/statistics",
        "/statistics?province=辽宁省",
        "/statistics.csv",
        "/statistics.xlsx",
        "/pools/",
        "/api/docs",
        "/api/v1/declarations",
        "/api/v1/declarations?status=withdrawn",
        *(f"/api/v1/declarations/{i}" for i in ids),
        "/api/v1/stats",
        "/api/v1/stats?province=辽宁省",
    ]


def test_every_open_page_answers_anonymously_without_a_secret(client, market) -> None:
    bodies = {}
    for url in _anonymous_urls(market):
        resp = client.get(url)
        assert resp.status_code == 200, url
        bodies[url] = _text(resp)
    leaks = [(name, url) for url, body in bodies.items() for name, value in SECRETS.items() if value in body]
    assert leaks == []
    # the open data is really there: the planted market shows through
    assert market.lump.patent.title in bodies["/announcements.csv"]
    assert "技术方案调整" in bodies["/api/v1/declarations?status=withdrawn"]


@pytest.mark.parametrize("url", ["/announcements/{draft}", "/api/v1/declarations/{draft}"])
def test_a_draft_is_not_found_anonymously(client, market, url) -> None:
    assert client.get(url.format(draft=market.draft.id)).status_code == 404


def test_the_owner_still_sees_the_withdrawn_contact(client, market, login) -> None:
    login(market.patentee)
    html = client.get(f"/announcements/{market.withdrawn.id}").get_data(as_text=True)
    assert SECRETS["withdrawn_contact"] in html
