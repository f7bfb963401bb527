"""Issue 13: fast hands on every dialog and mode, headless.

Runs N burst sequences (default 2,000) on the sample corpus in one app: a key that opens a
dialog (or the search box) followed at once, with no pause, by keys that mean something on
the text beneath (a toggles the panel, x deletes, u undoes, y copies, 1 marks...) and closing
keys twice (enter enter, escape escape, ctrl+s ctrl+s), or a paste with newlines; half the
time the closing burst waits until the dialog is drawn. Printed, never asserted:

- crashes (target 0): an exception out of the app, or its crash report;
- keys delivered to the screen beneath an opening or open dialog (target 0): actions run
  for the main screen between the opener and the dialog closing (tests/bursts.py LeakSpy);
- search mode broken (target 0): the box hidden while `n` still means "next match".

Run: python benchmarks/bench_bursts.py [--runs 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bursts import LeakSpy, burst, paste  # noqa: E402
from pilot_helpers import ready, wait_for  # noqa: E402

#: name, opening keys (None: a palette verb called directly), closing bursts to pick from.
DIALOGS: list[tuple[str, tuple[str, ...] | None, list[tuple[str, ...]]]] = [
    ("tag", ("t",), [("enter", "enter"), ("escape", "escape")]),
    ("note", ("n",), [("ctrl+s", "ctrl+s"), ("escape", "escape", "y")]),
    ("article note", ("N",), [("ctrl+s", "ctrl+s"), ("escape", "escape", "y")]),
    ("copy as", ("Y",), [("enter", "enter"), ("escape", "escape")]),
    ("corpus search", ("ctrl+f",), [("enter", "enter"), ("escape", "escape")]),
    ("help", ("question_mark",), [("escape", "escape")]),
    ("categories", ("H",), [("escape", "escape"), ("ctrl+s", "ctrl+s")]),
    ("compare", ("c",), [("escape", "escape"), ("enter", "enter")]),
    ("export prompt", None, [("enter", "enter"), ("escape", "escape")]),
    ("rename prompt", None, [("enter", "enter"), ("escape", "escape")]),
]
#: Keys that do something on the text or the app: any of them reaching the screen
#: beneath a dialog is a leak.
BENEATH = ["a", "x", "u", "y", "h", "j", "k", "1", "2", "t", "n", "v", "g", "space", "backspace"]


async def settle(pilot: Any) -> None:
    from legreader.ui.dialogs.base import SafeScreen

    app = pilot.app

    def done() -> bool:
        top = app.screen
        return not app.key_gate.holding and (not isinstance(top, SafeScreen) or top.ready_for_keys)

    for _ in range(3):
        await pilot.pause()
        await wait_for(pilot, done)


async def back_to_text(pilot: Any) -> None:
    """Close whatever is open; the body focused with a sentence selected."""
    from legreader.ui.article_body import ArticleBody

    app = pilot.app
    for _ in range(10):
        if len(app.screen_stack) == 1:
            break
        app.screen.dismiss(None)
        await settle(pilot)
    body = app.query_one(ArticleBody)
    if body.search_active:
        body.end_search()
    body.focus()
    await pilot.pause()
    if body.selection is None:
        await pilot.press("j")


async def run(runs: int, seed: int, db: Path) -> None:
    from legreader.ui.app import make_app
    from legreader.ui.article_body import ArticleBody
    from legreader.ui.key_gate import STALE_SECONDS
    from legreader.ui.search_bar import SearchBar

    rng = random.Random(seed)
    app = make_app(db_path=db)
    crashes = leaks = mode_errors = sequences = 0
    leak_names: dict[str, int] = {}
    started = time.perf_counter()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await wait_for(pilot, lambda: app.corpus_index.ready.is_set())
            await pilot.press("tab", "j")
            spy = LeakSpy(app)
            body = app.query_one(ArticleBody)
            bar = app.query_one(SearchBar)
            for i in range(runs):
                sequences += 1
                if rng.random() < 0.15:  # the search mode
                    word = rng.choice(["mice", "brain", "our", "zz"])
                    keys = ["slash", *word, rng.choice(["enter", "escape"])]
                    keys += rng.choices(["n", "N", "escape", "1", "j"], k=rng.randint(1, 3))
                    burst(app, *keys)
                    await settle(pilot)
                    if body.search_active != bar.display and len(app.screen_stack) == 1:
                        mode_errors += 1
                    await back_to_text(pilot)
                    continue
                name, opener, closers = rng.choice(DIALOGS)
                spy.leaks.clear()
                spy.arm()
                if opener is None:
                    spy.arm(opener_actions=0)
                    if name == "export prompt":
                        app.export_annotations(rng.choice(["json", "csv", "md"]))
                    else:
                        app.rename_tag("nonexistent-tag")
                    keys: list[str] = []
                else:
                    keys = list(opener)
                keys += rng.choices(BENEATH, k=rng.randint(0, 5))
                burst(app, *keys)
                if rng.random() < 0.2:
                    paste(app, rng.choice(["a\n\n", "x\nu\n", "\n\n"]))
                if rng.random() < 0.5:
                    await settle(pilot)  # the dialog drawn before the closing burst
                burst(app, *rng.choice(closers))
                await settle(pilot)
                spy.disarm()
                if spy.leaks:
                    leaks += len(spy.leaks)
                    for leak in spy.leaks:
                        leak_names[f"{name}: {leak}"] = leak_names.get(f"{name}: {leak}", 0) + 1
                if app.crash_message is not None or not app.is_running:
                    crashes += 1
                    print(f"crash in sequence {sequences}: {name} {keys}", flush=True)
                    break
                await back_to_text(pilot)
                if (i + 1) % 500 == 0:
                    print(f"  … {i + 1} sequences", flush=True)
    except Exception as exc:  # an exception out of the app is a crash
        crashes += 1
        print(f"crash: {type(exc).__name__}: {exc} (in sequence {sequences})")
    error = getattr(app, "_exception", None)  # what Pilot re-raises: the app's own exception
    if error is not None:
        import traceback

        print("the app's exception:")
        traceback.print_exception(error, limit=12, file=sys.stdout)
    if app.crash_message is not None:  # the app's own report (in the temporary state folder)
        print(app.crash_message)
        for report in sorted(Path(os.environ["XDG_STATE_HOME"]).rglob("*")):
            if report.is_file():
                print(f"--- {report.name}\n{report.read_text(errors='replace')[-4000:]}")
    elapsed = time.perf_counter() - started
    print(f"burst sequences: {sequences} in {elapsed:.1f} s (seed {seed})")
    print(f"crashes: {crashes} (target 0)")
    print(f"keys delivered to the screen beneath a dialog: {leaks} (target 0)")
    for leak, count in sorted(leak_names.items()):
        print(f"  {count} × {leak}")
    print(f"search box hidden while n means next match: {mode_errors} (target 0)")
    print(f"keys held while the keyboard changed hands: {app.key_gate.kept_total}")
    gate = app.key_gate
    print(f"gate opened by its timeout (should be 0): {gate.stale_releases}")
    print(
        f"gate opened by its owner after more than {STALE_SECONDS} s (a slow machine): "
        f"{gate.slow_releases}; longest hold {gate.longest_hold:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        # Never the reader's own data: config, database, crash reports, exports in tmp.
        for var, sub in (
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
        ):
            os.environ[var] = str(home / sub)
        os.environ["LEGREADER_CONFIG"] = str(home / "config" / "config.toml")
        os.chdir(home)
        asyncio.run(run(args.runs, args.seed, home / "annotations.json"))


if __name__ == "__main__":
    main()
