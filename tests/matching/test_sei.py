"""Strategic emerging industries from IPC codes, checked by hand against data/sei2021_ipc.jsonl."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.sei import SeiTable

TABLE = SeiTable.from_jsonl(Path(__file__).resolve().parents[2] / "data" / "sei2021_ipc.jsonl")


@pytest.mark.parametrize(
    ("ipc", "expected"),
    [
        # G06F11* (1.1) without its exclusions 11/14 and 11/36; 11/14 itself is listed exactly under 1.2.
        ("G06F 11/30", [("1.1", "G06F11*")]),
        ("G06F 11/14", [("1.2", "G06F11/14")]),
        ("G06F 11/1402", []),  # excluded from G06F11* as 11/14's subtree; 1.2 lists only 11/14 itself
        ("G06F 11/36", [("1.3", "G06F11/36")]),
        # G06F* (1.1) excludes G06F9/44, G06F9/50 ...; those are listed exactly elsewhere.
        ("G06F 9/44", [("1.5", "G06F9/44")]),
        ("G06F 9/50", [("1.4", "G06F9/50")]),
        ("G06F 16/182", [("1.4", "G06F16/182")]),
        # An exact subgroup matches itself only.
        ("H04L 27/26", [("1.1", "H04L27/26")]),
        ("H04L 27/2601", []),
        # B41J* (1.1) excludes the main group B41J2*, which is its own row under 2.1.
        ("B41J 2/01", [("2.1", "B41J2*")]),
        ("B41J 3/00", [("1.1", "B41J*")]),
        ("H01M 10/0525", [("5.2", "H01M10/0525")]),
        ("C08L 23/06", [("3.3", "C08L23*")]),
        ("H02J 3/38", [("6.2", "H02J3/38")]),
        # A class-level row (G16*, narrowed by exclusions) and a whole-subclass row (G16H).
        ("G16H 50/20", [("1.3", "G16*"), ("1.5", "G16H")]),
        ("H03M 13/00", [("1.2", "H03M*"), ("1.3", "H03M13")]),
        # Every listed subgroup of A01H1* is also excluded from it.
        ("A01H 1/04", []),
        # Recorded at subclass level only: whole-subclass rows without exclusions count, others cannot.
        ("G16H", [("1.5", "G16H")]),
        ("G01D", []),
        ("B41J", []),
    ],
)
def test_codes_checked_by_hand(ipc: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.code, m.pattern) for m in TABLE.classify([ipc])] == expected


def test_each_industry_once_with_its_name_and_evidence() -> None:
    matches = TABLE.classify(["G06F 11/30", "G06F 21/10", "H02J 3/38", "not a code", ""])
    assert [m.code for m in matches] == ["1.1", "6.2"]
    first = matches[0]
    assert (first.name, first.ipc_code, first.pattern) == ("下一代信息网络产业", "G06F 11/30", "G06F11*")
    assert first.rule_id.startswith("SEI2021-1.1")


def test_codes_are_normalised() -> None:
    assert [(m.code, m.pattern) for m in TABLE.classify(["g06f11/30"])] == [("1.1", "G06F11*")]


def test_the_table_covers_the_forty_industries() -> None:
    assert len(TABLE.names) == 40


def test_patent_json_and_page_show_the_industries(client, make_patent, auth_headers, login):
    patent = make_patent(ipc_codes=["H02J 3/38", "G06F 11/30"])
    data = client.get(f"/api/v1/patents/{patent.id}", headers=auth_headers(patent.owner)).get_json()
    assert data["sei"] == [{"code": "1.1", "name": "下一代信息网络产业"}, {"code": "6.2", "name": "风能产业"}]
    html = login(patent.owner).get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "6.2 风能产业" in html and "H02J 3/38" in html and "H02J3/38" in html
