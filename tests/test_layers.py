"""Layers that only point down, and no import cycles between modules.

ontology ← graph ← queries, loaders ← app: a module may import its own layer and the layers below it;
loaders and queries never import each other; nothing imports app. Every import counts: at module level,
inside functions, under ``if TYPE_CHECKING``, and modules named by string to ``importlib.import_module``,
``__import__`` or a process pool's preload list. Each checker is also run on a synthetic source that breaks
its rule, so a checker that cannot fail fails here.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

# top-level folder → layer rank; a module may import a rank below its own, or its own folder
LAYERS = {"ontology": 0, "graph": 1, "queries": 2, "loaders": 2, "app": 3}
BY_STRING = {"import_module", "__import__", "set_forkserver_preload"}
# the imports of fazhi modules that stay inside functions, and why; any other hides a cycle or nothing
LAZY = {
    "fazhi.app.cli": "each command imports its own layers: `fazhi query` does not pay extraction's ~3 s import",
    "fazhi.app.page_ingest": "the app imports extraction only when a file is uploaded",
    ("fazhi.loaders.ingest", "fazhi.loaders.workers"): "importing it patches multiprocessing's start of processes: "
                                                        "only a run that starts workers wants that",
    ("fazhi.graph.store", "fazhi.graph.remote"): "the HTTP client stack (urllib, http.client, ssl, email) cost a "
                                                 "one-row `fazhi query` on the embedded store a third of its start-up",
    ("fazhi.graph.store", "fazhi.graph.query_worker"): "only a process that isolates queries starts workers; "
                                                       "`fazhi query` runs its one query in-process",
}


@dataclass(frozen=True)
class Import:
    module: str         # the importing module, e.g. fazhi.loaders.emit
    target: str         # the fazhi module imported, e.g. fazhi.ontology.vocab
    line: int
    in_function: bool   # inside a function body (not run when the module is imported)
    names: tuple = ()   # names taken from the target (from X import a, b)
    by_string: bool = False   # a module named to importlib or a process pool's preload, not an import statement


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package: its dotted name → its file."""
    out = {}
    for folder in LAYERS:
        for f in sorted((root / folder).rglob("*.py")):
            parts = f.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out["fazhi." + ".".join(parts)] = f
    return out


def imports_of(module: str, source: str, known: set[str]) -> list[Import]:
    """The fazhi modules ``source`` (the text of ``module``) imports, wherever the import is."""
    tree = ast.parse(source)
    package = module if _is_package(module, known) else module.rsplit(".", 1)[0]
    out: list[Import] = []
    for node, in_function in _walk(tree, False):
        if isinstance(node, ast.Import):
            out += [Import(module, _owner(a.name, known), node.lineno, in_function)
                    for a in node.names if a.name.startswith("fazhi.")]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            if not base.startswith("fazhi."):
                continue
            for a in node.names:  # (from package import submodule imports the submodule)
                sub = f"{base}.{a.name}"
                target = sub if sub in known else _owner(base, known)
                out.append(Import(module, target, node.lineno, in_function, (a.name,) if target != sub else ()))
        elif isinstance(node, ast.Call) and _call_name(node) in BY_STRING:
            for c in ast.walk(node):
                if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value.startswith("fazhi."):
                    out.append(Import(module, _owner(c.value, known), node.lineno, in_function, by_string=True))
    return [i for i in out if i.target != module]


def _walk(node, in_function: bool):
    for child in ast.iter_child_nodes(node):
        inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        yield child, in_function
        yield from _walk(child, inside)


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _is_package(module: str, known: set[str]) -> bool:
    return any(k.startswith(module + ".") for k in known)


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def _owner(name: str, known: set[str]) -> str:
    """The module a dotted name lives in (itself when it is a module)."""
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def layer(module: str) -> str:
    return module.split(".")[1]


def wrong_way(imports: list[Import]) -> list[str]:
    """Imports that point up a layer or across between loaders and queries, as readable lines."""
    out = []
    for i in imports:
        a, b = layer(i.module), layer(i.target)
        if a != b and LAYERS[b] >= LAYERS[a]:
            where = "in a function, " if i.in_function else ""
            out.append(f"{i.module} ({where}line {i.line}) imports {i.target}: {a} may not import {b}")
    return out


def cycles(imports: list[Import]) -> list[list[str]]:
    """The import cycles: each strongly connected group of two or more modules (Tarjan), sorted."""
    edges: dict[str, set[str]] = {}
    for i in imports:
        edges.setdefault(i.module, set()).add(i.target)
        edges.setdefault(i.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(groups)


def private_names(imports: list[Import]) -> list[str]:
    """Names starting with ``_`` taken from another module."""
    return [f"{i.module} (line {i.line}) imports {n} from {i.target}" for i in imports for n in i.names
            if n.startswith("_")]


def hidden(imports: list[Import]) -> list[str]:
    """Imports inside functions that ``LAZY`` does not give a reason for."""
    return [f"{i.module} (line {i.line}) imports {i.target} inside a function" for i in imports
            if i.in_function and not i.by_string and i.module not in LAZY and (i.module, i.target) not in LAZY]


def all_imports() -> list[Import]:
    files = module_files()
    known = set(files)
    return [i for m, f in files.items() for i in imports_of(m, f.read_text(encoding="utf-8"), known)]


# ---- the project ---------------------------------------------------------------------------------------

def test_every_import_points_down():
    bad = wrong_way(all_imports())
    assert not bad, "imports against the layers (ontology ← graph ← queries, loaders ← app):\n" + "\n".join(bad)


def test_no_import_cycles():
    found = cycles(all_imports())
    assert not found, "import cycles:\n" + "\n".join(" ↔ ".join(g) for g in found)


def test_no_private_names_across_modules():
    bad = private_names(all_imports())
    assert not bad, "private names imported across modules:\n" + "\n".join(bad)


def test_imports_inside_functions_have_a_reason():
    bad = hidden(all_imports())
    assert not bad, "move these to the top of the module (or give the reason in LAZY):\n" + "\n".join(bad)


def test_the_walk_sees_the_package():
    """The walk finds every layer and a known import of each kind (so an empty walk cannot pass)."""
    files = module_files()
    assert {layer(m) for m in files} == set(LAYERS)
    found = {(i.module, i.target) for i in all_imports()}
    assert ("fazhi.app.cli", "fazhi.loaders.ingest") in found         # inside a function
    assert ("fazhi.loaders.ingest", "fazhi.loaders.workers") in found


# ---- the checkers fail on what they are for ------------------------------------------------------------

KNOWN = {"fazhi.ontology", "fazhi.ontology.vocab", "fazhi.graph", "fazhi.graph.store", "fazhi.queries",
         "fazhi.loaders", "fazhi.loaders.emit", "fazhi.loaders.pipeline", "fazhi.app", "fazhi.app.cli"}


def test_checker_finds_an_upward_import_wherever_it_hides():
    source = '''
import importlib
from typing import TYPE_CHECKING
from fazhi.ontology.vocab import FZ            # down: fine
if TYPE_CHECKING:
    from fazhi.loaders.emit import Emitter     # across (queries -> loaders)
def f():
    from fazhi.app import cli                  # up, inside a function
    return importlib.import_module("fazhi.loaders.pipeline")   # across, by string
'''
    found = imports_of("fazhi.queries.synthetic", source, KNOWN | {"fazhi.queries.synthetic"})
    bad = wrong_way(found)
    assert len(bad) == 3, bad
    assert any("in a function" in b and "fazhi.app.cli" in b for b in bad)
    assert any("fazhi.loaders.pipeline" in b for b in bad) and any("fazhi.loaders.emit" in b for b in bad)
    assert not wrong_way(imports_of("fazhi.loaders.x", "from fazhi.graph.store import Store\n", KNOWN))


def test_checker_finds_an_import_hidden_in_a_function():
    found = imports_of("fazhi.loaders.emit", "def f():\n    from fazhi.loaders.pipeline import x\n", KNOWN)
    assert hidden(found) == ["fazhi.loaders.emit (line 2) imports fazhi.loaders.pipeline inside a function"]
    assert not hidden(imports_of("fazhi.loaders.emit", "from fazhi.loaders.pipeline import x\n", KNOWN))


def test_checker_finds_relative_imports_and_private_names():
    found = imports_of("fazhi.graph.synthetic", "from ..loaders.emit import _private\n", KNOWN)
    assert [i.target for i in found] == ["fazhi.loaders.emit"]
    assert wrong_way(found) and private_names(found)


def test_cycle_checker_finds_a_cycle_through_a_function_import():
    a = imports_of("fazhi.loaders.emit", "def f():\n    from fazhi.loaders import pipeline\n", KNOWN)
    b = imports_of("fazhi.loaders.pipeline", "from fazhi.loaders.emit import x\n", KNOWN)
    assert cycles(a + b) == [["fazhi.loaders.emit", "fazhi.loaders.pipeline"]]
    assert cycles(b) == []
