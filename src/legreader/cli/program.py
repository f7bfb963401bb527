"""Command line: ``legreader [PATH ...] [--db FILE]`` and its sub-commands.

Exit codes: 0 fine, 1 an operation failed, 2 bad usage or nothing to read, 70 an unexpected
error (a full report is written to the user state folder), 130 interrupted (Ctrl-C), 141 the
output's reader went away (``legreader claims | head``).

Every entry point fails closed at one place, :func:`main`: the domain's errors (store,
corpus, import, file system) become one line ``legreader: <what> (<where>)`` on stderr and
exit 1; anything else becomes a one-line summary naming a traceback file and exit 70.

One module over 500 lines because it is the command line's one entry point with its fail-closed
error handling (:func:`main`) and the sub-command dispatch it guards; the sub-commands' work is
in the domain packages.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from legreader import __version__
from legreader.cli.errors import CliFailure

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("claims", "compare", "export", "import", "import-annotations", "study")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70
"""An unexpected error (sysexits.h EX_SOFTWARE)."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT, as a shell reports it)."""
EXIT_BROKEN_PIPE = 141
"""Whoever read our output stopped reading (128 + SIGPIPE, as a shell reports it)."""


UNSUPPORTED_PLATFORM = (
    "legreader: Windows is not supported; legreader runs on Linux and macOS "
    "(POSIX: file locks, terminal driver); on Windows use it inside WSL (platform win32)"
)


EPILOG = """\
sub-commands:
  legreader claims PATH... [--format json|text]     the claims found in articles
  legreader compare PATH... [--format json|text]    the same claims across articles
  legreader export [PATH...] [--db FILE] --format md|json|csv|w3c|bibtex [-o FILE]
                                                    (md: a report on the articles of PATH)
  legreader import FILE.html|URL... [--into DIR]    web pages (saved or fetched) into a corpus
  legreader import-annotations FILE [--db FILE]     merge a JSON or W3C export
  legreader study FILE|DOI|PMID [--into DIR]        the study's record (RIS, BibTeX, CSL-JSON,
                                                    PubMed XML, MEDLINE, JATS; or online)

With no PATH, legreader opens the bundled sample corpus.
The annotation database is --db, else $LEGREADER_DB, else annotations.json in the
user data folder (created on the first save). Keys: press ? in the app.
"""


def _paths_or_sample(paths: Sequence[str]) -> list[Path]:
    from legreader.files.resources import sample_corpus_dir

    return [Path(p) for p in paths] if paths else [sample_corpus_dir()]


def check_corpus_paths(paths: Sequence[Path], err: TextIO) -> bool:
    """Every path exists and, together, they name at least one candidate file."""
    from legreader.corpus.loader import display_path, iter_candidates

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
    from legreader.corpus.loader import CorpusPathError, load_corpus

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
    import argparse

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
    from legreader.files.paths import default_db_path

    return Path(value).expanduser() if value else default_db_path()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module docstring). Never raises
    but ``SystemExit`` (argparse's usage errors, --help, --version)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.platform == "win32" and not {"-h", "--help", "--version"} & set(args):
        print(UNSUPPORTED_PLATFORM, file=sys.stderr)
        return EXIT_FAILED
    try:
        try:
            return _dispatch(args)
        finally:
            sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        if isinstance(exc, _known_errors()):
            print(failure_line(exc), file=sys.stderr)
            return EXIT_FAILED
        print(crash_line(exc, args), file=sys.stderr)
        return EXIT_SOFTWARE


def _dispatch(args: list[str]) -> int:
    if args and args[0] in SUBCOMMANDS:
        return run_subcommand(args[0], args[1:], sys.stdout, sys.stderr)
    plain = _plain_launch(args)
    if plain is not None:
        return run_app(*plain)
    parsed = _main_parser().parse_args(args)
    return run_app(parsed.paths, parsed.db)


def _plain_launch(args: list[str]) -> tuple[list[str], str | None] | None:
    """``(paths, db)`` for the plain launch forms, read as argparse reads them but without it
    (its import and parser were 2 to 3 ms of the launch): ``PATH ...``, with one
    ``--db FILE`` before or after the paths. None for anything else (another option,
    ``--db=FILE``, a path starting with ``-``, paths on both sides of ``--db``...): argparse
    reads those, its usage errors included."""
    db: str | None = None
    paths = list(args)
    if "--db" in paths:
        at = paths.index("--db")
        if paths.count("--db") > 1 or at + 1 >= len(paths) or paths[at + 1].startswith("-"):
            return None
        db = paths[at + 1]
        before, after = paths[:at], paths[at + 2 :]
        if before and after:
            return None  # (argparse refuses paths after the option once some came before it)
        paths = before + after
    if any(path.startswith("-") for path in paths):
        return None
    return paths, db


def _known_errors() -> tuple[type[BaseException], ...]:
    """Failures with a cause the user can act on (anything else is a bug: exit 70)."""
    from legreader.cite.formats import ImportFormatError
    from legreader.corpus.loader import ArticleUnavailable, CorpusPathError
    from legreader.store.errors import StoreError

    return (CliFailure, StoreError, CorpusPathError, ArticleUnavailable, ImportFormatError, OSError)


def failure_line(exc: BaseException) -> str:
    """``legreader: <what> (<where>)`` for a known failure; names cleaned and escaped."""
    from legreader.store.errors import DatabaseDamaged, DatabaseLocked, StoreWriteError

    what: str = str(exc)
    where: object = None
    if isinstance(exc, CliFailure):
        what, where = exc.what, exc.where
    elif isinstance(exc, DatabaseDamaged):
        what = f"the annotation database is damaged: {exc.reason}"
        if exc.backup is not None:
            what += f"; a copy is kept as {exc.backup.name}"
        where = exc.path
    elif isinstance(exc, DatabaseLocked):
        who = f"process {exc.pid}" if exc.pid else "another process"
        if exc.host:
            who += f" on {exc.host}"
        what, where = f"the annotation database is in use by {who}", exc.path
    elif isinstance(exc, StoreWriteError):
        what, where = f"could not save: {exc.reason}", exc.path
    elif isinstance(exc, OSError):
        what = exc.strerror or str(exc) or type(exc).__name__
        where = exc.filename
    return _line(what, where)


def _line(what: str, where: object = None) -> str:
    from legreader.corpus.loader import display_path
    from legreader.text.clean import clean_line

    text = f"legreader: {clean_line(what)}"
    if where is not None and str(where):
        place = os.fsdecode(where) if isinstance(where, bytes | os.PathLike) else str(where)
        text += f" ({display_path(place)})"
    return text


def crash_line(exc: BaseException, argv: Sequence[str] = ()) -> str:
    """Write the full traceback to the state folder; return the one line to print."""
    from legreader.settings.crash import crash_line as report_crash

    return report_crash(exc, argv)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout (an in-process test): nothing to flush at exit


def check_db_path(path: Path) -> None:
    """Refuse a database path that is a folder, FIFO, socket or device (one line, exit 1).

    Checked before anything opens it: reading a FIFO would block for ever.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return  # created on the first save
    if stat.S_ISREG(mode):
        return
    kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (FIFO, socket or device)"
    raise CliFailure(f"the annotation database is {kind}", path)


EXIT_FAST = False
"""Set by :func:`entry` (the ``legreader`` command): the process ends as soon as the app has
closed (:func:`_exit_now`). ``main()`` called in-process (tests) returns instead."""


def entry() -> None:
    """The ``legreader`` command and ``python -m legreader``: :func:`main`, then exit."""
    global EXIT_FAST
    EXIT_FAST = True
    raise SystemExit(main())


def run_app(paths: Sequence[str], db: str | None) -> int:
    """Run the reader; return its exit code (or end the process, under :func:`entry`)."""
    import gc

    # Start-up makes hundreds of thousands of objects that live as long as the app (modules,
    # classes, styles); the garbage collector walked them all, twice, before the first frame
    # (about 30 ms). Collection resumes once the first frame is on screen, with those objects
    # frozen out of its way (see LegreaderApp.after_first_frame).
    gc.disable()
    try:
        from legreader.claims import build_pattern_table
        from legreader.claims.pattern_table import start_background_build

        # A first run (or a new engine): the claim engine's patterns are compiled in a child
        # process while this one starts (forked now, before Textual is imported and while
        # this process has one thread), so the first article's highlights come with its
        # text rather than 100 ms after it.
        start_background_build(fork=build_pattern_table if EXIT_FAST else None)
        from legreader.settings.config import load_config
        from legreader.ui.app import make_app

        corpus_paths = _paths_or_sample(paths)
        db_path = _db_path(db)
        check_db_path(db_path)
        if not check_corpus_paths(corpus_paths, sys.stderr):
            return 2
        app = make_app(corpus_paths, db_path, config=load_config())
        app.resume_gc_after_first_frame = True
        if EXIT_FAST:
            app.exit_process = _exit_now  # `q` ends the process at once
        result = app.run()
    finally:
        gc.enable()
    # After an unhandled exception the app exits 70 (LegreaderApp._fatal_error; Textual's
    # own handler sets 1), while run() returns None: a crash must not exit 0.
    message = getattr(app, "crash_message", None)
    if message:
        print(message, file=sys.stderr)
    crashed = getattr(app, "return_code", None)
    if isinstance(crashed, int) and crashed != 0:
        code = crashed
    else:
        code = result if isinstance(result, int) else 0
    if EXIT_FAST:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """End the process at once: the app has closed the store (saved, lock released) and
    restored the terminal. Interpreter teardown (freeing a session's objects, joining worker
    threads of a background compare or index still stopping) took 0.3 to 0.6 s after `q`."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def run_subcommand(name: str, argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    import argparse

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
        from legreader.cite.transfer import EXPORT_FORMATS

        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--db", metavar="FILE")
        parser.add_argument(
            "--format",
            choices=EXPORT_FORMATS,
            default="md",
            help="md: a report on the articles of PATH; the others: the whole database",
        )
        parser.add_argument("-o", "--output", metavar="FILE")
        ns = parser.parse_args(argv)
        return _export(ns, out, err)
    if name == "import":
        parser.add_argument(
            "files", nargs="+", metavar="FILE.html|URL", help="saved pages, or http(s) addresses"
        )
        parser.add_argument("--into", metavar="DIR", default=".")
        parser.add_argument(
            "--update", action="store_true", help="replace an article imported before"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            metavar="N",
            default=None,
            help="worker processes for many pages (default: one per core, at most 4)",
        )
        ns = parser.parse_args(argv)
        from legreader.cli.importing import run_import

        return run_import(
            [f if f[:8].lower().startswith(("http://", "https://")) else Path(f) for f in ns.files],
            Path(ns.into),
            update=ns.update,
            out=out,
            err=err,
            jobs=ns.jobs,
        )
    if name == "study":
        return _study(parser, argv, out, err)
    if name == "import-annotations":
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--db", metavar="FILE")
        ns = parser.parse_args(argv)
        return _import_annotations(ns, out, err)
    print(f"legreader: unknown command {name}", file=err)
    return 2


def _study(parser: argparse.ArgumentParser, argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    from legreader.cli.study import run_study
    from legreader.study.formats import FILE_FORMATS

    parser.description = "Write a study's record (kind: primary) into a corpus folder."
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help=(
            "a RIS, BibTeX, CSL-JSON, PubMed XML, MEDLINE or JATS file (- reads standard input);"
            " or a DOI, PMID, PMCID"
        ),
    )
    parser.add_argument("--into", metavar="DIR", default=".", help="the corpus folder")
    parser.add_argument("--force", action="store_true", help="replace the folder's primary record")
    parser.add_argument(
        "--pick", metavar="N", help="which record of a file that holds several (number, DOI, PMID)"
    )
    parser.add_argument(
        "--format", choices=FILE_FORMATS, default=None, help="the file's format (default: detected)"
    )
    parser.add_argument(
        "--print", dest="print_only", action="store_true", help="print the record, write nothing"
    )
    ns = parser.parse_args(argv)
    return run_study(
        ns.source,
        Path(ns.into),
        force=ns.force,
        pick=ns.pick,
        fmt=ns.format,
        print_only=ns.print_only,
        out=out,
        err=err,
    )


def _claims(corpus, fmt: str, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from legreader.claims.report import render_claims
    from legreader.corpus.loader import ArticleUnavailable

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


def _open_store(db: str | None, *, write: bool):  # type: ignore[no-untyped-def]
    """Open the database; its errors (damaged, locked, a folder...) go to :func:`main`."""
    from legreader.store import AnnotationStore

    path = _db_path(db)
    check_db_path(path)
    return AnnotationStore.open(path, mode="normal" if write else "read_only")


def _refuse_damaged(store) -> None:  # type: ignore[no-untyped-def]
    """No export from a damaged database (see :func:`legreader.cli.annotations.damaged_refusal`)."""
    from legreader.cli.annotations import damaged_refusal

    why = damaged_refusal(store)
    if why:
        store.close()
        raise CliFailure(why, store.damage.path)


def _export(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Every format carries the whole database but the Markdown report, which covers the
    articles of PATH (a file: that article, cited with the study found beside it)."""
    from legreader.cli.annotations import run_export, study_beside

    store = _open_store(ns.db, write=False)
    _refuse_damaged(store)
    try:
        paths = _paths_or_sample(ns.paths)
        corpus = load_for_cli(paths, err)
        if corpus is None:
            return 2
        report = ns.format == "md"
        study = study_beside(paths) if report and corpus.primary is None else None
        return run_export(
            store,
            corpus,
            ns.format,
            Path(ns.output) if ns.output else None,
            out,
            err,
            corpus_only=report,
            study=study,
        )
    finally:
        store.close()


def _import_annotations(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from legreader.cli.annotations import run_import_annotations

    store = _open_store(ns.db, write=True)
    try:
        return run_import_annotations(store, Path(ns.file), out, err)
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
