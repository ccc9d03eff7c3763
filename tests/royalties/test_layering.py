"""The README's layering rule: app/integrations is the only part of app/ that calls matching/ and royalties/.

Elsewhere app/ may import only their value types and errors (the modules below); the test reads every
module's imports with ``ast``, wherever they stand. An import under ``if TYPE_CHECKING:`` only names a type
in an annotation (never runs) and is allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.imports import imported_names

ROOT = Path(__file__).resolve().parents[2]
VALUE_MODULES = ("matching.types", "royalties.types", "royalties.errors")
PURE_PACKAGES = ("matching", "royalties")


def forbidden_imports(source: str, module: str = "app.module") -> list[str]:
    """Dotted names imported from matching/ or royalties/ other than their value types."""
    pure = [n for n in imported_names(source, module) if n.split(".")[0] in PURE_PACKAGES]
    return [n for n in pure if not any(n == m or n.startswith(m + ".") for m in VALUE_MODULES)]


def test_only_integrations_call_matching_and_royalties() -> None:
    outside = [p for p in sorted((ROOT / "app").rglob("*.py")) if "integrations" not in p.parts]
    assert len(outside) > 50
    bad = {
        str(p.relative_to(ROOT)): found
        for p in outside
        if (found := forbidden_imports(p.read_text(encoding="utf-8")))
    }
    assert not bad, f"route these through app/integrations: {bad}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from royalties.types import FeeStandard", []),
        ("from royalties.errors import EstimateInputError", []),
        ("from matching.types import MatchQuery", []),
        ("from matching import types", []),
        ("from royalties.estimate import estimate", ["royalties.estimate.estimate"]),
        ("import matching.matcher", ["matching.matcher"]),
        ("from matching import train", ["matching.train"]),
        ("def f():\n    from royalties import running", ["royalties.running"]),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from matching.matcher import Matcher", []),
        ("from app.integrations import royalties", []),
        ("import matchingx", []),
    ],
)
def test_forbidden_imports(source: str, expected: list[str]) -> None:
    assert forbidden_imports(source) == expected
