"""owned(): ensure_owner for an accessor, handing back the row it checked."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.auth.access import owned
from app.auth.models import Role, User
from app.errors import Forbidden


@dataclass
class Row:
    owner_id: int


def _user(user_id: int, role: Role) -> User:
    return User(id=user_id, email=f"u{user_id}@example.cn", password_hash="!", role=role)


def test_owned_hands_back_the_row_to_its_owner_and_an_admin(app: object) -> None:
    row = Row(owner_id=7)
    assert owned(_user(7, Role.PATENTEE), row) is row
    assert owned(_user(8, Role.ADMIN), row) is row


def test_owned_refuses_another_user_naming_the_object(app: object) -> None:
    with pytest.raises(Forbidden) as caught:
        owned(_user(8, Role.PATENTEE), Row(owner_id=7), "专利")
    assert "专利" in caught.value.message
