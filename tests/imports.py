"""Reading a module's imports with ``ast``, for the import-graph and layering tests."""

from __future__ import annotations

import ast


def _under_type_checking(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def imported_names(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every dotted name `module` imports, wherever the import stands (inside functions too), relative ones
    made absolute; imports under ``if TYPE_CHECKING:`` are left out (they never run)."""
    tree = ast.parse(source)
    skipped = _under_type_checking(tree)
    names: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            names += [f"{base}.{alias.name}" for alias in node.names]
    return names
