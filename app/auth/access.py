"""Login and role checks for views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar, cast

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.models import Role, User
from app.errors import Forbidden
from app.i18n import N_

F = TypeVar("F", bound=Callable[..., Any])


def viewer() -> User | None:
    """The signed-in user, or None for a visitor (pages anyone may see)."""
    return current_user if current_user.is_authenticated else None


def role_required(*roles: Role) -> Callable[[F], F]:
    """Logged-in users with one of `roles` (admins always pass); others get 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorator


def ensure_owner(actor: User, owner_id: int, what: str = N_("对象")) -> None:
    """Services call this before changing an object: only its owner (or an admin) may."""
    if not actor.can_manage(owner_id):
        raise Forbidden(_("您无权操作此%(what)s。", what=_(what)))


class Owned(Protocol):
    @property
    def owner_id(self) -> int: ...


OwnedT = TypeVar("OwnedT", bound=Owned)


def owned(actor: User, row: OwnedT, what: str = N_("对象")) -> OwnedT:
    """`row` when the actor owns it (or is an admin), else Forbidden: ensure_owner for an accessor."""
    ensure_owner(actor, row.owner_id, what)
    return row
