"""Move legreader's loose modules into packages by concern, and rewrite every reference.

Run from anywhere: ``python tools/relayout.py`` (``--dry-run`` lists what would change).
Standard library only; ``git mv`` keeps each file's history. Deterministic and idempotent:
a second run changes nothing, and a run on a tree where new code still names the old modules
(another branch merged after the move) rewrites just those references.

What it does, in order:

1. Moves each module or package of :data:`MOVES` (``git mv``) whose old file exists and whose
   new one does not; a module that is already gone (moved, or split by hand like
   ``htmlimport`` into ``corpus/html/``) is only renamed in references.
2. Gives each new package an ``__init__.py`` holding its docstring (:data:`PACKAGES`); no
   re-exports, so importing one module of a package costs no more than before.
3. Rewrites references in src/, tests/, benchmarks/, tools/, README.md, docs/, pyproject.toml
   and .ci/: ``from legreader.x import n`` (per name: a name moved on its own, see
   :data:`SYMBOLS`, gets its own statement), ``from legreader import x``, relative imports
   inside moved modules, and every dotted (``"legreader.x.name"`` in a monkeypatch target,
   ``python -m legreader.x``, ``legreader.cli:entry``, ``:mod:`legreader.x```) or path
   (``legreader/x.py``) mention. A line holding ``relayout: keep`` is left as it is.
4. Sorts the imports of the Python files it changed and formats src/ and tests/ (what
   ``make check`` checks), with ruff when it is there.

A dotted name under a module that became a package (``legreader.corpus.X``) is left alone
when ``X`` is a module of the new package, else (an attribute of the old module) it follows
the module: ``legreader.corpus.load_corpus`` -> ``legreader.corpus.loader.load_corpus``.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

#: Old dotted module (or package) -> new one. The layout: docs/architecture.md.
MOVES: dict[str, str] = {
    # cli/: the parser and the sub-commands; calls the domain, never the other way
    "legreader.cli": "legreader.cli.program",
    "legreader.export_cli": "legreader.cli.annotations",
    "legreader.import_cli": "legreader.cli.importing",
    "legreader.study.command": "legreader.cli.study",
    # corpus/: articles on disk, what they hold, and how pages get in
    "legreader.corpus": "legreader.corpus.loader",
    "legreader.decoding": "legreader.corpus.decoding",
    "legreader.layout": "legreader.corpus.blocks",
    "legreader.article_filter": "legreader.corpus.filters",
    "legreader.article_ids": "legreader.corpus.ids",
    "legreader.article_iri": "legreader.corpus.iri",
    "legreader.bylines": "legreader.corpus.bylines",
    "legreader.htmlimport": "legreader.corpus.html",
    "legreader.page_import": "legreader.corpus.importing",
    "legreader.front_matter_cache": "legreader.corpus.front_matter_cache",
    "legreader.net.pages": "legreader.corpus.html.fetch",
    # study/: a paper's record in, and what the app adds to a corpus (a study, web pages)
    "legreader.adding": "legreader.study.adding",
    # cite/: quotes, references, exports of annotations, the clipboard
    "legreader.citations": "legreader.cite",
    "legreader.export": "legreader.cite.formats",
    "legreader.markdown_report": "legreader.cite.report",
    "legreader.transfer": "legreader.cite.transfer",
    "legreader.clipboard": "legreader.cite.clipboard",
    "legreader.passage_claims": "legreader.cite.passage_claims",
    # search/
    "legreader.search_index": "legreader.search.index",
    "legreader.corpus_index": "legreader.search.corpus_index",
    "legreader.article_facts": "legreader.search.facts",
    # text/: untrusted text made safe, word diffs
    "legreader.textclean": "legreader.text.clean",
    "legreader.worddiff": "legreader.text.diff",
    # files/: the file system
    "legreader.atomic_file": "legreader.files.atomic",
    "legreader.paths": "legreader.files.paths",
    "legreader.resources": "legreader.files.resources",
    # settings/: the reader's own state outside the annotation database
    "legreader.config": "legreader.settings.config",
    "legreader.session_state": "legreader.settings.session",
    "legreader.crash_report": "legreader.settings.crash",
    # work/: slow work: cancelling, progress, giving way, a child process
    "legreader.cancel": "legreader.work.cancel",
    "legreader.progress": "legreader.work.progress",
    "legreader.pacing": "legreader.work.pacing",
    "legreader.offload": "legreader.work.offload",
}

#: Names that left their old module on their own: (old module, name) -> new module.
SYMBOLS: dict[tuple[str, str], str] = {
    ("legreader.cli", "CliFailure"): "legreader.cli.errors",
}

#: New packages and their docstrings (written when the package has no ``__init__.py``).
PACKAGES: dict[str, str] = {
    "legreader.cli": (
        "The command line: the parser and its sub-commands (``claims``, ``compare``, ``export``,\n"
        "``import``, ``import-annotations``, ``study``). It calls the domain's APIs; nothing in\n"
        "the domain or the interface imports it: :mod:`.program` parses and dispatches,\n"
        "one module a sub-command; failures are one line (:mod:`.errors`)."
    ),
    "legreader.corpus": (
        "The corpus: articles found in folders and files (:mod:`.loader`), their text decoded,\n"
        "cleaned and cut into blocks, their authors, ids and filters; web pages imported as\n"
        "articles (:mod:`.html`, :mod:`.importing`). No Textual import."
    ),
    "legreader.search": (
        "Finding articles: the full-text index and find-in-article (:mod:`.index`), the\n"
        "corpus-wide index the app builds in the background (:mod:`.corpus_index`), and what\n"
        "the sidebar shows and filters on (:mod:`.facts`). No Textual import."
    ),
    "legreader.text": (
        "Text every layer shares: untrusted text made safe for a terminal (:mod:`.clean`) and\n"
        "word diffs (:mod:`.diff`). No Textual import."
    ),
    "legreader.files": (
        "The file system: atomic writes (:mod:`.atomic`), where user data lives (:mod:`.paths`)\n"
        "and the files that ship with legreader (:mod:`.resources`). No Textual import."
    ),
    "legreader.settings": (
        "The reader's own state outside the annotation database: configuration (:mod:`.config`),\n"
        "where each corpus was left (:mod:`.session`), crash reports (:mod:`.crash`)."
    ),
    "legreader.work": (
        "Slow work: cooperative cancellation (:mod:`.cancel`), progress reports\n"
        "(:mod:`.progress`), giving way to key presses (:mod:`.pacing`) and running one function\n"
        "in a child process (:mod:`.offload`). No Textual import."
    ),
}

#: Where references are rewritten (files under these, relative to the repository).
SCAN = ("src", "tests", "benchmarks", "tools", "docs", "README.md", "pyproject.toml", ".ci")
SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".sh", ".tcss", ""}
#: Written for the new layout already, or this script itself (its tables name old modules).
EXCLUDE = {"tools/relayout.py", "docs/architecture.md"}
KEEP = "relayout: keep"


def module_path(name: str) -> Path:
    return SRC.joinpath(*name.split("."))


def exists_module(name: str) -> bool:
    """A module or package by that name in the tree as it is now."""
    path = module_path(name)
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _git(*args: str, dry: bool) -> None:
    print("git", *args)
    if not dry:
        subprocess.run(["git", *args], cwd=ROOT, check=True)


# ------------------------------------------------------------------ 1, 2: moves and packages


def _top_level_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def check_names() -> None:
    """A module that becomes one module of a package of its name (``legreader.cli`` ->
    ``legreader.cli.program``) must not define a name that is also a module of that package:
    ``legreader.cli.X`` would be ambiguous (the old attribute, or the new module)."""
    for old, new in MOVES.items():
        if not new.startswith(old + "."):
            continue
        path = next(
            (
                p
                for p in (module_path(old).with_suffix(".py"), module_path(new).with_suffix(".py"))
                if p.is_file()
            ),
            None,
        )
        if path is None:
            continue
        modules = {
            v[len(old) + 1 :].split(".")[0]
            for v in [*MOVES.values(), *SYMBOLS.values()]
            if v.startswith(old + ".")
        }
        package = module_path(old)
        if package.is_dir():
            modules |= {p.stem for p in package.iterdir() if p.suffix == ".py" or p.is_dir()}
        clash = sorted(_top_level_names(path) & modules)
        if clash:
            sys.exit(f"relayout: {old} defines {clash}, also modules of the package it becomes")


def move_files(dry: bool) -> dict[Path, str]:
    """``git mv`` what has not moved yet. Returns new file -> its old module name."""
    moved: dict[Path, str] = {}
    for old, new in MOVES.items():
        src_mod, src_pkg = module_path(old).with_suffix(".py"), module_path(old)
        dst_mod, dst_pkg = module_path(new).with_suffix(".py"), module_path(new)
        if src_mod.is_file():
            if dst_mod.exists():
                sys.exit(f"relayout: both {src_mod} and {dst_mod} exist; merge them by hand")
            if not dry:
                dst_mod.parent.mkdir(parents=True, exist_ok=True)
            _git("mv", str(src_mod.relative_to(ROOT)), str(dst_mod.relative_to(ROOT)), dry=dry)
            moved[dst_mod] = old
        elif (src_pkg / "__init__.py").is_file() and not new.startswith(old + "."):
            if dst_pkg.exists():
                sys.exit(f"relayout: both {src_pkg} and {dst_pkg} exist; merge them by hand")
            tracked = subprocess.run(
                ["git", "ls-files", str(src_pkg.relative_to(ROOT))],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            _git("mv", str(src_pkg.relative_to(ROOT)), str(dst_pkg.relative_to(ROOT)), dry=dry)
            for rel in tracked:
                rest = Path(rel).relative_to(src_pkg.relative_to(ROOT))
                stem = ".".join(rest.with_suffix("").parts)
                old_name = old if stem == "__init__" else f"{old}.{stem}"
                moved[dst_pkg / rest] = old_name
            if not dry and src_pkg.exists():  # untracked leftovers (__pycache__)
                shutil.rmtree(src_pkg, ignore_errors=True)
    for package, doc in PACKAGES.items():
        init = module_path(package) / "__init__.py"
        if not init.exists():
            print("create", init.relative_to(ROOT))
            if not dry:
                init.parent.mkdir(parents=True, exist_ok=True)
                init.write_text(f'"""{doc}\n"""\n')
                subprocess.run(["git", "add", str(init)], cwd=ROOT, check=True)
    return moved


# ------------------------------------------------------------------------- 3: references


def _key_for(dotted: str) -> str | None:
    """The longest key of MOVES that ``dotted`` is, or is under."""
    parts = dotted.split(".")
    for i in range(len(parts), 1, -1):
        head = ".".join(parts[:i])
        if head in MOVES:
            return head
    return None


def map_dotted(dotted: str) -> str:
    """The new name of ``legreader.…``: a module, a package's submodule, or an attribute."""
    key = _key_for(dotted)
    if key is None:
        return dotted
    new = MOVES[key]
    rest = dotted[len(key) :].lstrip(".")
    if not rest:
        return new
    first = rest.split(".")[0]
    if (key, first) in SYMBOLS:
        return f"{SYMBOLS[key, first]}.{rest}"
    if new.startswith(key + ".") and _in_new_package(f"{key}.{first}"):
        return dotted  # a module of the new package (legreader.corpus.html), not an attribute
    # An attribute of the old module follows it (``legreader.corpus.load_corpus``), as does
    # a module of a moved package (``legreader.citations.quote``).
    return f"{new}.{rest}"


def _in_new_package(name: str) -> bool:
    """A module of the packages the layout makes, on disk or about to be moved there."""
    return exists_module(name) or any(
        v == name or v.startswith(name + ".") for v in [*MOVES.values(), *SYMBOLS.values()]
    )


_DOTTED = re.compile(r"(?<![\w.])legreader\.[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*")
_PATH = re.compile(r"(?<![\w.])legreader/((?:[A-Za-z_]\w*/)*[A-Za-z_]\w*)(\.py\b|/)")


def import_from_lines(text: str) -> set[int]:
    """Indexes of the lines of ``from … import`` statements (not code inside strings)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    return {
        i
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.end_lineno is not None
        for i in range(node.lineno - 1, node.end_lineno)
    }


def rewrite_text(text: str, *, python: bool) -> str:
    statements = import_from_lines(text) if python else set()
    out = []
    for number, line in enumerate(text.splitlines(keepends=True)):
        if KEEP in line:
            out.append(line)
            continue

        def dotted(m: re.Match[str], statement: bool = number in statements) -> str:
            name = m.group(0)
            if statement and re.match(r"\s+import\b", m.string[m.end() :]):
                return name  # ``from X import``: rewritten name by name (rewrite_imports)
            # Longest match first: a trailing attribute is part of the name.
            return map_dotted(name)

        def path(m: re.Match[str]) -> str:
            dotted_name = "legreader." + m.group(1).replace("/", ".")
            if _key_for(dotted_name) is None:
                return m.group(0)
            new = map_dotted(dotted_name)
            suffix = m.group(2)
            if new == dotted_name or (suffix == "/" and new.startswith(dotted_name + ".")):
                return m.group(0)  # ``legreader/corpus/``: the new package's folder
            if suffix == ".py" and (module_path(new) / "__init__.py").is_file():
                suffix = "/__init__.py"
            return new.replace(".", "/") + suffix

        line = _DOTTED.sub(dotted, line)
        line = _PATH.sub(path, line)
        out.append(line)
    return "".join(out)


def _module_name(path: Path) -> tuple[str, bool]:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _format_from(module: str, names: list[tuple[str, str | None]], indent: str) -> str:
    items = [f"{n} as {a}" if a and a != n else n for n, a in names]
    one = f"{indent}from {module} import {', '.join(items)}"
    if len(one) <= 99:
        return one
    body = "".join(f"{indent}    {item},\n" for item in items)
    return f"{indent}from {module} import (\n{body}{indent})"


def rewrite_imports(text: str, path: Path, old_name: str | None) -> str:
    """``from … import …`` statements whose module (or names) moved, one at a time."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        print(f"relayout: {path}: not Python 3 syntax, imports left alone", file=sys.stderr)
        return text
    if path.is_relative_to(SRC):
        own, is_pkg = _module_name(path)
        if old_name is not None:
            own = old_name
        package = own if is_pkg else own.rpartition(".")[0]
    else:
        package = ""
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.end_lineno is None:
            continue
        first_line = lines[node.lineno - 1]
        if KEEP in first_line:
            continue
        if node.level:
            if not package:
                continue
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
            relative_changes = old_name is not None  # its package changed: spell it out
        else:
            module = node.module or ""
            relative_changes = False
        if module != "legreader" and not module.startswith("legreader."):
            continue
        groups: dict[str, list[tuple[str, str | None]]] = {}
        for alias in node.names:
            name, asname = alias.name, alias.asname
            target = module
            full = f"{module}.{name}"
            if name != "*" and _key_for(full) == full:  # ``from legreader import cli``
                new_full = MOVES[full]
                target, new_name = new_full.rpartition(".")[0], new_full.rpartition(".")[2]
                if new_name != name:
                    asname = asname or name
                name = new_name
            elif name != "*" and (module, name) in SYMBOLS:
                target = SYMBOLS[module, name]
            else:
                mapped = map_dotted(f"{module}.{name}") if name != "*" else map_dotted(module)
                if name != "*" and mapped.endswith("." + name) and mapped != f"{module}.{name}":
                    target = mapped[: -len(name) - 1]
                elif name == "*":
                    target = mapped
            groups.setdefault(target, []).append((name, asname))
        if list(groups) == [module] and not relative_changes:
            continue
        start = node.lineno - 1
        indent = re.match(r"\s*", lines[start]).group(0)  # type: ignore[union-attr]
        tail = lines[node.end_lineno - 1][node.end_col_offset :]
        new = "\n".join(_format_from(m, names, indent) for m, names in groups.items())
        if node.lineno != node.end_lineno and "#" in first_line:  # a comment after the parenthesis
            comment = first_line[first_line.index("#") :].rstrip("\n")
            head, _, rest = new.partition("\n")
            new = f"{head}  {comment}" + (f"\n{rest}" if rest else "")
        edits.append((start, node.end_lineno, new + tail))
    for start, end, new in sorted(edits, reverse=True):
        lines[start:end] = [new if new.endswith("\n") else new + "\n"]
    return "".join(lines)


def files_to_scan() -> list[Path]:
    out: list[Path] = []
    for entry in SCAN:
        path = ROOT / entry
        candidates = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for f in candidates:
            rel = f.relative_to(ROOT).as_posix()
            if not f.is_file() or rel in EXCLUDE or "__pycache__" in f.parts:
                continue
            if f.suffix in SUFFIXES or f.name == "run":
                out.append(f)
    return out


def rewrite_all(moved: dict[Path, str], dry: bool) -> list[Path]:
    changed: list[Path] = []
    for path in files_to_scan():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        new = text
        if path.suffix == ".py":
            new = rewrite_imports(new, path, moved.get(path))
        new = rewrite_text(new, python=path.suffix == ".py")
        if new != text:
            print("rewrite", path.relative_to(ROOT))
            changed.append(path)
            if not dry:
                path.write_text(new, encoding="utf-8")
    return changed


# ----------------------------------------------------------------------------- 4: tidy


def tidy(changed: list[Path]) -> None:
    py = [str(p) for p in changed if p.suffix == ".py"]
    if not py:
        return
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        print("relayout: ruff not found: run `ruff check --select I --fix` and `ruff format`")
        return
    subprocess.run([ruff, "check", "--select", "I", "--fix", "--quiet", *py], cwd=ROOT, check=False)
    # Formatted: what ``make check`` checks, all of it (a merged branch may bring files the
    # formatter has not seen); benchmarks/ and tools/ keep their own layout.
    subprocess.run([ruff, "format", "--quiet", "src", "tests"], cwd=ROOT, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="say what would change")
    args = parser.parse_args(argv)
    check_names()
    moved = move_files(args.dry_run)
    changed = rewrite_all(moved, args.dry_run)
    if not args.dry_run:
        tidy(changed)
    print(f"relayout: {len(moved)} files moved, {len(changed)} files rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
