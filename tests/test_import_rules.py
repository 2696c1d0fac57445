"""The import rules of docs/architecture.md, checked by reading the source.

Every module of our packages is parsed with ``ast`` (nothing is imported), and
every import of one of our packages is collected: absolute and relative, at module
level and inside functions. Two rules:

1. Apps import one way: ``core`` <- ``shop`` <- ``sets``, ``crosssell`` <- ``rewards``
   <- ``demo``. ``sets`` and ``crosssell`` do not import each other, nothing imports
   ``demo`` (``config.settings`` naming it in INSTALLED_APPS is a string, not an
   import), and ``config`` (the project: settings, urls, celery) sits above every
   app but ``demo``.
2. No module-level import cycle. An import inside a function that closes a loop
   between our own modules is only a hidden cycle: the ones that exist today are
   listed in KNOWN_IN_FUNCTION_LOOPS, and that list can only shrink.

``make lint`` runs this file; it runs with the suite too.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Which of our packages each package may import (itself always).
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "shop": frozenset({"core"}),
    "sets": frozenset({"core", "shop"}),
    "crosssell": frozenset({"core", "shop"}),
    "rewards": frozenset({"core", "shop", "sets", "crosssell"}),
    "demo": frozenset({"core", "shop", "sets", "crosssell", "rewards", "config"}),
    "config": frozenset({"core", "shop", "sets", "crosssell", "rewards"}),
}
PACKAGES = tuple(ALLOWED)

# Loops between our own modules held together by an import inside a function,
# as (importing module, imported module) of that in-function import. Issue 12
# item 3 breaks them; remove an entry when its loop is gone (the test says so).
# Never add one: break the loop instead (a leaf module such as the app's cache.py,
# or the shared piece moved down a layer).
KNOWN_IN_FUNCTION_LOOPS: frozenset[tuple[str, str]] = frozenset({})


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (ours)
    line: int
    in_function: bool  # inside a def or lambda: runs when called, not on import
    type_checking: bool  # under ``if TYPE_CHECKING:``: never runs

    @property
    def at_import_time(self) -> bool:
        return not (self.in_function or self.type_checking)

    def where(self) -> str:
        return f"{module_path(self.source)}:{self.line}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(module: str) -> str:
    base = ROOT / Path(*module.split("."))
    path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    return str(path.relative_to(ROOT))


def our_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        if not (ROOT / package / "__init__.py").exists():
            continue  # rewards, before it is written
        for path in sorted((ROOT / package).rglob("*.py")):
            modules[module_name(path)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, modules: dict[str, Path]):
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.modules = modules
        self.imports: list[Import] = []
        self._function_depth = 0
        self._type_checking_depth = 0

    def _add(self, target: str, node: ast.AST) -> None:
        if target.split(".")[0] not in PACKAGES:
            return
        # The module itself when it exists, else its closest existing parent
        # (``from shop.models import Order`` imports shop.models).
        while target not in self.modules and "." in target:
            target = target.rpartition(".")[0]
        self.imports.append(
            Import(
                source=self.module,
                target=target,
                line=node.lineno,
                in_function=self._function_depth > 0,
                type_checking=self._type_checking_depth > 0,
            )
        )

    def _function(self, node: ast.AST) -> None:
        self._function_depth += 1
        self.generic_visit(node)
        self._function_depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._type_checking_depth += 1
            for child in node.body:
                self.visit(child)
            self._type_checking_depth -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            parts = self.package.split(".")
            base = ".".join(parts[: len(parts) - (node.level - 1)])
            source = f"{base}.{node.module}" if node.module else base
        else:
            source = node.module or ""
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            # ``from shop.services import cart`` imports the module shop.services.cart.
            self._add(submodule if submodule in self.modules else source, node)


def collect_imports(modules: dict[str, Path] | None = None) -> list[Import]:
    modules = modules if modules is not None else our_modules()
    found: list[Import] = []
    for module, path in modules.items():
        collector = _Collector(module, path.name == "__init__.py", modules)
        collector.visit(ast.parse(path.read_text(), filename=str(path)))
        found.extend(collector.imports)
    return found


def app_of(module: str) -> str:
    return module.split(".")[0]


def wrong_way_imports(imports: list[Import]) -> list[str]:
    problems = []
    for found in imports:
        source, target = app_of(found.source), app_of(found.target)
        if source == target or target in ALLOWED[source]:
            continue
        may = ", ".join(sorted(ALLOWED[source])) or "none of our packages"
        problems.append(
            f"{found.where()}: {found.source} imports {found.target} "
            f"({source} may import {may})"
        )
    return problems


def _graph(imports: list[Import], *, at_import_time_only: bool) -> dict:
    graph: dict[str, set[str]] = {}
    for found in imports:
        if found.source == found.target:
            continue
        if at_import_time_only and not found.at_import_time:
            continue
        graph.setdefault(found.source, set()).add(found.target)
    return graph


def shortest_path(graph: dict, start: str, goal: str) -> list[str] | None:
    """The modules from start to goal along imports, both ends included."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        if module == goal:
            path = []
            while module is not None:
                path.append(module)
                module = previous[module]
            return path[::-1]
        for target in sorted(graph.get(module, ())):
            if target not in previous:
                previous[target] = module
                queue.append(target)
    return None


def module_level_cycles(imports: list[Import]) -> list[list[str]]:
    """One cycle per module-level import that closes one, each loop reported once."""
    graph = _graph(imports, at_import_time_only=True)
    cycles, seen = [], set()
    for source in sorted(graph):
        for target in sorted(graph[source]):
            back = shortest_path(graph, target, source)
            if back is None:
                continue
            cycle = [source, *back]
            key = frozenset(cycle)
            if key not in seen:
                seen.add(key)
                cycles.append(cycle)
    return cycles


def in_function_loops(imports: list[Import]) -> dict[tuple[str, str], list[str]]:
    """In-function imports that close a loop: (source, target) -> the loop's path."""
    graph = _graph(imports, at_import_time_only=False)
    loops = {}
    for found in imports:
        if not found.in_function or found.source == found.target:
            continue
        back = shortest_path(graph, found.target, found.source)
        if back is not None:
            loops[(found.source, found.target)] = [found.source, *back]
    return loops


# --- the rules -------------------------------------------------------------------


def test_the_walk_sees_every_app_and_its_imports():
    imports = collect_imports()
    sources = {app_of(found.source) for found in imports}
    assert {"shop", "sets", "crosssell", "config"} <= sources
    assert any(found.in_function for found in imports)


def test_apps_import_one_way():
    problems = wrong_way_imports(collect_imports())
    assert not problems, "Imports running the wrong way between apps:\n" + "\n".join(
        problems
    )


def test_no_module_level_import_cycle():
    cycles = module_level_cycles(collect_imports())
    assert not cycles, "Import cycles at module level:\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles
    )


def test_no_new_loop_hidden_by_an_import_inside_a_function():
    imports = collect_imports()
    loops = in_function_loops(imports)
    new = {
        edge: path
        for edge, path in loops.items()
        if edge not in KNOWN_IN_FUNCTION_LOOPS
    }
    lines = {(found.source, found.target): found.where() for found in imports}
    assert not new, (
        "A loop between our modules closed by an import inside a function; "
        "break it instead (issue 12 item 3):\n"
        + "\n".join(f"{lines[edge]}: {' -> '.join(path)}" for edge, path in new.items())
    )


def test_the_known_loops_list_only_shrinks():
    loops = in_function_loops(collect_imports())
    gone = sorted(edge for edge in KNOWN_IN_FUNCTION_LOOPS if edge not in loops)
    assert not gone, (
        "These loops are broken: remove them from KNOWN_IN_FUNCTION_LOOPS:\n"
        + "\n".join(f"{source} -> {target}" for source, target in gone)
    )


# --- the checker catches what it should ------------------------------------------


def _imports_of(files: dict[str, str], tmp_path: Path) -> list[Import]:
    modules = {}
    for name, text in files.items():
        path = tmp_path / f"{name.replace('.', '_')}.py"
        path.write_text(text)
        modules[name] = path
    found = []
    for name, path in modules.items():
        is_package = name.count(".") == 0
        collector = _Collector(name, is_package, modules)
        collector.visit(ast.parse(path.read_text()))
        found.extend(collector.imports)
    return found


def test_the_checker_finds_a_wrong_way_import_in_a_function(tmp_path):
    imports = _imports_of(
        {
            "shop.views": "def page():\n    from crosssell.panels import partners\n",
            "crosssell.panels": "from shop.models import Product\n",
            "shop.models": "",
        },
        tmp_path,
    )
    assert [problem.split(": ", 1)[1] for problem in wrong_way_imports(imports)] == [
        "shop.views imports crosssell.panels (shop may import core)"
    ]


def test_the_checker_finds_a_relative_import_cycle_and_names_its_path(tmp_path):
    imports = _imports_of(
        {
            "shop.a": "from . import b\n",
            "shop.b": "from .c import thing\n",
            "shop.c": "from shop.a import other\n",
            "shop.d": "def later():\n    from shop.a import x\n",
        },
        tmp_path,
    )
    assert module_level_cycles(imports) == [["shop.a", "shop.b", "shop.c", "shop.a"]]
    assert in_function_loops(imports) == {}


def test_the_checker_finds_a_loop_closed_inside_a_function(tmp_path):
    imports = _imports_of(
        {
            "crosssell.forms": "from crosssell.selectors import notes\n",
            "crosssell.selectors": "def f():\n    from crosssell.forms import Form\n",
        },
        tmp_path,
    )
    assert module_level_cycles(imports) == []
    assert in_function_loops(imports) == {
        ("crosssell.selectors", "crosssell.forms"): [
            "crosssell.selectors",
            "crosssell.forms",
            "crosssell.selectors",
        ]
    }
