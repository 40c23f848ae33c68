"""The layer rules of docs/architecture.md, read from the code's own imports.

Lower layers never import higher ones, and no two modules import each other at run time
(imports under `if TYPE_CHECKING:` are for types only and do not count).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("storage", "sandbox", "office", "notifications", "bot", "bench")
# What each package may import of ours, bottom to top.
ALLOWED: dict[str, set[str]] = {
    "storage": set(),
    "sandbox": set(),
    "office": {"storage"},
    "notifications": {"office", "storage"},
    "bot": {"office", "storage", "notifications", "sandbox"},
    "bench": {"office", "storage", "notifications", "sandbox", "bot"},
}


def module_name(path: Path) -> str:
    """`bot/handlers/applicant.py` → `bot.handlers.applicant`."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of ours, by dotted name."""
    return {module_name(path): path for package in PACKAGES
            for path in sorted((ROOT / package).rglob("*.py"))}


def is_type_checking(node: ast.If) -> bool:
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(tree: ast.AST, importer: str, known: set[str]) -> Iterator[str]:
    """The modules of ours that `importer` imports when it runs (not type-only)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = importer.split(".")[: -node.level]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                # `from bot import data` may name a module or an attribute of the package.
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
        stack.extend(ast.iter_child_nodes(node))


def graph() -> dict[str, set[str]]:
    """Which module of ours imports which, at run time."""
    known = modules()
    names = set(known)
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[name] = {target for target in runtime_imports(tree, name, names)
                       if target in names and target != name}
    return edges


def test_packages_import_only_downwards() -> None:
    wrong = sorted(f"{importer} imports {target}"
                   for importer, targets in graph().items() for target in targets
                   if (top := importer.split(".")[0]) != (below := target.split(".")[0])
                   and below not in ALLOWED[top])
    assert wrong == []


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_cycle_finder_sees_a_cycle(edges: dict[str, set[str]],
                                   expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_type_only_imports_do_not_count() -> None:
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import b\n")
    assert list(runtime_imports(tree, "a", {"a", "b"})) == ["typing"]
