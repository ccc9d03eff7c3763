"""User.can_manage: the one owner-or-admin check, and ensure_owner built on it."""

from __future__ import annotations

import pytest

from app.auth.access import ensure_owner
from app.auth.models import Role, User
from app.errors import Forbidden


def _user(user_id: int, role: Role) -> User:
    return User(id=user_id, email=f"u{user_id}@example.cn", password_hash="!", role=role)


@pytest.mark.parametrize(
    ("role", "owner", "allowed"),
    [
        (Role.PATENTEE, 7, True),  # its own id
        (Role.PATENTEE, "self", True),  # itself, as a user
        (Role.PATENTEE, 8, False),
        (Role.ENTERPRISE, 8, False),
        (Role.OPERATOR, 8, False),  # an operation centre manages its own objects only
        (Role.ADMIN, 8, True),
        (Role.ADMIN, None, True),
        (Role.PATENTEE, None, False),  # an object without an owner belongs to nobody
    ],
)
def test_can_manage(role: Role, owner: int | str | None, allowed: bool) -> None:
    actor = _user(7, role)
    assert actor.can_manage(actor if owner == "self" else owner) is allowed


def test_can_manage_takes_another_user() -> None:
    assert not _user(7, Role.PATENTEE).can_manage(_user(8, Role.PATENTEE))


@pytest.mark.parametrize(("role", "refused"), [(Role.PATENTEE, True), (Role.ADMIN, False)])
def test_ensure_owner_refuses_whom_can_manage_refuses(app: object, role: Role, refused: bool) -> None:
    actor = _user(7, role)
    if refused:
        with pytest.raises(Forbidden):
            ensure_owner(actor, 8)
    else:
        ensure_owner(actor, 8)
