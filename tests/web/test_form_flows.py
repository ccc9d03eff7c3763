"""The shared ways a POST ends (app/forms.py): submit(), form_page(), post_back(), import_upload(); and the
shared fields and the reminder command group."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import SelectChoice, StringField
from wtforms.validators import DataRequired

from app import forms
from app.alliances.forms import AllianceForm
from app.errors import NotFound, ValidationFailed
from app.fees.forms import FeeImportForm
from app.reminders.delivery import remind_group


class NameForm(FlaskForm):
    name = StringField(validators=[DataRequired(message="name missing")])


def refuse(*_args: Any) -> None:
    raise ValidationFailed("refused", {"name": "taken", "other": "too late"})


def flashed() -> list[tuple[str, str]]:
    return get_flashed_messages(with_categories=True)


def test_submit_flashes_a_success_made_from_the_result(app):
    with app.test_request_context():
        done = forms.submit(lambda: 3, success=lambda n: f"{n} done")
        assert done.ok and done.result == 3
        assert flashed() == [("success", "3 done")]


@pytest.mark.parametrize(("list_fields", "message"), [(False, "refused"), (True, "refused taken too late")])
def test_submit_lists_the_field_messages_only_when_asked(app, list_fields, message):
    with app.test_request_context():
        done = forms.submit(refuse, list_fields=list_fields)
        assert not done.ok and done.result is None
        assert flashed() == [("error", message)]


def test_post_back_runs_the_action_with_the_valid_form(app):
    with app.test_request_context(method="POST", data={"name": "甲"}):
        response = forms.post_back(
            NameForm(),
            lambda form: form.name.data,
            "/back",
            invalid="never",
            success=lambda name: name + " ok",
        )
        assert response.status_code == 302 and response.location == "/back"
        assert flashed() == [("success", "甲 ok")]


@pytest.mark.parametrize(
    ("invalid", "messages"),
    [("fill it in", [("error", "fill it in")]), (forms.form_messages, [("error", "name missing")])],
)
def test_post_back_flashes_why_an_invalid_form_was_not_run(app, invalid, messages):
    ran = []
    with app.test_request_context(method="POST", data={}):
        response = forms.post_back(NameForm(), ran.append, "/back", invalid=invalid)
        assert response.location == "/back" and ran == []
        assert flashed() == messages


def test_post_back_leaves_a_404_to_the_error_page_when_asked(app):
    def missing(_form: NameForm) -> None:
        raise NotFound("gone")

    with app.test_request_context(method="POST", data={"name": "甲"}), pytest.raises(NotFound):
        forms.post_back(NameForm(), missing, "/back", invalid="never", error_pages=True)


@pytest.fixture
def rendered(monkeypatch) -> list[tuple[str, dict[str, Any]]]:
    pages: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(
        forms, "render_template", lambda name, **context: pages.append((name, context)) or name
    )
    return pages


def test_form_page_shows_the_form_on_a_get(app, rendered):
    with app.test_request_context(method="GET"):
        form = NameForm()
        assert forms.form_page(form, refuse, "/next", "page.html", thing=1) == "page.html"
    assert rendered == [("page.html", {"form": form, "thing": 1})]


@pytest.mark.parametrize(
    ("then", "location"), [("/fixed", "/fixed"), (lambda name: f"/made/{name}", "/made/乙")]
)
def test_form_page_redirects_once_the_action_succeeded(app, rendered, then, location):
    with app.test_request_context(method="POST", data={"name": "乙"}):
        response = forms.form_page(
            NameForm(), lambda form: form.name.data, then, "page.html", success="saved"
        )
        assert response.location == location
        assert flashed() == [("success", "saved")]
    assert rendered == []


def test_form_page_shows_a_refusal_on_the_form(app, rendered):
    with app.test_request_context(method="POST", data={"name": "乙"}):
        form = NameForm()
        assert forms.form_page(form, refuse, "/next", "page.html") == "page.html"
        assert form.name.errors == ["taken"]
        assert flashed() == [("error", "refused")]


def test_import_upload_runs_the_file_and_flashes_its_summary(app):
    upload = FileStorage(io.BytesIO(b"a,b\n"), filename="rows.csv")
    with app.test_request_context(method="POST", data={"file": upload}):
        report = forms.import_upload(
            FeeImportForm(), 100, lambda name, content: (name, content), lambda r: f"{r[0]} read"
        )
        assert report == ("rows.csv", b"a,b\n")
        assert flashed() == [("info", "rows.csv read")]


def test_import_upload_reports_nothing_for_a_refused_file(app):
    upload = FileStorage(io.BytesIO(b"a,b\n"), filename="rows.csv")
    with app.test_request_context(method="POST", data={"file": upload}):
        assert forms.import_upload(FeeImportForm(), 100, refuse, str) is None
        assert flashed() == [("error", "refused")]


def test_csv_file_refuses_other_files(app):
    upload = FileStorage(io.BytesIO(b"x"), filename="rows.xlsx")
    with app.test_request_context(method="POST", data={"file": upload}):
        form = FeeImportForm()
        assert not form.validate()
        assert form.file.errors == ["只支持 .csv 文件。"]


def test_industry_picks_are_read_when_the_form_is(app):
    with app.test_request_context():
        picks = AllianceForm().industry_codes.choices
    assert picks and all(isinstance(p, SelectChoice) for p in picks)
    assert any(p.value == "C" for p in picks)


def test_remind_group_holds_one_remind_command_with_its_help():
    group = remind_group("things", "Things.", list, "Remind of things.")
    assert group.help == "Things."
    assert list(group.commands) == ["remind"]
    assert group.commands["remind"].help == "Remind of things."
