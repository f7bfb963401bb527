"""Layering, proved: domain modules never import Textual; only legreader.store imports TinyDB.

Each module is imported in a fresh interpreter (``sys.executable -c ...``) and the
interpreter's ``sys.modules`` is inspected, so one module's imports cannot hide behind
another's. Modules are found on disk, so new modules are checked as they appear; the
subprocesses run in parallel to keep this quick.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import legreader

PACKAGE_DIR = Path(legreader.__file__).resolve().parent

#: The domain modules named in the design: plain Python, no Textual. Packages include
#: all their submodules.
DOMAIN = (
    "legreader.corpus",
    "legreader.decoding",
    "legreader.textclean",
    "legreader.layout",
    "legreader.claims",
    "legreader.store",
    "legreader.citations",
    "legreader.export",
    "legreader.transfer",
    "legreader.compare",
    "legreader.search_index",
    "legreader.corpus_index",
    "legreader.article_facts",
    "legreader.htmlimport",
    "legreader.article_ids",
    "legreader.worddiff",
    "legreader.net",
    "legreader.study",
    "legreader.adding",
    "legreader.progress",
    "legreader.cancel",
    "legreader.offload",
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
    assert "legreader.corpus" in DOMAIN_MODULES
    assert "legreader.textclean" in DOMAIN_MODULES
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
