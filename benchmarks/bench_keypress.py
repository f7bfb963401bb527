"""Issue 14: key → the frame that shows its result, at 1 and 10,000 annotations; store updates.

Run: python benchmarks/bench_keypress.py [--presses 60] [--sizes 1,10000] [--articles 200]
     [--store-sizes 1000,10000,40000] [--no-keys | --no-store] [--profile cumulative]

Printed, never asserted. Targets (issue 14): key-to-frame <= 16 ms median and <= 50 ms p95
at 10,000 annotations; store update <= 5 ms at 40,000 annotations.

How the key-to-frame figure is taken: Pilot (``App.run_test``, headless) with frame timing.
The key event is handed to the app's driver exactly as a terminal key would be
(``driver.send_message``); the clock stops at the end of the first compositor refresh of the
screen (``Screen._compositor_refresh``: the dirty lines of every widget rendered to strips
and the screen update computed) that starts after the save has returned, i.e. the first frame holding the new
verdict mark and the sidebar's new count. Why Pilot rather than a real tmux pane: a pane can
only be read by polling ``tmux capture-pane`` (a few ms per poll through the tmux server),
which blurs a 10 ms figure, and its timing includes tmux's and the terminal's own refresh;
Pilot gives the app's own frame, the part legreader controls, to the microsecond, for every
press. The headless driver skips only the final write of the escape codes to the terminal,
whose cost does not depend on the database. Textual paints on a fixed 60 Hz grid, so each
figure may include a wait for the next tick (none when the screen was idle before the key,
as it is here: Textual's paused refresh timer paints at once when it resumes). Beside the wall
clock, the UI thread's CPU time over the same span is printed: on a machine shared with other
work the wall clock measures the neighbours too, the CPU time does not. The save is written
(fsynced) right after the frame that shows it: "key→on disk" is when it is; with older code,
which wrote before the frame, it is when the save returned.

Set-up: a generated corpus of ``--articles`` articles; the database holds N annotations spread
evenly over them (so the open article carries its share, 50 at 10,000 over 200 articles),
on word-aligned passages, a third with tags and notes. Each measured press is ``1`` (a new
annotation on the next sentence: create) then ``2`` (its verdict changed: update), alternately;
both are timed. The store rows time ``AnnotationStore.update`` (a verdict changed, saved with
its fsync) at 1,000, 10,000 and 40,000 annotations.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from gen_corpus import generate  # noqa: E402
from pilot_helpers import wait_for  # noqa: E402

VERDICTS = ["accurate", "misleading", "overstated", "unsupported", "false", None]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fill_database(corpus_folder: Path, db: Path, n: int, *, seed: int = 5) -> None:
    """``n`` annotations spread evenly over the corpus's articles (written in one save)."""
    from legreader.corpus.loader import load_corpus
    from legreader.store import AnnotationStore, make_annotation

    corpus = load_corpus([corpus_folder])
    articles = [a for a in corpus.articles if a.body]
    rng = random.Random(seed)
    anns = []
    for i in range(n):
        article = articles[i % len(articles)]
        text = article.body
        words = [m for m in range(len(text)) if m == 0 or text[m - 1] == " "]
        start = rng.choice(words[: max(1, len(words) - 12)])
        end = min(len(text), start + rng.randint(20, 90))
        while end < len(text) and text[end - 1] != " ":
            end += 1
        tags = [f"tag{rng.randint(0, 30)}"] if i % 3 == 0 else []
        note = f"Note {i}: the claim goes beyond the study" if i % 3 == 1 else None
        anns.append(
            make_annotation(
                article.id,
                text,
                start,
                end,
                verdict=rng.choice(VERDICTS) or "accurate",
                tags=tags,
                note=note,
            )
        )
    with AnnotationStore.open(db) as store:
        store.merge(anns)


class FrameClock:
    """Times of the end of every compositor refresh of the main screen, and of each save."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[float] = []
        self.frame_cpu: list[float] = []
        self.saved: list[float] = []
        self.waiter: asyncio.Event = asyncio.Event()
        screen = app.screen
        refresh = screen._compositor_refresh

        def timed_refresh() -> None:
            refresh()
            self.frames.append(time.perf_counter())
            self.frame_cpu.append(time.thread_time())
            self.waiter.set()

        screen._compositor_refresh = timed_refresh
        controller = app.annotating
        save = controller._save

        def timed_save(*args: Any, **kwargs: Any) -> Any:
            result = save(*args, **kwargs)
            self.saved.append(time.perf_counter())
            return result

        controller._save = timed_save
        self.written: list[float] = []
        write = getattr(controller, "_write_through", None)  # (older code wrote in _save)
        if write is not None:

            def timed_write(*args: Any, **kwargs: Any) -> Any:
                result = write(*args, **kwargs)
                self.written.append(time.perf_counter())
                return result

            controller._write_through = timed_write

    async def press(self, key: str) -> tuple[float, float, float, float]:
        """Send ``key``; return, in ms: key → save returned (the change in memory and on
        screen-to-be), key → the end of the first frame after it (wall clock), the UI thread's
        CPU time over that same span, and key → the change written to disk (fsynced)."""
        from textual import events

        saves, writes = len(self.saved), len(self.written)
        t0, cpu0 = time.perf_counter(), time.thread_time()
        event = events.Key(key, key)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        while True:
            self.waiter.clear()
            await asyncio.wait_for(self.waiter.wait(), timeout=10)
            if len(self.saved) > saves and self.frames[-1] > self.saved[saves]:
                break
        # The first frame after the save (several may have been waited for at once).
        i = next(i for i, f in enumerate(self.frames) if f > self.saved[saves])
        frame_ms = (self.frames[i] - t0) * 1000
        cpu_ms = (self.frame_cpu[i] - cpu0) * 1000
        written = self.saved[saves]
        if hasattr(self.app.annotating, "_write_through"):
            deadline = time.perf_counter() + 10
            while len(self.written) <= writes:
                if time.perf_counter() > deadline:
                    raise TimeoutError("the change was never written")
                await asyncio.sleep(0.001)
            written = self.written[writes]
        return (self.saved[saves] - t0) * 1000, frame_ms, cpu_ms, (written - t0) * 1000


async def measure_keys(
    corpus_folder: Path, db: Path, presses: int, profile: Any = None
) -> dict[str, list[float]]:
    from legreader.ui.app import make_app
    from legreader.ui.article_body import ArticleBody
    from legreader.ui.article_list import ArticleList

    app = make_app([corpus_folder], db)
    out: dict[str, list[float]] = {"create": [], "update": [], "save": [], "cpu": [], "disk": []}
    async with app.run_test(size=(120, 40)) as pilot:
        body = app.query_one(ArticleBody)
        await wait_for(
            pilot,
            lambda: (
                app.corpus is not None
                and app.current is not None
                and body.shown
                and body.claims_ready
                and app.store is not None
                and not app.store_loading
            ),
            timeout=120,
        )
        await pilot.pause(0.5)  # background work of the opening (indexes) settles
        body.focus()
        clock = FrameClock(app)
        sidebar = app.query_one(ArticleList)
        for i in range(presses):
            await pilot.press("j")  # the next sentence (untimed)
            await pilot.pause(0.05)
            if body.selection is None or i % 15 == 14:
                await pilot.press("g")  # back to the top once in a while
                await pilot.press("j")
            article_id = body.loaded_article.id
            before = sidebar.stats.get(article_id)
            for key, kind in (("1", "create"), ("2", "update")):
                if profile is not None:
                    profile.enable()
                save_ms, frame_ms, cpu_ms, disk_ms = await clock.press(key)
                if profile is not None:
                    profile.disable()
                out[kind].append(frame_ms)
                out["save"].append(save_ms)
                out["cpu"].append(cpu_ms)
                out["disk"].append(disk_ms)
                await pilot.pause(0.03)
            after = sidebar.stats.get(article_id)
            assert after is not None and (before is None or after != before or before.count)
            # take it away again (untimed): the database keeps its size
            await pilot.press("2")
            await pilot.pause(0.03)
    return out


def bench_store(sizes: list[int], reps: int, folder: Path) -> None:
    from legreader.store import AnnotationStore, make_annotation

    text = " ".join(f"word{i % 97}" for i in range(4000)) + "."
    print(f"\nStore update (a verdict changed and saved, fsync included), median of {reps}:")
    for n in sizes:
        db = folder / f"store{n}.json"
        anns = []
        for i in range(n):
            start = (i * 37) % (len(text) - 80)
            anns.append(
                make_annotation(f"art{i % 200}", text, start, start + 60, verdict="accurate")
            )
        with AnnotationStore.open(db) as store:
            store.merge(anns)
        store = AnnotationStore.open(db)
        ids = [a.id for a in anns]
        times, cpu = [], []
        for i in range(reps):
            ann = store.get(ids[(i * 7919) % n])
            assert ann is not None
            ann.verdict = "overstated" if i % 2 else "misleading"
            t0, c0 = time.perf_counter(), time.thread_time()
            store.update(ann)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
        store.close()
        print(
            f"  {n:>6,} annotations   median {statistics.median(times):6.2f} ms   "
            f"p95 {p95(times):6.2f} ms   (CPU median {statistics.median(cpu):5.2f} ms: "
            "the rest is the fsync)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--sizes", default="1,10000")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--store-sizes", default="1000,10000,40000")
    parser.add_argument("--store-reps", type=int, default=60)
    parser.add_argument("--no-store", action="store_true")
    parser.add_argument("--no-keys", action="store_true")
    parser.add_argument(
        "--profile", metavar="SORT", help="cProfile the timed presses (cumulative, tottime)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = generate(folder / "corpus", args.articles)
        if not args.no_keys:
            print(
                f"Key → frame showing the saved verdict and the sidebar count "
                f"(Pilot, 120x40, {args.articles} articles, {args.presses} presses of each kind):"
            )
            for n in (int(s) for s in args.sizes.split(",")):
                db = folder / f"keys{n}.json"
                fill_database(corpus, db, n)
                gc.collect()
                profile = cProfile.Profile() if args.profile else None
                res = asyncio.run(measure_keys(corpus, db, args.presses, profile))
                if profile is not None:
                    pstats.Stats(profile).sort_stats(args.profile).print_stats(50)
                both = res["create"] + res["update"]
                print(
                    f"  {n:>6,} annotations   key→frame median {statistics.median(both):5.1f} ms "
                    f"p95 {p95(both):5.1f} ms   (create {statistics.median(res['create']):.1f}, "
                    f"update {statistics.median(res['update']):.1f}); UI-thread CPU key→frame "
                    f"median {statistics.median(res['cpu']):.1f} ms p95 {p95(res['cpu']):.1f}; "
                    f"key→on disk median {statistics.median(res['disk']):.1f} ms"
                )
        if not args.no_store:
            bench_store([int(s) for s in args.store_sizes.split(",")], args.store_reps, folder)


if __name__ == "__main__":
    main()
