"""create_once: a row refused by a unique constraint gives the existing one, or the stated refusal."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth.models import Role, User
from app.errors import ValidationFailed
from app.extensions import db
from app.savepoint import create_once
from tests.rows import count


def _user(email: str) -> User:
    user = User(email=email, password_hash="x", role=Role.ENTERPRISE)
    db.session.add(user)
    db.session.flush()
    return user


def _by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def test_new_row_is_created(app):
    user, created = create_once(lambda: _user("a@example.cn"), lambda: None)
    assert created and user.id and _by_email("a@example.cn") is user


def test_refused_duplicate_gives_the_existing_row_and_keeps_the_session(app):
    first = _user("a@example.cn")
    again, created = create_once(lambda: _user("a@example.cn"), lambda: _by_email("a@example.cn"))
    assert not created and again is first
    assert count(User) == 1  # only the savepoint was rolled back


def test_refusal_without_an_existing_row(app):
    _user("a@example.cn")
    refused = ValidationFailed("taken", {"payment_reference": "taken"})
    with pytest.raises(ValidationFailed) as caught:
        create_once(lambda: _user("a@example.cn"), lambda: None, refused)
    assert caught.value is refused and caught.value.__suppress_context__
    with pytest.raises(IntegrityError):
        create_once(lambda: _user("a@example.cn"), lambda: None)
    assert count(User) == 1
