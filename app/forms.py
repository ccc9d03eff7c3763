"""Shared form pieces."""

from __future__ import annotations

from collections.abc import Iterable

from flask import flash
from flask_wtf import FlaskForm
from wtforms import SelectChoice

from app.errors import DomainError
from app.extensions import db


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs (WTForms 3.3 deprecates bare tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def show_domain_error(form: FlaskForm, err: DomainError) -> None:
    """A service refused: undo the transaction, put its field errors on the form and flash its message."""
    db.session.rollback()
    for name, message in err.fields.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
    flash(err.message, "error")
