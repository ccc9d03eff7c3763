"""Shared form pieces: choices, the amount, date, industry and CSV fields, `submit()` for every form or button
POST, and the ways a POST ends: a form page (`form_page`), a post from another page (`post_back`, and
`post_button` for a bare `ButtonForm`), an upload that reports (`import_upload`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar, cast

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response
from wtforms import Field, SelectChoice
from wtforms.widgets import DateInput, TextInput

from app.errors import DomainError
from app.extensions import db
from app.i18n import Labelled
from app.industries import industry_choices
from app.inputs import decimal_problem

T = TypeVar("T")
F = TypeVar("F", bound=FlaskForm)


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs (WTForms 3.3 deprecates bare tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def label_choices(members: Iterable[Labelled], first: Iterable[tuple[str, str]] = ()) -> list[SelectChoice]:
    """SelectField choices from labelled enum members (value, translated label), after the `first` pairs
    (a blank "—" or "any", say)."""
    return choices([*first, *((m.value, _l(m.label)) for m in members)])


def industry_picks() -> list[SelectChoice]:
    """The industry picker's choices (sections and divisions). Given to a field as `choices=industry_picks`,
    it is read when a form first shows or checks them, in the request's language."""
    return choices(industry_choices())


def csv_file(label: str) -> FileField:
    """A required upload of one .csv file."""
    return FileField(
        label,
        validators=[
            FileRequired(message=_l("请选择要上传的文件。")),
            FileAllowed(["csv"], message=_l("只支持 .csv 文件。")),
        ],
    )


def read_upload(upload: FileStorage | None, limit: int) -> tuple[str, bytes]:
    """Name and bytes of an uploaded file ("" and b"" for none). One byte past `limit` is read: enough for
    the service to refuse an oversized file without reading all of it."""
    if upload is None or not upload.filename:
        return "", b""
    return upload.filename, upload.read(limit + 1)


class MoneyField(Field):
    """A decimal amount or percentage typed by a person; a Chinese message when it is not a number."""

    widget = TextInput()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else f"{self.data:.2f}"

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = str(valuelist[0]).replace(",", "").replace("，", "").strip() if valuelist else ""
        if not raw:
            self.data = None
            return
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.data = None
            raise ValueError(_("请输入数字，例如 50000.00。")) from None
        problem = decimal_problem(value)
        if problem:
            self.data = None
            raise ValueError(problem)
        self.data = value


class DayField(Field):
    """A calendar date (YYYY-MM-DD) with a Chinese message when malformed."""

    widget = DateInput()

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return self.data.isoformat() if isinstance(self.data, date) else ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = str(valuelist[0]).strip() if valuelist else ""
        if not raw:
            self.data = None
            return
        try:
            self.data = date.fromisoformat(raw)
        except ValueError:
            self.data = None
            raise ValueError(_("日期格式应为 YYYY-MM-DD。")) from None


class ButtonForm(FlaskForm):
    """A button that posts: no fields, only the CSRF token."""


def place_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Put a refusal's field errors on the form's fields of those names."""
    for name, message in fields.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]


@dataclass(frozen=True)
class Submitted(Generic[T]):
    """What one user action came to: the service's result (when `ok`) or the DomainError that refused it."""

    result: T
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def submit(
    action: Callable[[], T],
    form: FlaskForm | None = None,
    *,
    success: str | Callable[[T], str] | None = None,
    refused: str | None = None,
    error_pages: bool = False,
    list_fields: bool = False,
) -> Submitted[T]:
    """Run one user action as one transaction: commit when the service call succeeds, else roll back.

    On success `success` (or `success(result)`) is flashed. A refusal (DomainError) is shown as today's pages
    do: its field errors go on `form` (when given) and its message (or `refused`, when the page lists the
    details itself) is flashed; with `list_fields`, followed by its field messages (for a page that
    redirects and so never shows the form). With `error_pages`, a 403 or 404 refusal is raised for the error
    page instead.
    """
    try:
        result = action()
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        if error_pages and err.status in (403, 404):
            raise
        if form is not None:
            place_errors(form, err.fields)
        message = refused or err.message
        flash(" ".join([message, *err.fields.values()]) if list_fields else message, "error")
        return Submitted(cast(T, None), err)
    if success:
        flash(success(result) if callable(success) else success, "success")
    return Submitted(result)


def form_messages(form: FlaskForm) -> list[str]:
    """Every validation message of the form, field by field."""
    return [str(message) for errors in form.errors.values() for message in errors]


def form_page(
    form: F,
    action: Callable[[F], T],
    then: str | Callable[[T], str],
    template: str,
    *,
    success: str | Callable[[T], str] | None = None,
    **context: Any,
) -> str | Response:
    """A page with a form. A valid POST runs `action(form)` with submit() and, once it succeeded, redirects to
    `then` (or `then(result)`); a GET, invalid input or a refusal renders `template` with the form and
    `context`."""
    if form.validate_on_submit():
        done = submit(lambda: action(form), form, success=success)
        if done.ok:
            return redirect(then(done.result) if callable(then) else then)
    return render_template(template, form=form, **context)


def post_back(
    form: F,
    action: Callable[[F], T],
    back_to: str,
    *,
    invalid: str | Callable[[F], list[str]],
    success: str | Callable[[T], str] | None = None,
    error_pages: bool = False,
    list_fields: bool = False,
) -> Response:
    """A form or button posted from another page: when the form is valid `action(form)` runs with submit(),
    else `invalid` is flashed (a message, or a function of the form giving the messages); either way the user
    goes back to `back_to`."""
    if form.validate_on_submit():
        submit(lambda: action(form), success=success, error_pages=error_pages, list_fields=list_fields)
    else:
        for message in [invalid] if isinstance(invalid, str) else invalid(form):
            flash(message, "error")
    return redirect(back_to)


def post_button(action: Callable[[], object], message: str, back_to: str) -> Response:
    """A button posted from another page (CSRF-checked): run `action` with submit(), flash `message`, go back
    to `back_to`."""
    return post_back(
        ButtonForm(), lambda _form: action(), back_to, invalid=_("表单已过期，请重试。"), success=message
    )


def import_upload(
    form: FlaskForm, limit: int, run: Callable[[str, bytes], T], summary: Callable[[T], str]
) -> T | None:
    """An upload form's POST: read its `file` (up to `limit` bytes), run the import with submit() and flash
    the report's `summary`; the report, or None for a GET, invalid input or a refusal."""
    if not form.validate_on_submit():
        return None
    name, content = read_upload(form.file.data, limit)
    done = submit(lambda: run(name, content), form)
    if not done.ok:
        return None
    flash(summary(done.result), "info")
    return done.result
