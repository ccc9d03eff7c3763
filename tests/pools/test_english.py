"""In English, pool, alliance and cross-licence pages show no Chinese in labels, headings and buttons."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from app.alliances import services as alliance_svc
from app.auth.models import Role
from app.extensions import db

CJK = re.compile(r"[\u4e00-\u9fff]")
LABEL_TAGS = {"label", "button", "th", "h1", "h2", "h3", "legend", "summary"}


class _Labels(HTMLParser):
    """Collects the text inside label-like elements (not user data such as names in table cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.texts = 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag in LABEL_TAGS

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in LABEL_TAGS and self.depth > 0

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.texts.append(data.strip())


def chinese_labels(html: str) -> list[str]:
    parser = _Labels()
    parser.feed(html)
    return [t for t in parser.texts if CJK.search(t)]


def test_the_parser_finds_chinese_labels():
    assert chinese_labels("<label>专利池名称</label><td>数据</td><th>Name</th>") == ["专利池名称"]


@pytest.fixture
def alliance(operator):
    item = alliance_svc.create_alliance(operator, alliance_svc.AllianceInput(name="Flow metering alliance"))
    db.session.commit()
    return item


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.OPERATOR, "/pools/new"),
        (Role.OPERATOR, "/pools/alliances/new"),
        (Role.OPERATOR, "/pools/alliances/{alliance}"),
        (Role.OPERATOR, "/pools/alliances/{alliance}/cross"),
        (Role.PATENTEE, "/pools/cross/new"),
    ],
)
def test_english_pages_have_no_chinese_labels(client, login, operator, make_user, alliance, role, path):
    login(operator if role is Role.OPERATOR else make_user(role))
    resp = client.get(path.format(alliance=alliance.id) + "?lang=en")
    assert resp.status_code == 200
    assert chinese_labels(resp.get_data(as_text=True)) == []


def test_english_form_errors(client, login, operator):
    login(operator)
    html = client.post("/pools/new?lang=en", data={"name": "", "field_ipc": ""}).get_data(as_text=True)
    assert "Enter the pool's name." in html and "请填写专利池名称" not in html
