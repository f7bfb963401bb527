"""An imported page written into a corpus folder: ``<slug>.md`` and its debris sidecar, never
overwriting; and the one-line summary of what the import kept. No Textual import.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from legreader.corpus.html.extract import debris_kinds
from legreader.corpus.html.page import ImportedPage, PageImportError
from legreader.files.atomic import write_text_atomic


def import_summary(page: ImportedPage, written: Path | None) -> str:
    """What the import kept and where the rest went, for its report line: ``kept 12
    paragraphs; 5 lines of page debris (menus, share buttons) in x.debris.txt``."""
    paragraphs = sum(1 for block in page.body.split("\n\n") if block.strip())
    kept = f"kept {paragraphs} paragraph{'' if paragraphs == 1 else 's'}"
    lines = [line for line in page.debris.splitlines() if line.strip()]
    if not lines:
        return f"{kept}, no page debris"
    found = debris_kinds(page.debris, page.title)
    kinds = [name for name, _ in found if name != "other text"][:3] or ["other text"]
    where = f" in {debris_path(written).name}" if written is not None else ""
    count = len(lines)
    return (
        f"{kept}; {count} line{'' if count == 1 else 's'} of page debris "
        f"({', '.join(kinds)}) set aside{where}"
    )


# ------------------------------------------------------------------------ writing


def debris_path(md_path: Path) -> Path:
    """The sidecar that holds a page's debris: ``<name>.debris.txt`` beside ``<name>.md``."""
    return md_path.with_name(md_path.stem + ".debris.txt")


def write_import(
    page: ImportedPage, into_dir: Path, *, replace: Path | None = None, sync_folder: bool = True
) -> Path:
    """Write ``<slug>.md`` (and its debris sidecar) into ``into_dir``; return the .md path.

    Never overwrites a file: a taken name gets ``-2``, ``-3``... With ``replace=`` (an existing
    article the page is a newer copy of) that file is replaced atomically instead.
    ``sync_folder=False``: the caller fsyncs the folder once after a batch.
    """
    into_dir = Path(into_dir)
    into_dir.mkdir(parents=True, exist_ok=True)
    text = page.to_markdown()
    if replace is not None:
        write_text_atomic(replace, text, overwrite=True, sync_folder=sync_folder)
        sidecar = debris_path(replace)
        if page.debris:
            write_text_atomic(sidecar, page.debris + "\n", overwrite=True, sync_folder=sync_folder)
        elif sidecar.is_file() and not sidecar.is_symlink():
            sidecar.unlink()
        return replace
    for name in _candidate_names(page.slug):
        target = into_dir / f"{name}.md"
        sidecar = debris_path(target)
        if os.path.lexists(target) or os.path.lexists(sidecar):
            continue
        try:
            write_text_atomic(target, text, overwrite=False, sync_folder=sync_folder)
        except FileExistsError:
            continue
        if page.debris:
            try:
                write_text_atomic(
                    sidecar, page.debris + "\n", overwrite=False, sync_folder=sync_folder
                )
            except FileExistsError:
                pass  # lost a race for the sidecar name: the article matters, debris does not
        return target
    raise PageImportError("no free file name")  # pragma: no cover - 10,000 names taken


def _candidate_names(slug: str) -> Iterable[str]:
    yield slug
    for n in range(2, 10_000):
        yield f"{slug}-{n}"
