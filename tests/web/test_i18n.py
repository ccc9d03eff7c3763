"""The English switch: the catalogue is complete and compiles; ?lang=en|zh picks the session language."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import refresh

from app.auth.models import Role
from tests.conftest import PASSWORD

LC_MESSAGES = Path(__file__).resolve().parents[2] / "app" / "translations" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "messages.po"
MO = LC_MESSAGES / "messages.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")
CJK = re.compile(r"[\u4e00-\u9fff]")


def page(client, url: str, **form: str) -> str:
    """GET (or POST form) a page, forgetting the cached locale first.

    The `app` fixture keeps one app context for the whole test and Flask-Babel caches the locale in `g`;
    in production every request starts without it.
    """
    refresh()
    resp = client.post(url, data=form) if form else client.get(url)
    return resp.get_data(as_text=True)


def load_catalogue():  # type: ignore[no-untyped-def]
    with PO.open("rb") as fh:
        return read_po(fh, locale="en")


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogue() -> None:
    """`make install` compiles the .mo; compile it here too if it is missing or stale (plain `pytest`)."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        with MO.open("wb") as fh:
            write_mo(fh, load_catalogue())


def test_catalogue_compiles_without_format_errors() -> None:
    catalogue = load_catalogue()
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalogue.check()]
    assert problems == []
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    assert buffer.getvalue()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # the GNU .mo magic number


def test_every_msgid_has_an_english_translation() -> None:
    messages = [m for m in load_catalogue() if m.id]
    assert len(messages) > 500
    untranslated = [m.id for m in messages if not m.string or m.fuzzy]
    assert untranslated == []
    still_chinese = [m.id for m in messages if CJK.search(m.string)]
    assert still_chinese == []


def test_translations_keep_every_placeholder() -> None:
    broken = [
        (m.id, m.string)
        for m in load_catalogue()
        if m.id and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert broken == []


@pytest.mark.parametrize(
    "url, english, chinese",
    [
        ("/", '<a class="brand" href="/">Open Licence Exchange</a>', "让专利开放许可真正用起来"),
        ("/auth/login", "<h1>Log in</h1>", "<h1>登录</h1>"),
        ("/announcements", "<h1>Open licence announcements</h1>", "<h1>开放许可公告</h1>"),
    ],
)
def test_pages_switch_to_english_and_back(client, url: str, english: str, chinese: str) -> None:
    default = page(client, url)
    assert chinese in default and english not in default

    html = page(client, f"{url}?lang=en")
    assert english in html and chinese not in html
    assert '<html lang="en">' in html

    again = page(client, url)  # the choice is kept in the session
    assert english in again

    back = page(client, f"{url}?lang=zh")
    assert chinese in back and english not in back
    assert chinese in page(client, url)


def test_unknown_language_falls_back_to_chinese(client) -> None:
    html = page(client, "/auth/login?lang=fr")
    assert "<h1>登录</h1>" in html


@pytest.mark.parametrize(
    "lang, message",
    [("zh", "邮箱或密码不正确。"), ("en", "Incorrect email or password.")],
)
def test_messages_from_views_follow_the_language(client, make_user, lang: str, message: str) -> None:
    user = make_user(Role.ENTERPRISE)
    page(client, f"/?lang={lang}")
    html = page(client, "/auth/login", email=user.email, password=PASSWORD + "x")
    assert message in html


def test_labels_kept_as_chinese_data_are_shown_in_english(client, make_user, login) -> None:
    """Role and navigation labels stay Chinese in Python (N_) and are translated where they are shown."""
    user = make_user(Role.PATENTEE)
    login(user)
    chinese = page(client, "/dashboard")
    assert "我的专利" in chinese and "（专利权人）" in chinese
    english = page(client, "/dashboard?lang=en")
    assert ">My patents</a>" in english and " (Patentee)</a>" in english
    assert user.role.label == "专利权人"


def test_form_labels_and_choices_are_translated(client) -> None:
    html = page(client, "/announcements?lang=en")
    assert '<option value="invention">Invention</option>' in html
    assert '<option value="lump_sum">Lump sum</option>' in html
    zh = page(client, "/announcements?lang=zh")
    assert '<option value="invention">发明</option>' in zh
