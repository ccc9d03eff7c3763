"""The README's "What is where" lists every domain package of app/, and nothing that is not there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _listed() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## What is where", 1)[1].split("```")[1]
    return set(re.findall(r"^  ([a-z_]+)/", block, flags=re.M))


def _packages() -> set[str]:
    return {p.parent.name for p in (ROOT / "app").glob("*/__init__.py")}


def test_readme_lists_every_app_package() -> None:
    assert _packages() - _listed() == set()


def test_readme_lists_no_missing_package() -> None:
    assert _listed() - _packages() == set()
