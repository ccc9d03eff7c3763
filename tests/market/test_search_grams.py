"""Words of one and two characters through the gram index on PostgreSQL (and every word on SQLite): the same
rows in the same order as the plain substring scan, whatever the word's length or script; the index really
serves the query; counts stop at the cap."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from app.declarations import fulltext
from app.declarations.services import search_announcements
from app.extensions import db
from app.patents.models import Patent
from tests.declarations.helpers import publish

# (title, abstract, publication number, application number, IPC codes): real titles, texts that mix scripts.
PATENTS = [
    ("一种锂离子电池组的热管理系统", "电池包温控", "CN112345678B", "CN202010012345.6", ["H01M", "H01M10"]),
    ("一种电机控制器", "Battery-free PUMP 电机", "CN113000001A", "CN202110000001.X", ["H02K", "H02P"]),
    ("基于人工智能的流体输送系统精确计量方法", "流量计量 50% 电", "CN114000002B", None, ["G01F"]),
    ("一种水电站高压输电线路驱鸟保护装置", "池", "CN115000003B", "CN202210000003.1", ["A01M", "H02G"]),
    ("Pump housing 12", "a_b c", "CN116000004U", "CN202310000004.9", ["F04D"]),
    ("一种废水循环利用的自动洗车装置", "", "CN117000005B", None, []),
]  # fmt: skip

WORDS = [
    # one character: Chinese, Latin of either case, digit, punctuation, a LIKE wildcard
    "池", "电", "鸟", "a", "A", "P", "1", "9", "%", "_", "\\", '"', "[",
    # two characters
    "电池", "电机", "池组", "装置", "pu", "PU", "Pu", "12", "01", "h0", "H0", "CN", "a_", "0%", '"h', 'M"',
    "系统电",  # the end of one column and the start of the next: not a match (each column on its own)
    # three and four characters, numbers, IPC codes
    "锂离子", "离子电池", "pump", "BATTERY-FREE", "h01m", "H01M10", "G01F", "CN11", "CN112345678B",
    "202110000001", "000001.x", "50%",
    # several words: each must match
    "电池 装置", "电 池", "pu 12", "电 h02k", "池 不存在", "不存在的词语",
]  # fmt: skip


@pytest.fixture
def announced(app, make_patent, make_declaration):
    decls = []
    for title, abstract, publication, application, ipc in PATENTS:
        patent = make_patent(title=title, abstract=abstract, publication_number=publication,
                             application_number=application, ipc_codes=ipc)  # fmt: skip
        decls.append(publish(make_declaration(patent)))
    app.config["PAGE_SIZE"] = 50
    return decls


def _scan(announced, q: str) -> list[int]:
    """The case-insensitive substring scan of each searched field, newest first: the behaviour to keep."""

    def fields(decl) -> list[str]:
        p = decl.patent
        texts = [p.title, p.abstract, p.publication_number, p.application_number, json.dumps(p.ipc_codes)]
        return [t.lower() for t in texts if t is not None]

    found = [d for d in announced if all(any(w.lower() in f for f in fields(d)) for w in q.split())]
    return [d.id for d in sorted(found, key=lambda d: (d.published_at, d.id), reverse=True)]


@pytest.mark.parametrize("q", WORDS)
def test_same_rows_and_order_as_the_scan(announced, q):
    page = search_announcements(q=q)
    assert [d.id for d in page.items] == _scan(announced, q), q
    assert (page.total, page.total_exact) == (len(_scan(announced, q)), True)


def test_words_of_every_length_are_covered():
    assert {len(w) for w in WORDS} >= {1, 2, 3, 4}


def test_a_title_edited_to_a_new_two_character_word_is_found(announced):
    patent = announced[5].patent
    assert search_announcements(q="洗涤").items == []
    patent.title = "一种废水循环利用的自动洗涤装置"
    db.session.commit()
    assert [d.id for d in search_announcements(q="洗涤").items] == [announced[5].id]
    assert search_announcements(q="洗车").items == []


def _skip_unless_postgres() -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the gram index is PostgreSQL's; SQLite scans with LIKE for such words")


def test_grams_are_every_one_and_two_character_substring_lowercased(app):
    _skip_unless_postgres()
    grams = db.session.scalar(text("SELECT patent_search_grams('Ab电', NULL, 'x')"))
    assert set(grams) - {"", " "} == {"a", "b", "电", "ab", "b电", "x"}  # none spans two columns


def test_every_patent_has_all_its_grams_in_the_index_expression(announced):
    _skip_unless_postgres()
    for decl in announced:
        p = decl.patent
        texts = [p.title, p.abstract, p.publication_number, p.application_number, json.dumps(p.ipc_codes)]
        wanted = {t[i : i + n].lower() for t in texts if t for n in (1, 2) for i in range(len(t) - n + 1)}
        grams = db.session.scalar(select(fulltext.grams_of_patent()).where(Patent.id == p.id))
        assert {g for g in wanted if " " not in g} <= set(grams), p.title


def test_two_character_words_are_looked_up_in_the_gram_index(announced):
    _skip_unless_postgres()
    query = select(Patent.id).where(fulltext.contains("电池", "postgresql"))
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    db.session.execute(text("SET LOCAL enable_seqscan = off"))  # on 6 rows a scan is cheaper; forbid it
    plan = "\n".join(db.session.scalars(text(f"EXPLAIN {sql}")))
    db.session.rollback()
    assert fulltext.GRAMS_INDEX in plan, plan


def test_the_count_stops_at_the_cap(announced, app, client):
    app.config["COUNT_CAP"] = 2
    page = search_announcements(q="电")  # 4 patents contain 电
    assert (len(page.items), page.total, page.total_exact) == (4, 2, False)
    assert (search_announcements(q="电池").total, search_announcements(q="电池").total_exact) == (1, True)
    html = client.get("/announcements?q=电").get_data(as_text=True)
    assert "超过 2 条公告" in html and "共 2 条公告" not in html
    body = client.get("/api/v1/declarations?q=电").get_json()
    assert (len(body["items"]), body["total"], body["total_exact"]) == (4, 2, False)
    assert client.get("/api/v1/declarations?q=电池").get_json()["total_exact"] is True
