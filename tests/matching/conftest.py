"""Fixtures for matching tests: shared resources (shipped static encoder) and a small real corpus."""

from __future__ import annotations

import pytest

from matching import data
from matching.resources import Resources, default_resources
from matching.types import MatchDocument


@pytest.fixture(scope="session")
def resources() -> Resources:
    return default_resources()


@pytest.fixture(scope="session")
def small_docs() -> list[MatchDocument]:
    """300 real dev titles with their IPC subclasses, ids 1000.."""
    titles = data.labelled_titles()[:300]
    return [MatchDocument(1000 + i, t.title, "", t.subclasses) for i, t in enumerate(titles)]
