"""`Any` only at true boundaries (issue 18).

Every module that names `typing.Any` is listed in :data:`BOUNDARIES` with the reason: data
whose shape is not ours (JSON or TinyDB documents, YAML front matter, TOML values, parsed
HTML or XML, third-party objects without types) or Textual's own generics (`Screen[Any]`).
Anything else gets a real type: a Protocol, a TypedDict, a union, the concrete class under
``TYPE_CHECKING``, a TypeVar, or ``object`` for what is only read by ``getattr``. A module
that starts using `Any` fails here until it earns a line (and a reason) below.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "legreader"

#: Module (dotted, under ``legreader``) -> why its `Any` are boundaries.
BOUNDARIES: dict[str, str] = {
    # JSON documents: exports, imports, cache files, HTTP answers
    "cite.formats": "JSON/CSV export rows and the JSON/W3C documents an import reads",
    "cite.machine": "CSL-JSON items (a JSON document)",
    "claims.cache": "the analysis cache's JSON documents, decoded defensively",
    "claims.model": "to_json: a JSON document",
    "compare.engine": "to_json: a JSON document",
    "compare.model": "to_json: JSON documents",
    "net.client": "an HTTP answer's JSON body",
    "study.crossref": "Crossref's JSON answer",
    "study.europepmc": "Europe PMC's JSON answer",
    "study.eutils": "NCBI E-utilities' JSON answer",
    "study.formats.csljson": "CSL-JSON records",
    "study.formats.ris": "RIS entries parsed by rispy (dicts of tag -> str or list)",
    "corpus.iri": "a W3C annotation's target (JSON); articles read by getattr",
    # TinyDB and the store's own JSON files
    "store.annotation_store": "TinyDB documents",
    "store.journal": "journal lines (JSON documents)",
    "store.jsonparse": "JSON parsed with limits (any JSON value)",
    "store.model": "TinyDB/JSON documents to and from the dataclasses",
    "store.schema": "TinyDB/JSON documents checked field by field",
    "store.storage": "TinyDB's storage interface (documents as JSON values)",
    # YAML front matter and TOML
    "cite.source": "front matter (parsed YAML values)",
    "compare.adapters": "front matter (parsed YAML values)",
    "corpus.bylines": "front matter author values (parsed YAML: str, list, mapping)",
    "corpus.front_matter_cache": "cached front matter (parsed YAML values)",
    "corpus.loader": "front matter (parsed YAML values) and PyYAML's untyped loaders",
    "study.write": "front matter written back as YAML values",
    "settings.config": "TOML values read from the config file, checked before use",
    "claims.subjects": "front matter (parsed YAML values)",
    # parsed HTML/XML and third-party objects without types
    "corpus.html.extract": "parsed HTML (lxml/trafilatura objects without types)",
    "corpus.html.metadata": "parsed HTML and its JSON-LD",
    "corpus.html.dedupe": "rensa's MinHash objects (no types)",
    "study.markup": "lxml elements (no types installed)",
    "study.formats.bibtex": "the bibtex parser's decoder object (no types)",
    "claims.pattern_table": "sre parse trees (CPython internals) and the table read back from disk",
    # Textual's generics and signatures
    "ui.adding_controller": "Screen[Any] / ScreenResultCallbackType[Any] (Textual generics)",
    "ui.annotation_controller": "Screen[Any] / ScreenResultCallbackType[Any] (Textual generics)",
    "ui.copying": "Screen[Any] / ScreenResultCallbackType[Any] (Textual generics)",
    "ui.transfer": "Screen[Any] / ScreenResultCallbackType[Any] (Textual generics)",
    "ui.views": "Screen[Any] / ScreenResultCallbackType[Any] (Textual generics)",
    "ui.screens.main": "Screen[Any] / ScreenResultCallbackType[Any] (Textual generics)",
    "ui.dialogs.base": "Screen[Any] and dismiss's result (Textual generics)",
    "ui.flows.keys": "Screen[Any] (Textual's screen-changed signal)",
    "ui.footer": "keyword arguments passed on to Textual's Footer",
    # lazy module attributes
    "claims.__init__": "module __getattr__ (lazy exports: the names are declared for mypy)",
    "ui.body.__init__": "module __getattr__ (lazy exports)",
}


def _any_uses(path: Path) -> int:
    """How many times the module's code names ``Any`` (imports, comments and text aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sum(
        1
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id == "Any")
        or (isinstance(node, ast.Attribute) and node.attr == "Any")
    )


def _module(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def any_by_module() -> dict[str, int]:
    counts = {_module(path): _any_uses(path) for path in sorted(PACKAGE.rglob("*.py"))}
    return {module: n for module, n in counts.items() if n}


def test_any_only_in_boundary_modules() -> None:
    outside = {m: n for m, n in any_by_module().items() if m not in BOUNDARIES}
    assert not outside, (
        "`Any` outside the boundary modules (give it a real type, or add the module to "
        f"BOUNDARIES with the reason): {outside}"
    )


def test_every_boundary_has_a_reason_and_exists() -> None:
    for module, reason in BOUNDARIES.items():
        assert reason.strip(), module
        assert (PACKAGE / Path(*module.split("."))).with_suffix(".py").is_file(), module


def test_the_counter_sees_annotations_and_aliases(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from __future__ import annotations\n"
        "import typing\n"
        "from typing import Any\n"
        "x: Any = 1\n"
        "def f(a: list[typing.Any]) -> dict[str, Any]: ...\n"
        "# Any in a comment\n"
        "'''Any in a string'''\n",
        encoding="utf-8",
    )
    assert _any_uses(sample) == 3
