"""The house rules a test can keep (issue 12, in part): no import circles among
linkprospector/, spiders/ and pipelines/ (lazy imports count), and the pure judgement and
page-reading modules import neither Scrapy nor the storage layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

ROOMS = ("linkprospector", "spiders", "pipelines")
#: Judgement and page reading: data in, data out.
PURE = (
    "linkprospector.verdicts",
    "linkprospector.signatures",
    "linkprospector.soft404",
    "linkprospector.soft404_words",
    "linkprospector.main_content",
    "linkprospector.network_health",
    "linkprospector.script_links",
    "linkprospector.rendering",
    "linkprospector.scoring",
    "linkprospector.link_structure",
    "linkprospector.urls",
    "linkprospector.extract",
    "linkprospector.netguard",
    "linkprospector.tlscheck",
)
FORBIDDEN_IN_PURE = ("scrapy", "twisted", "sqlite_utils", "linkprospector.storage")


def modules() -> dict[str, Path]:
    found = {}
    for room in ROOMS:
        for path in sorted((ROOT / room).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """Every module named by an import statement anywhere in the file (lazy ones too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_no_import_circles():
    mods = modules()
    graph = {name: imports_of(name, path) & set(mods) - {name} for name, path in mods.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep) :] + [dep]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_no_scrapy_and_no_storage(name):
    path = modules()[name]
    bad = {
        imported
        for imported in imports_of(name, path)
        if any(imported == f or imported.startswith(f + ".") for f in FORBIDDEN_IN_PURE)
    }
    assert not bad, f"{name} imports {sorted(bad)}"
