"""Layering, proved: domain modules never import Textual; only legreader.store imports TinyDB.

Each module is imported in a fresh interpreter (``sys.executable -c ...``) and the
interpreter's ``sys.modules`` is inspected, so one module's imports cannot hide behind
another's. Modules are found on disk, so new modules are checked as they appear; the
subprocesses run in parallel to keep this quick.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Set
from pathlib import Path

import pytest

import legreader

PACKAGE_DIR = Path(legreader.__file__).resolve().parent

#: The domain packages (docs/architecture.md): plain Python, no Textual, each with all its
#: submodules. Everything else but ``legreader.ui`` (the command line, ``settings``) must not
#: import Textual either (checked below); import-linter checks the same layering statically
#: (``make check``), this test checks what importing each module really loads.
DOMAIN = (
    "legreader.corpus",  # relayout: keep
    "legreader.claims",
    "legreader.compare",
    "legreader.store",
    "legreader.cite",
    "legreader.search",
    "legreader.study",
    "legreader.net",
    "legreader.text",
    "legreader.files",
    "legreader.work",
)

#: Modules that are not imported at all (running them starts the app).
NEVER_IMPORT = {"legreader.__main__"}

#: Known violations (bugs reported to the lead), keyed by module, for the TinyDB check.
TINYDB_KNOWN_LEAKS: dict[str, str] = {}

_PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
mods = set(sys.modules)
print(json.dumps({
    "textual": sorted(m for m in mods if m == "textual" or m.startswith("textual.")),
    "tinydb": sorted(m for m in mods if m == "tinydb" or m.startswith("tinydb.")),
}))
"""


def _module_names() -> list[str]:
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR).with_suffix("")
        parts = list(rel.parts)
        if any(p.startswith(".") or p == "__pycache__" for p in parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if any(not p.isidentifier() for p in parts):
            continue
        names.append(".".join(["legreader", *parts]))
    return sorted(set(names) - NEVER_IMPORT)


ALL_MODULES = _module_names()


def _is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


NON_UI = [m for m in ALL_MODULES if not _is_under(m, "legreader.ui") and m != "legreader"]
DOMAIN_MODULES = [m for m in NON_UI if any(_is_under(m, d) for d in DOMAIN)]
NON_STORE = [m for m in NON_UI if not _is_under(m, "legreader.store")]


@pytest.fixture(scope="session")
def import_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """Import every non-UI module in its own interpreter, all at once; collect sys.modules."""
    home = tmp_path_factory.mktemp("hygiene-home")
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("LEGREADER_DB", None)
    # This checkout's package, whatever is installed (the probes run in another folder).
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PACKAGE_DIR.parent), env.get("PYTHONPATH", "")) if p
    )
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", _PROBE, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=str(home),
            text=True,
        )
        for name in NON_UI
    }
    report: dict[str, dict[str, object]] = {}
    for name, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            report[name] = {"error": "import timed out"}
            continue
        if proc.returncode != 0:
            report[name] = {
                "error": err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"
            }
        else:
            report[name] = json.loads(out.strip().splitlines()[-1])
    return report


def _result(report: dict[str, dict[str, object]], name: str) -> dict[str, object]:
    result = report[name]
    if "error" in result:
        # A module that does not import yet (being written) is not a layering failure.
        pytest.skip(f"{name} does not import: {result['error']}")
    return result


def test_modules_found() -> None:
    assert "legreader.corpus.loader" in DOMAIN_MODULES
    assert "legreader.text.clean" in DOMAIN_MODULES
    assert "legreader.cli.program" in NON_UI and "legreader.cli.program" not in DOMAIN_MODULES


def test_every_module_is_in_a_placed_package() -> None:
    """No loose modules at the package root, and every package is placed: domain (in
    :data:`DOMAIN`, no Textual) or not. Where a new module goes: docs/architecture.md (and
    tools/relayout.py moves modules with every reference)."""
    loose = sorted(
        m for m in ALL_MODULES if m.count(".") == 1 and (PACKAGE_DIR / f"{m[10:]}.py").is_file()
    )
    assert loose == [], f"modules at the package root: {loose} (docs/architecture.md)"
    packages = {m.split(".")[1] for m in NON_UI}
    unplaced = packages - {d.split(".")[1] for d in DOMAIN} - {"cli", "settings"}
    assert not unplaced, f"packages neither domain nor known: {sorted(unplaced)} (add to DOMAIN?)"
    assert all(not _is_under(m, "legreader.ui") for m in NON_UI)


@pytest.mark.parametrize("name", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(
    name: str, import_report: dict[str, dict[str, object]]
) -> None:
    assert _result(import_report, name)["textual"] == []


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(m, marks=pytest.mark.xfail(reason=TINYDB_KNOWN_LEAKS[m], strict=True))
        if m in TINYDB_KNOWN_LEAKS
        else m
        for m in NON_STORE
    ],
)
def test_only_the_store_imports_tinydb(
    name: str, import_report: dict[str, dict[str, object]]
) -> None:
    assert _result(import_report, name)["tinydb"] == []


@pytest.mark.parametrize("name", [m for m in NON_UI if m not in DOMAIN_MODULES])
def test_other_non_ui_modules_do_not_import_textual(
    name: str, import_report: dict[str, dict[str, object]]
) -> None:
    # The CLI, config, paths, clipboard...: Textual is imported only when the app starts.
    assert _result(import_report, name)["textual"] == []


# ------------------------------------------------------------------------ import cycles


def _imports(path: Path, name: str, is_package: bool, modules: Set[str]) -> set[str]:
    """The legreader modules ``path`` imports, anywhere in it (a function's import too: a
    cycle patched with an import inside a function is still a cycle), except under
    ``if TYPE_CHECKING:`` (never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()

    def type_checking(test: ast.expr) -> bool:
        return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and type_checking(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - (child.level - 1)])
                    module = f"{base}.{child.module}" if child.module else base
                else:
                    module = child.module or ""
                # ``from package import submodule`` imports the submodule; any other name
                # is the module's own (a package's ``__init__`` runs either way: not counted).
                found.update(
                    f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module
                    for a in child.names
                )
            visit(child)

    visit(tree)
    return found


def _import_graph() -> dict[str, set[str]]:
    files: dict[str, tuple[Path, bool]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        files[".".join(["legreader", *parts])] = (path, is_package)
    return {
        name: {
            m for m in _imports(path, name, is_package, files.keys()) if m in files and m != name
        }
        for name, (path, is_package) in files.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle() -> None:
    """No module imports itself through others (docs/architecture.md: a module that needs
    something from a module that imports it gets it moved to a third module below both)."""
    graph = _import_graph()
    assert "legreader.corpus.loader" in graph  # the graph is the package's
    cycles = _cycles(graph)
    described = [
        " <-> ".join(c) + ": " + "; ".join(f"{m} imports {sorted(graph[m] & set(c))}" for m in c)
        for c in cycles
    ]
    assert not cycles, "import cycles:\n" + "\n".join(described)
