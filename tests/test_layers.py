"""The import graph of ``src/inspectcli``: no circle between modules, and no package that
imports one of a layer above its own. Every import counts: at the top of a module, inside
a function, or only for the type checker."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "inspectcli"

# From the bottom up: a module may import from its own layer or one below it. A module
# belongs to the layer of the longest name below that names it or a package holding it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "inspectcli",
            "inspectcli.i18n",
            "inspectcli.messages",
            "inspectcli.problems",
            "inspectcli.redact",
        ),
    ),
    ("model", ("inspectcli.model",)),
    ("files", ("inspectcli.repo", "inspectcli.output", "inspectcli.presets")),
    ("rules", ("inspectcli.checks", "inspectcli.calendar", "inspectcli.sampling")),
    ("pipeline", ("inspectcli.pipeline",)),
    (
        "commands",
        (
            "inspectcli.__main__",
            "inspectcli.cli",
            "inspectcli.deadlines",
            "inspectcli.render",
            "inspectcli.report",
            "inspectcli.scaffold",
            "inspectcli.tracking",
            "inspectcli.sheets",
            "inspectcli.web",
            # `inspect sample` itself: the rest of sampling is method and rules.
            "inspectcli.sampling.run",
            # The catalogue tool reads the commands' help texts to extract them.
            "inspectcli.i18n.__main__",
            "inspectcli.i18n.tools",
        ),
    ),
)


class Edge(NamedTuple):
    source: str
    target: str
    where: str  # file:line of the import


def modules(src: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` below ``src`` by dotted name (a package by its own)."""
    found: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _target(known: dict[str, Path], name: str) -> str | None:
    """The module ``name`` loads: itself, or the nearest package that holds the name."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _imported(node: ast.AST, here: str, is_package: bool) -> Iterator[str]:
    """The dotted names one import statement asks for (``from a import b`` asks for
    ``a.b``, which is the module ``a.b`` or a name inside ``a``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = here.split(".") if is_package else here.split(".")[:-1]
            parts = parts[: len(parts) - node.level + 1]
            base = ".".join([*parts, base] if base else parts)
        yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(src: Path, package: str) -> dict[str, list[Edge]]:
    """Module → the imports of other modules of ``package`` it makes, anywhere in it."""
    known = modules(src, package)
    graph: dict[str, list[Edge]] = {}
    for name, path in known.items():
        edges: dict[str, Edge] = {}
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for wanted in _imported(node, name, is_package):
                target = _target(known, wanted)
                if target is None or target == name or target in edges:
                    continue
                line = getattr(node, "lineno", 0)
                where = f"{path.relative_to(src).as_posix()}:{line}"
                edges[target] = Edge(name, target, where)
        graph[name] = sorted(edges.values())
    return graph


def cycles(graph: dict[str, list[Edge]]) -> list[list[Edge]]:
    """One circle of imports in each group of modules that reach one another (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for edge in graph.get(node, []):
            if edge.target not in index:
                visit(edge.target)
                low[node] = min(low[node], low[edge.target])
            elif edge.target in on_stack:
                low[node] = min(low[node], index[edge.target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_circle(graph, group) for group in groups]


def _circle(graph: dict[str, list[Edge]], group: set[str]) -> list[Edge]:
    """The shortest circle through the first module of ``group`` (breadth first)."""
    start = min(group)
    paths: dict[str, list[Edge]] = {start: []}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for edge in graph[node]:
            if edge.target == start:
                return [*paths[node], edge]
            if edge.target in group and edge.target not in paths:
                paths[edge.target] = [*paths[node], edge]
                queue.append(edge.target)
    raise AssertionError(f"no circle in {sorted(group)}")


def layer_of(module: str) -> int | None:
    """The index in LAYERS of ``module``'s layer, None when no layer names it."""
    best: tuple[int, int] | None = None  # (length of the name that matched, layer)
    for number, (_, names) in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (
                best is None or len(name) > best[0]
            ):
                best = (len(name), number)
    return None if best is None else best[1]


def upward(graph: dict[str, list[Edge]]) -> list[str]:
    """Every import of a module of a higher layer, as a sentence."""
    found = []
    for edges in graph.values():
        for edge in edges:
            source, target = layer_of(edge.source), layer_of(edge.target)
            if source is not None and target is not None and target > source:
                found.append(
                    f"{edge.where}: {edge.source} ({LAYERS[source][0]}) imports "
                    f"{edge.target} ({LAYERS[target][0]})"
                )
    return found


def _describe(circle: list[Edge]) -> str:
    names = " → ".join([circle[0].source, *(edge.target for edge in circle)])
    return f"{names} ({', '.join(edge.where for edge in circle)})"


def test_no_import_circle() -> None:
    found = cycles(import_graph(SRC, PACKAGE))
    assert not found, "import circles:\n" + "\n".join(map(_describe, found))


def test_every_module_has_a_layer() -> None:
    nameless = [name for name in modules(SRC, PACKAGE) if layer_of(name) is None]
    assert not nameless, f"add these to LAYERS in {Path(__file__).name}: {nameless}"


def test_no_module_imports_a_layer_above_its_own() -> None:
    found = upward(import_graph(SRC, PACKAGE))
    assert not found, "imports of a higher layer:\n" + "\n".join(found)


# --- the checks find what they look for --------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_circle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    src = _package(
        tmp_path,
        {
            "inspectcli/__init__.py": "",
            "inspectcli/repo/__init__.py": "",
            "inspectcli/repo/load.py": "from inspectcli.checks.document import RULES\n",
            "inspectcli/checks/__init__.py": "",
            "inspectcli/checks/document.py": "def f():\n    from ..repo import load\n",
            "inspectcli/model.py": "from . import problems\n",
            "inspectcli/problems.py": "",
        },
    )
    [circle] = cycles(import_graph(src, PACKAGE))
    assert _describe(circle) == (
        "inspectcli.checks.document → inspectcli.repo.load → inspectcli.checks.document "
        "(inspectcli/checks/document.py:2, inspectcli/repo/load.py:1)"
    )


def test_a_circle_only_for_the_type_checker_counts_too(tmp_path: Path) -> None:
    src = _package(
        tmp_path,
        {
            "inspectcli/__init__.py": "",
            "inspectcli/a.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from inspectcli.b import B\n",
            "inspectcli/b.py": "import inspectcli.a\n",
        },
    )
    assert [len(circle) for circle in cycles(import_graph(src, PACKAGE))] == [2]


@pytest.mark.parametrize(
    ("module", "imports", "expected"),
    [
        ("repo/load.py", "from inspectcli.checks import Violation", ["checks (rules)"]),
        ("checks/document.py", "import inspectcli.pipeline.load", ["pipeline.load (pipeline)"]),
        ("sampling/check.py", "from inspectcli.sampling import run", ["sampling.run (commands)"]),
        ("sampling/run.py", "from inspectcli.pipeline import load", []),
        ("cli/app.py", "from inspectcli.repo import load", []),
    ],
)
def test_an_import_from_a_higher_layer_is_found(
    tmp_path: Path, module: str, imports: str, expected: list[str]
) -> None:
    names = ["pipeline/load.py", "sampling/run.py", "repo/load.py", "checks/__init__.py"]
    files = {f"inspectcli/{name}": "" for name in names}
    files["inspectcli/__init__.py"] = ""
    files[f"inspectcli/{module}"] = imports + "\n"
    found = upward(import_graph(_package(tmp_path, files), PACKAGE))
    assert [sentence.split(" imports inspectcli.")[1] for sentence in found] == expected
