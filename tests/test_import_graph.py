"""No import circle among the modules of app/, matching/ and royalties/.

The graph is built statically with ``ast``: an edge A -> B for every ``import`` / ``from ... import`` in
module A that names module B (or a name defined in B's package ``__init__``), wherever it stands: at module
level and inside functions too, because a deferred import only hides a circle, it does not remove it. Imports
under ``if TYPE_CHECKING:`` are left out (they never run). Being inside a package is not an edge: Python runs
``app/x/__init__.py`` before ``app/x/y.py``, but that is containment, not an import the module makes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.imports import imported_names

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "matching", "royalties")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The longest prefix of a dotted name that is one of our modules (``app.x.f`` -> ``app.x``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    names = imported_names(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    found = {_known(n, modules) for n in names}
    return {m for m in found if m and m != module}


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {m: imports_of(m, p, modules) for m, p in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle as a path ``[a, b, ..., a]``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


def test_no_import_circle() -> None:
    graph = import_graph()
    assert len(graph) > 100 and graph["app"]  # the walk found the code
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": {"b2", "c"}, "b2": set(), "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"c"}, "b": {"c"}, "c": set()}, None),  # a diamond is not a circle
    ],
)
def test_find_cycle(graph: dict[str, set[str]], expected: list[str] | None) -> None:
    assert find_cycle(graph) == expected


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("app.x.y", "from app.x import z", {"app.x.z"}),
        ("app.x.y", "from app.x import bp", {"app.x"}),
        ("app.x.y", "from . import z", {"app.x.z"}),
        ("app.x.y", "from .. import db", {"app.db"}),
        ("app.x.y", "def f():\n    import app.db", {"app.db"}),
        ("app.x.y", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.x import z", set()),
        ("app.x.y", "import numpy", set()),
    ],
)
def test_imports_of(tmp_path: Path, module: str, source: str, expected: set[str]) -> None:
    modules = {m: Path(m) for m in ("app", "app.db", "app.x", "app.x.y", "app.x.z")}
    path = tmp_path / "y.py"
    path.write_text(source, encoding="utf-8")
    assert imports_of(module, path, modules) == expected
