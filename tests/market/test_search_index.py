"""Keyword search through the index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) and keyset paging: the
same results as a plain substring scan, short words, LIKE wildcards typed by the user, withdrawal, bad
cursors."""

from __future__ import annotations

import base64
import json

import pytest

from app.declarations.services import search_announcements, withdraw_declaration
from app.extensions import db
from tests.declarations.helpers import publish

# Real titles from data/cn_patent_titles_ipc.csv, plus two made-up ones carrying the LIKE wildcards % and _.
PATENTS = [
    ("基于人工智能的流体输送系统精确计量方法及计量装置", ["G01D", "G01F"], "用于电池生产线的流量计量"),
    ("一种水电站高压输电线路驱鸟保护装置", ["A01M", "H02G"], ""),
    ("一种废水循环利用的自动洗车装置", ["B60S", "C02F"], "Battery-free PUMP"),
    ("一种锂离子电池组的热管理系统", ["H01M"], "含 50% 回收材料"),
    ("一种用于电池_模组的连接结构", ["H01M"], ""),
]


@pytest.fixture
def announced(app, make_patent, make_declaration):
    decls = []
    for title, ipc, abstract in PATENTS:
        patent = make_patent(title=title, ipc_codes=ipc, abstract=abstract)
        decls.append(publish(make_declaration(patent)))
    return decls


def _expected(announced, q: str) -> set[int]:
    """What a case-insensitive substring scan of every searched field finds: the behaviour to keep."""

    def fields(decl) -> str:
        p = decl.patent
        return "\n".join([p.title, p.abstract, p.publication_number or "", p.application_number or "",
                          json.dumps(p.ipc_codes)]).lower()  # fmt: skip

    return {d.id for d in announced if all(w.lower() in fields(d) for w in q.split())}


@pytest.mark.parametrize(
    "q",
    [
        "电池",  # two characters: below the trigram length, the gram index or the LIKE fallback
        "池",  # one character
        "锂离子电池",  # the index
        "计量装置",
        "装置 电站",  # every word must match
        "h01m",  # IPC code, any case
        "battery-free pump",  # ASCII in the abstract, any case, two words
        "50%",  # a literal %, not "anything"
        "%",
        "_",  # a literal _, not "any one character"
        "电池_模",
        "\\",
        '"电池',  # an FTS5 quote in the input is just a character
        "不存在的词语",
    ],
)
def test_search_equals_substring_scan(announced, q):
    page = search_announcements(q=q)
    assert {d.id for d in page.items} == _expected(announced, q), q
    assert page.total == len(_expected(announced, q))


def test_wildcards_are_literal(announced):
    assert {d.id for d in search_announcements(q="%").items} == {announced[3].id}
    assert {d.id for d in search_announcements(q="_").items} == {announced[4].id}


def test_short_words_found_by_the_fallback(announced):
    assert {d.id for d in search_announcements(q="电池").items} == {announced[i].id for i in (0, 3, 4)}


def test_withdrawal_removes_from_search(announced):
    decl = announced[3]
    assert decl.id in {d.id for d in search_announcements(q="锂离子电池").items}
    withdraw_declaration(decl.owner, decl.id, "专利权转让")
    db.session.commit()
    assert search_announcements(q="锂离子电池").items == []
    assert [d.id for d in search_announcements(q="锂离子电池", status="withdrawn").items] == [decl.id]


def test_edited_title_is_searched(announced):
    patent = announced[1].patent
    patent.title = "一种水电站高压输电线路防鸟装置"
    db.session.commit()
    assert search_announcements(q="驱鸟保护").items == []
    assert [d.id for d in search_announcements(q="防鸟装置").items] == [announced[1].id]


def test_keyset_pages_are_stable_across_inserts(announced, app, make_patent, make_declaration):
    app.config["PAGE_SIZE"] = 2
    first = search_announcements()
    assert [d.id for d in first.items] == [announced[4].id, announced[3].id]
    publish(make_declaration(make_patent(title="一种新公告的装置")))  # newest: would shift an OFFSET page
    second = search_announcements(first.next_cursor)
    third = search_announcements(second.next_cursor)
    assert [d.id for d in second.items + third.items] == [d.id for d in reversed(announced[:3])]
    assert third.next_cursor is None and third.total == 6


def test_api_follows_next_cursor(announced, client, app):
    app.config["PAGE_SIZE"] = 2
    seen, cursor = [], ""
    while True:
        body = client.get("/api/v1/declarations", query_string={"q": "装置", "cursor": cursor}).get_json()
        seen += [item["id"] for item in body["items"]]
        assert body["total"] == 3
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [announced[i].id for i in (2, 1, 0)]


def _b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


BAD_CURSORS = [
    "not a cursor!",
    "e30",  # {} in base64
    _b64([1]),  # one key, two expected
    _b64(["2026-11-25T02:00:00", "7"]),  # id not an integer
    _b64([5, 7]),  # time not a string
    _b64(["yesterday", 7]),
    _b64(["2026-11-25T02:00:00", True]),
    "A" * 201,
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_bad_cursor_is_a_clear_400(announced, client, cursor):
    page = client.get("/announcements", query_string={"cursor": cursor})
    assert page.status_code == 400 and "cursor" in page.get_data(as_text=True)
    api = client.get("/api/v1/declarations", query_string={"cursor": cursor})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad_cursor"


def test_web_pager_links_the_next_page(announced, client, app):
    app.config["PAGE_SIZE"] = 2
    html = client.get("/announcements?q=装置").get_data(as_text=True)
    assert 'rel="next"' in html
    cursor = html.split("cursor=")[1].split("&")[0].split('"')[0]
    last = client.get(f"/announcements?q=装置&cursor={cursor}").get_data(as_text=True)
    assert "自动洗车" not in last and "计量装置" in last and 'rel="next"' not in last


@pytest.mark.parametrize(("word", "dialect", "used"), [
    ("锂离子", "sqlite", "MATCH"),  # three characters: the FTS5 trigram index
    ("电池", "sqlite", "LIKE"),  # two: too short for trigrams, the LIKE fallback
    ("电池", "postgresql", "PATENT_SEARCH_GRAMS"),  # two: the gram index
    ("a", "postgresql", "PATENT_SEARCH_GRAMS"),
    ("锂离子", "postgresql", " LIKE"),  # no letter case: plain LIKE, not the slower ILIKE
    ("abc", "postgresql", "ILIKE"),  # the planner takes the pg_trgm indexes for LIKE and ILIKE itself
])  # fmt: skip
def test_which_path_a_word_takes(app, word, dialect, used):
    from sqlalchemy.dialects import postgresql, sqlite

    from app.declarations import fulltext

    compiled = fulltext.contains(word, dialect).compile(
        dialect=sqlite.dialect() if dialect == "sqlite" else postgresql.dialect()
    )
    assert used in str(compiled).upper()
