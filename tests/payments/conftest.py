"""Fixtures of the payment tests: a licence whose lump-sum payment a new enterprise has claimed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from app.auth.models import Role
from tests.payments.helpers import claimed_licence


@pytest.fixture
def licence(app: Flask, make_declaration: Callable[..., Any], make_user: Callable[..., Any]) -> Any:
    return claimed_licence(make_declaration, make_user(Role.ENTERPRISE))
