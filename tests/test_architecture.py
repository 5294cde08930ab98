"""The house rules a test can keep: every module lives in a room by job, rooms
import only rooms below them (no import climbs back up), no import circles among
linkprospector/, spiders/ and pipelines/ (lazy imports count), and the pure judgement and
page-reading rooms import neither Scrapy nor the storage layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

ROOMS = ("linkprospector", "spiders", "pipelines")
#: Rooms from the bottom up: a module may import its own room and the rooms below it.
LAYERS = (
    ("linkprospector.clock", "linkprospector.config", "linkprospector.items", "linkprospector"),
    ("linkprospector.reading",),
    ("linkprospector.inputs",),
    ("linkprospector.discovery",),
    ("linkprospector.judge",),
    ("linkprospector.store",),
    ("linkprospector.crawl",),
    ("linkprospector.middlewares",),
    ("spiders", "pipelines", "linkprospector.outreach"),
    ("linkprospector.report",),
    ("linkprospector.cluster",),
    ("linkprospector.nightly", "linkprospector.demo"),
    ("linkprospector.cli", "linkprospector.commands", "linkprospector.settings"),
    ("linkprospector.__main__",),
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}
#: The top of the package holds only these modules; everything else is in a room.
TOP_LEVEL = {"linkprospector", "linkprospector.clock", "linkprospector.config",
             "linkprospector.items", "linkprospector.settings",
             "linkprospector.__main__"}  # fmt: skip
#: Judgement and page reading: data in, data out.
PURE_ROOMS = (
    "linkprospector.judge",
    "linkprospector.reading",
    "linkprospector.inputs",
    "linkprospector.discovery",
)
FORBIDDEN_IN_PURE = ("scrapy", "twisted", "sqlite_utils", "linkprospector.store")


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


def room_of(name: str) -> str:
    return max((room for room in RANK if name == room or name.startswith(room + ".")), key=len)


def pure_modules() -> list[str]:
    return [n for n in modules() if any(n.startswith(room + ".") for room in PURE_ROOMS)]


def test_every_module_is_in_a_room():
    loose = {
        name
        for name, path in modules().items()
        if name.count(".") == 1 and name.startswith("linkprospector.") and path.stem != "__init__"
    }
    assert loose <= TOP_LEVEL, f"move into a room by job: {sorted(loose - TOP_LEVEL)}"


def test_rooms_have_a_docstring_saying_what_lives_there():
    for room in RANK:
        init = ROOT.joinpath(*room.split("."), "__init__.py")
        if init.exists() and room not in ("linkprospector",):
            assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), room


def test_no_import_climbs_back_up():
    mods = modules()
    climbs = []
    for name, path in mods.items():
        here = room_of(name)
        for dep in imports_of(name, path) & set(mods) - {name}:
            there = room_of(dep)
            if there != here and RANK[there] >= RANK[here] and there != "linkprospector":
                climbs.append(f"{name} ({here}) imports {dep} ({there})")
    assert not climbs, "\n".join(sorted(climbs))


def test_the_pure_rooms_are_not_empty():
    assert len(pure_modules()) >= 14


@pytest.mark.parametrize("name", pure_modules())
def test_pure_modules_import_no_scrapy_and_no_storage(name):
    path = modules()[name]
    bad = {
        imported
        for imported in imports_of(name, path)
        if any(imported == f or imported.startswith(f + ".") for f in FORBIDDEN_IN_PURE)
    }
    assert not bad, f"{name} imports {sorted(bad)}"


def test_no_module_over_about_400_lines():
    """Files with one job."""
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, long


def test_comments_say_why_not_which_issue():
    """A newcomer has no tracker at hand: code and tests explain themselves."""
    import re

    reference = re.compile(r"\b[Ii]ssues? #?\d+")
    offenders = []
    for folder in (*ROOMS, "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if reference.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "\n".join(offenders)
