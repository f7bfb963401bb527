"""Command line: ``legreader [PATH ...] [--db FILE]`` and its sub-commands.

Exit codes: 0 fine, 1 an operation failed, 2 bad usage or nothing to read.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from legreader import __version__

SUBCOMMANDS = ("claims", "compare", "export", "import", "import-annotations")

EPILOG = """\
sub-commands:
  legreader claims PATH... [--format json|text]     the claims found in articles
  legreader compare PATH... [--format json|text]    the same claims across articles
  legreader export [PATH...] [--db FILE] --format md|json|csv|w3c|bibtex [-o FILE]
  legreader import FILE.html... [--into DIR]        saved web pages into a corpus
  legreader import-annotations FILE [--db FILE]     merge a JSON or W3C export

With no PATH, legreader opens the bundled sample corpus.
The annotation database is --db, else $LEGREADER_DB, else annotations.json in the
user data folder (created on the first save). Keys: press ? in the app.
"""


def _paths_or_sample(paths: Sequence[str]) -> list[Path]:
    from legreader.resources import sample_corpus_dir

    return [Path(p) for p in paths] if paths else [sample_corpus_dir()]


def check_corpus_paths(paths: Sequence[Path], err: TextIO) -> bool:
    """Every path exists and, together, they name at least one candidate file."""
    from legreader.corpus import display_path, iter_candidates

    ok = True
    for path in paths:
        if not os.path.lexists(path):
            print(f"legreader: no such file or folder: {display_path(path)}", file=err)
            ok = False
    if not ok:
        return False
    for _ in iter_candidates(list(paths)):
        return True
    names = ", ".join(display_path(p) for p in paths)
    print(f"legreader: no articles (.md, .markdown, .txt, .html) in {names}", file=err)
    return False


def load_for_cli(paths: Sequence[Path], err: TextIO):  # type: ignore[no-untyped-def]
    """Load a corpus for a sub-command; report skipped files on stderr. None: exit 2."""
    from legreader.corpus import CorpusPathError, load_corpus

    if not check_corpus_paths(paths, err):
        return None
    try:
        corpus = load_corpus(paths)
    except CorpusPathError as exc:
        print(f"legreader: {exc}", file=err)
        return None
    for skipped in corpus.skipped:
        print(f"legreader: {skipped.line()}", file=err)
    if not corpus.all_articles():
        print("legreader: no article could be loaded", file=err)
        return None
    return corpus


def _main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legreader",
        description="A keyboard-driven terminal reader for checking how the press reports a study.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="corpus folders or article files")
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="annotation database (default: $LEGREADER_DB or the user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"legreader {__version__}")
    return parser


def _db_path(value: str | None) -> Path:
    from legreader.paths import default_db_path

    return Path(value).expanduser() if value else default_db_path()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return run_subcommand(args[0], args[1:], sys.stdout, sys.stderr)
    parsed = _main_parser().parse_args(args)
    return run_app(parsed.paths, parsed.db)


def run_app(paths: Sequence[str], db: str | None) -> int:
    import gc

    # Start-up makes hundreds of thousands of objects that live as long as the app (modules,
    # classes, styles); the garbage collector walked them all, twice, before the first frame
    # (about 30 ms). Collection resumes once the first frame is on screen, with those objects
    # frozen out of its way (see LegreaderApp.after_first_frame).
    gc.disable()
    try:
        from legreader.config import load_config
        from legreader.ui.app import make_app

        corpus_paths = _paths_or_sample(paths)
        if not check_corpus_paths(corpus_paths, sys.stderr):
            return 2
        app = make_app(corpus_paths, _db_path(db), config=load_config())
        app.resume_gc_after_first_frame = True
        result = app.run()
    finally:
        gc.enable()
    return result if isinstance(result, int) else 0


def run_subcommand(name: str, argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    parser = argparse.ArgumentParser(prog=f"legreader {name}")
    if name in ("claims", "compare"):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        ns = parser.parse_args(argv)
        corpus = load_for_cli(_paths_or_sample(ns.paths), err)
        if corpus is None:
            return 2
        if name == "claims":
            return _claims(corpus, ns.format, out)
        return _compare(corpus, ns.format, out)
    if name == "export":
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--db", metavar="FILE")
        parser.add_argument(
            "--format", choices=("md", "json", "csv", "w3c", "bibtex"), default="md"
        )
        parser.add_argument("-o", "--output", metavar="FILE")
        ns = parser.parse_args(argv)
        return _export(ns, out, err)
    if name == "import":
        parser.add_argument("files", nargs="+", metavar="FILE.html")
        parser.add_argument("--into", metavar="DIR", default=".")
        parser.add_argument(
            "--update", action="store_true", help="replace an article imported before"
        )
        ns = parser.parse_args(argv)
        from legreader.import_cli import run_import

        return run_import(
            [Path(f) for f in ns.files], Path(ns.into), update=ns.update, out=out, err=err
        )
    if name == "import-annotations":
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--db", metavar="FILE")
        ns = parser.parse_args(argv)
        return _import_annotations(ns, out, err)
    print(f"legreader: unknown command {name}", file=err)
    return 2


def _claims(corpus, fmt: str, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from legreader.claims.report import render_claims
    from legreader.corpus import ArticleUnavailable

    rows = []
    for article in corpus.all_articles():
        try:
            rows.append((article.id, article.title, str(article.path), article.body))
        except ArticleUnavailable as exc:
            print(f"legreader: {exc}", file=sys.stderr)
    out.write(render_claims(rows, fmt))
    return 0


def _compare(corpus, fmt: str, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from legreader.compare import compare_articles, inputs_from_corpus, render_compare

    articles, primary = inputs_from_corpus(corpus)
    out.write(render_compare(compare_articles(articles, primary), fmt))
    return 0


def _open_store(db: str | None, err: TextIO, *, write: bool):  # type: ignore[no-untyped-def]
    from legreader.store import AnnotationStore, DatabaseDamaged, DatabaseLocked

    path = _db_path(db)
    try:
        return AnnotationStore.open(path, mode="normal" if write else "read_only")
    except DatabaseDamaged as exc:
        print(f"legreader: the annotation database is damaged: {exc}", file=err)
    except DatabaseLocked as exc:
        print(f"legreader: {exc}", file=err)
    return None


def _export(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from legreader.export_cli import run_export

    store = _open_store(ns.db, err, write=False)
    if store is None:
        return 1
    try:
        corpus = load_for_cli(_paths_or_sample(ns.paths), err)
        if corpus is None:
            return 2
        return run_export(store, corpus, ns.format, Path(ns.output) if ns.output else None, out)
    finally:
        store.close()


def _import_annotations(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from legreader.export_cli import run_import_annotations

    store = _open_store(ns.db, err, write=True)
    if store is None:
        return 1
    try:
        return run_import_annotations(store, Path(ns.file), out, err)
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
