"""`c`: the compare view. One row per claim group, one column per article, and a scorecard.

The comparison runs in a worker (a child process, killed when the view closes or the app
quits), with a progress line meanwhile; the app keeps the result, so the view (and the
side-by-side mode) opens again at once. Enter on a cell opens that article at that passage;
`p` opens it beside the study.

One module over 500 lines because it is one screen (the compare view) with the few helpers that
format its cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from legreader.corpus.loader import ArticleUnavailable, Corpus
from legreader.ui import messages
from legreader.ui.compare_run import CompareProgress, compare_corpus
from legreader.ui.dialogs.base import SafeFullScreen
from legreader.ui.footer import FittingFooter
from legreader.ui.safe_text import plain, safe

if TYPE_CHECKING:
    # The compare engine (and the claims patterns under it, about 0.4 s) loads in the thread
    # that compares, not when this module is imported: the help screen imports it for its
    # key bindings, and `?` pressed at start-up waited for the patterns.
    from legreader.compare import CompareResult, Grid
    from legreader.compare.engine import Column, CompareFilter, Row
    from legreader.compare.model import Cell, Item, QuoteDiff, SignalValue
    from legreader.store import AnnotationStore
    from legreader.work.progress import Progress

#: The grid's filters in ``f`` order (the compare engine's ``FILTERS``; not imported from there:
#: the engine loads in the thread that compares; tests/test_kinds.py checks they agree).
FILTER_ORDER: tuple[CompareFilter, ...] = ("all", "discrepancies", "quantities", "quotes")

#: Cell state -> (mark, words for the legend). Colours: ``compare--<state>`` in styles/screens.tcss.
STATE_LOOK = {
    "agrees": ("✓", "agrees with the study"),
    "differs": ("✗", "differs"),
    "not_in_study": ("○", "not in the study"),
    "missing": ("·", "missing"),
    "extra": ("+", "extra"),
}


@dataclass(frozen=True)
class CompareTarget:
    """Where enter on a cell leads."""

    article_id: str
    start: int | None
    end: int | None


class CompareScreen(SafeFullScreen[CompareTarget | None]):
    """The same claims lined up across the articles of the corpus."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"compare--{state}" for state in STATE_LOOK),
        "compare--discrepancy",
        "compare--reason",
        "compare--mine",
        "message--error",
        "signal--good",
        "signal--bad",
        "diff--removed",
        "diff--added",
    }
    """Every look the screen draws with, styled in styles/app.tcss (one rule per shipped theme
    where the theme's own colours fall short of 4.5:1; ``tests/test_contrast.py``)."""

    QUIT_KEY_QUITS = True
    """No text box and no `q` binding: `q` typed while the screen opens quits at once (the
    app does not hold it until the screen is drawn; see ``LegreaderApp._q_quits_now``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "close", "Back to reading", id="compare.close"),
        Binding("f", "cycle_filter", "Filter", id="compare.filter"),
        Binding("d", "set_filter('discrepancies')", "Discrepancies", id="compare.discrepancies"),
        Binding("Q", "set_filter('quantities')", "Quantities", show=False, id="compare.quantities"),
        Binding("o", "set_filter('quotes')", "Quotes", show=False, id="compare.quotes"),
        Binding("A", "set_filter('all')", "All", show=False, id="compare.all"),
        Binding("s", "toggle_scorecard", "Scorecard", id="compare.scorecard"),
        Binding("p", "side_by_side", "Beside the study", id="compare.side_by_side"),
        Binding("j", "cursor('down')", "Down", show=False, id="compare.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="compare.up"),
        Binding("h", "cursor('left')", "Left", show=False, id="compare.left"),
        Binding("l", "cursor('right')", "Right", show=False, id="compare.right"),
        Binding("question_mark", "app.help", "Help", id="compare.help"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        store: AnnotationStore | None,
        *,
        view: str = "all",
        result: CompareResult | None = None,
    ) -> None:
        """``result``: the comparison of ``corpus`` computed before (shown at once)."""
        super().__init__()
        self.corpus = corpus
        self.store = store
        self.filter: CompareFilter = next((f for f in FILTER_ORDER if f == view), "all")
        self._cached = result
        self.result: CompareResult | None = None
        self.grid: Grid | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-panes"):
            with Vertical(id="compare-main"):
                yield Static(Text("Comparing the articles…", style="dim"), id="compare-title")
                yield CompareProgress(id="compare-progress")
                yield DataTable(id="compare-grid", cursor_type="cell", zebra_stripes=True)
                with VerticalScroll(id="compare-detail-box"):
                    yield Static("", id="compare-detail")
            with VerticalScroll(id="scorecard-box"):
                yield Static("", id="scorecard")
        yield FittingFooter()  # fits the width, `? Help` always shown

    #: Narrower terminals start with the scorecard hidden (s shows it instead of the grid).
    SCORECARD_MIN_WIDTH = 150
    #: The scorecard beside the grid is at least this wide; it takes what the grid leaves.
    SCORECARD_WIDTH = 42
    #: Grid: the claim column, and each article's column (least, preferred when the scorecard
    #: is beside it, most).
    CLAIM_WIDTH = 26
    CELL_WIDTHS = (12, 18, 28)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._fit_scorecard()
        result = self._cached
        if result is not None:  # compared before: shown at once
            self.query_one(CompareProgress).finish()
            self.result = result
            self.call_after_refresh(self._shown_first)
            return
        self._compare()

    def _shown_first(self) -> None:
        self._show()
        self._scorecard()

    def _columns(self) -> int:
        if self.grid is not None:
            return max(1, len(self.grid.columns))
        return len(self.corpus.articles) + (self.corpus.primary is not None)

    def _fit_scorecard(self) -> None:
        """Wide: the scorecard beside the grid, taking the width the grid does not need (at
        least :data:`SCORECARD_WIDTH`). Narrow: hidden until ``s``, then in the grid's place."""
        width = self.app.size.width
        narrow = width < self.SCORECARD_MIN_WIDTH
        box = self.query_one("#scorecard-box")
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            box.display = not narrow
        if narrow:
            box.styles.width = "1fr"
        else:
            grid_needs = self.CLAIM_WIDTH + 6 + self._columns() * (self.CELL_WIDTHS[1] + 2)
            box.styles.width = max(self.SCORECARD_WIDTH, min(width - grid_needs, width // 2))
        main = self.query_one("#compare-main")
        main.display = not (narrow and box.display)

    def on_resize(self) -> None:
        self._fit_scorecard()
        if self.result is not None:
            self.call_after_refresh(self._show, True)

    @work(exclusive=True, group="compare", exit_on_error=False)
    async def _compare(self) -> CompareResult:
        """In a child process, killed when the screen closes (its workers are cancelled) or
        the app quits: the interface stays quick while it runs (see :mod:`legreader.work.offload`)."""
        return await compare_corpus(self.corpus, self._progress)

    def _progress(self, report: Progress) -> None:
        if self.is_attached:
            self.query_one(CompareProgress).show_progress(report)

    @on(Worker.StateChanged)
    def _worker(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "compare":
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.query_one(CompareProgress).finish()
        if event.state == WorkerState.SUCCESS:
            self.result = event.worker.result
            self._show()
            self._scorecard()
            if self.result is not None:
                self.post_message(messages.CompareFinished(self.result, self.corpus))
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = str(error) if isinstance(error, ArticleUnavailable) else repr(error)
            self.query_one("#compare-title", Static).update(
                Text(f"The comparison failed: {reason}", style=self._look("message--error"))
            )

    # --------------------------------------------------------------- the grid

    def _show(self, keep_cursor: bool = False) -> None:
        if self.result is None:
            return
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate if keep_cursor and table.row_count else None
        grid = self.result.grid(self.filter)
        self.grid = grid
        self._fit_scorecard()
        table.clear(columns=True)
        scorecard = self.query_one("#scorecard-box")
        beside = scorecard.display and not self.has_class("-narrow")
        box_width = scorecard.styles.width
        taken = int(box_width.value) if beside and box_width is not None and box_width.cells else 0
        total_width = self.app.size.width - taken
        available = max(60, total_width - 6) - self.CLAIM_WIDTH - 2
        least, _, most = self.CELL_WIDTHS
        width = max(least, min(most, available // max(1, len(grid.columns)) - 2))
        table.add_column(Text("Claim", style="bold"), key="claim", width=self.CLAIM_WIDTH)
        table.fixed_columns = 1
        for column in grid.columns:
            title = "Primary study" if column.is_primary else column.title
            table.add_column(Text(_short(title, width), style="bold"), key=column.id, width=width)
        for number, row in enumerate(grid.rows):
            label = Text(
                _short(row.group.label or row.group.measure, 52),
                style=self._look("compare--discrepancy") if row.group.discrepancy else "",
            )
            cells = [label]
            for cell in row.cells:
                cells.append(self._cell_text(cell))
            table.add_row(*cells, key=str(number), height=2)
        total = len(self.result.groups) if hasattr(self.result, "groups") else len(grid.rows)
        discrepancies = sum(1 for row in grid.rows if row.group.discrepancy)
        heading = Text()
        heading.append(f"Compare · {self.filter}", style="bold")
        heading.append(
            f"  {len(grid.rows)} of {total} groups · {discrepancies} discrepanc{'y' if discrepancies == 1 else 'ies'}",
            style="dim",
        )
        heading.append("  ")
        primary = any(column.is_primary for column in grid.columns)
        for state, (symbol, words) in STATE_LOOK.items():
            if state == ("extra" if primary else "not_in_study"):
                continue  # with a primary, an article's own claim is "not in the study"
            if state == "agrees" and not primary:
                words = "agrees with the majority"
            heading.append(f" {symbol} {words} ", style=self._state_style(state))
        if not primary:
            heading.append("  (no primary record: the majority is the reference)", style="dim")
        self.query_one("#compare-title", Static).update(heading)
        if cursor is not None and grid.rows:
            table.move_cursor(
                row=min(cursor.row, len(grid.rows) - 1),
                column=min(cursor.column, len(grid.columns)),
            )
        elif grid.rows:
            first_article = (
                2 if grid.columns and grid.columns[0].is_primary and len(grid.columns) > 1 else 1
            )
            table.move_cursor(row=0, column=first_article)
        self._detail()

    def _state_style(self, state: str) -> Style:
        """The cell state's look from the stylesheet (``compare--<state>``)."""
        return self._look(f"compare--{state}")

    def _look(self, name: str) -> Style:
        """A component class's look from the stylesheet (none before it is applied)."""
        try:
            return self.get_component_rich_style(name, partial=True)
        except KeyError:  # the stylesheet is not applied yet
            return Style()

    def _cell_text(self, cell: Cell) -> Text:
        symbol = STATE_LOOK.get(cell.state, ("?", ""))[0]
        style = self._state_style(cell.state)
        text = Text(no_wrap=False, overflow="ellipsis")
        text.append(symbol + " ", style=style)
        if cell.items:
            label = cell.items[0].label or cell.items[0].text
            text.append(
                _short(" ".join(label.split()), 38), style=style if cell.state == "differs" else ""
            )
        return text

    def _selected(self) -> tuple[Row, Column | None, Cell | None] | None:
        if self.grid is None or not self.grid.rows:
            return None
        table = self.query_one(DataTable)
        row_index, column_index = table.cursor_coordinate
        if not 0 <= row_index < len(self.grid.rows):
            return None
        row = self.grid.rows[row_index]
        column = (
            self.grid.columns[column_index - 1]
            if 1 <= column_index <= len(self.grid.columns)
            else None
        )
        cell = row.cells[column_index - 1] if column is not None else None
        return row, column, cell

    @on(DataTable.CellHighlighted)
    def _moved(self) -> None:
        self._detail()

    def _detail(self) -> None:
        chosen = self._selected()
        detail = self.query_one("#compare-detail", Static)
        if chosen is None:
            detail.update(Text("No claim groups with this filter (f changes it).", style="dim"))
            return
        row, column, cell = chosen
        group = row.group
        parts: list[Text] = []
        head = Text()
        head.append_text(plain(f"{group.kind}: {group.label or group.measure}", style="bold"))
        if group.study_silent and group.reference_source == "primary":
            reference = f"   not in the study; its design allows at most: {group.reference}"
            head.append_text(plain(reference, style="dim"))
        elif group.study_silent:
            reference = "   the study states nothing comparable"
            if group.reference:
                reference += f"; most articles say {group.reference}"
            head.append_text(plain(reference, style="dim"))
        elif group.reference:
            where = "the study" if group.reference_source == "primary" else "majority"
            head.append_text(plain(f"   reference: {group.reference} ({where})", style="dim"))
        parts.append(head)
        for reason in group.reasons:
            parts.append(
                plain(
                    "• " + self._with_titles(reason),
                    style=self._look("compare--reason") if group.discrepancy else "",
                )
            )
        if group.internal:
            names = ", ".join(self._title(a) for a in group.internal)
            parts.append(
                plain(f"• contradicts itself: {names}", style=self._look("compare--reason"))
            )
        for diff in group.diffs[:3]:
            parts.append(_diff_text(diff, self._title, self._look))
        if column is not None and cell is not None:
            line = Text()
            line.append(safe(f"{self._title(column.id)}: "), style="bold")
            line.append(
                STATE_LOOK.get(cell.state, ("", cell.state))[1], style=self._state_style(cell.state)
            )
            if cell.note:
                line.append(safe(f" · {cell.note}"), style="dim")
            parts.append(line)
            for item in cell.items[:3]:
                state = cell.item_state(item)
                symbol = STATE_LOOK.get(state, ("", ""))[0]
                line = Text(f"  {symbol} ", style=self._state_style(state))
                if item.direction:
                    line.append(f"{item.direction} ", style=self._state_style("differs"))
                line.append(
                    "“" + " ".join(safe(self._sentence(item)).split()) + "”", style="italic"
                )
                parts.append(line)
            if cell.items:
                parts.append(
                    Text(
                        "  enter opens the article at this passage · p beside the study",
                        style="dim",
                    )
                )
        detail.update(Group(*parts))

    def _with_titles(self, text: str) -> str:
        """Reasons name articles by id; show their (short) titles instead."""
        for article in self.corpus.articles:
            if article.id in text:
                text = text.replace(article.id, "“" + _short(article.title, 28) + "”")
        return text

    def _title(self, article_id: str) -> str:
        from legreader.compare import PRIMARY_ID

        if article_id == PRIMARY_ID:
            return "primary study"
        article = self.corpus.by_id(article_id)
        return article.title if article else article_id

    def _sentence(self, item: Item) -> str:
        if self.result is None:
            return item.text
        body = self.result.bodies.get(item.article, "")
        start, end = item.sentence
        return body[start:end] if end > start else item.text

    @on(DataTable.CellSelected)
    def _open(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        _, column, cell = chosen
        if column is None or cell is None or not cell.items:
            self.notify("Nothing to open in this cell.", timeout=2)
            return
        item = cell.items[0]
        from legreader.compare import PRIMARY_ID

        if column.id == PRIMARY_ID:
            primary = self.corpus.primary
            if primary is None:
                return
            try:
                found = primary.body.find(item.text)
            except ArticleUnavailable:
                found = -1
            start = found if found >= 0 else None
            self.dismiss(
                CompareTarget(
                    primary.id, start, start + len(item.text) if start is not None else None
                )
            )
            return
        self.dismiss(CompareTarget(column.id, item.start, item.end))

    # ---------------------------------------------------------------- scorecard

    def _scorecard(self) -> None:
        """Per article: its title on a line of its own, then its signals, each on the full
        width of the box (a title column took half of a narrow box)."""
        if self.result is None:
            return
        parts: list[Text] = [Text("Scorecard", style="bold underline")]
        verdicts = self._verdicts()
        for article in self.corpus.articles:
            signals = self.result.signals.get(article.id, {})
            mine = verdicts.get(article.id)
            if not signals and not mine:
                continue
            parts.append(Text(""))
            parts.append(plain(" ".join(article.title.split()), style="bold"))
            for name, signal in signals.items():
                value = signal.get("value") if isinstance(signal, dict) else signal
                evidence = signal.get("evidence", []) if isinstance(signal, dict) else []
                line = Text()
                line.append("  " + name.replace("_", " ") + ": ", style="dim")
                look = _signal_look(name, value)
                line.append(_format_value(value), style=self._look(look) if look else "")
                parts.append(line)
                if evidence:
                    parts.append(
                        Text(
                            "    "
                            + "; ".join(_short(" ".join(str(e).split()), 60) for e in evidence[:3]),
                            style="dim italic",
                        )
                    )
            if mine:
                parts.append(Text(f"  your verdicts: {mine}", style=self._look("compare--mine")))
        self.query_one("#scorecard", Static).update(Group(*parts))

    def _verdicts(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.store is None:
            return out
        for article in self.corpus.articles:
            counts: dict[str, int] = {}
            for ann in self.store.annotations_for(article.id):
                if ann.verdict:
                    counts[ann.verdict] = counts.get(ann.verdict, 0) + 1
            note = self.store.article_note(article.id)
            parts = [f"{v} ×{n}" for v, n in sorted(counts.items())]
            if note is not None and note.verdict:
                parts.insert(0, f"article: {note.verdict}")
            if parts:
                out[article.id] = ", ".join(parts)
        return out

    # ------------------------------------------------------------------ actions

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cycle_filter(self) -> None:
        self.filter = FILTER_ORDER[(FILTER_ORDER.index(self.filter) + 1) % len(FILTER_ORDER)]
        self._show()

    def action_set_filter(self, name: CompareFilter) -> None:
        self.filter = name
        self._show()

    def action_toggle_scorecard(self) -> None:
        box = self.query_one("#scorecard-box")
        box.display = not box.display
        self._fit_scorecard()
        if self.has_class("-narrow"):  # the scorecard in the grid's place, and back
            (box if box.display else self.query_one(DataTable)).focus()
        self.call_after_refresh(self._show, True)

    def action_side_by_side(self) -> None:
        """The article of the cell under the cursor beside the study, at its passage."""
        chosen = self._selected()
        from legreader.compare import PRIMARY_ID

        column = chosen[1] if chosen is not None else None
        if chosen is None or column is None or column.id == PRIMARY_ID:
            self.notify("Move to an article's column (← →) to read it beside the study.", timeout=3)
            return
        cell = chosen[2]
        article = self.corpus.by_id(column.id)
        if article is None:
            return
        item = cell.items[0] if cell is not None and cell.items else None
        self.post_message(
            messages.OpenSideBySide(
                article, start=item.start if item else None, end=item.end if item else None
            )
        )

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        getattr(table, f"action_cursor_{direction}")()


def _short(text: str, limit: int) -> str:
    """Untrusted text (titles, passages, evidence) shortened and made safe to draw."""
    text = safe(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _format_value(value: SignalValue) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:g}"
    if isinstance(value, (list, tuple)):
        return str(len(value))
    return str(value)


def _signal_look(name: str, value: SignalValue) -> str | None:
    """The component class a signal's value is drawn with (``signal--good``/``signal--bad``),
    or None for a value that is neither."""
    bad_when_true = {"internal_contradictions", "differs_from_majority", "differs_from_primary"}
    if isinstance(value, bool):
        good = not value if name in bad_when_true else value
        return "signal--good" if good else "signal--bad"
    if isinstance(value, (int, float)) and name in bad_when_true:
        return "signal--bad" if value else "signal--good"
    if name == "promotional_share" and isinstance(value, float):
        return "signal--bad" if value > 0.1 else "signal--good"
    return None


def _diff_text(diff: QuoteDiff, title: Callable[[str], str], look: Callable[[str], Style]) -> Text:
    """A word diff: removed words struck out (``diff--removed``), added words marked
    (``diff--added``)."""
    text = Text()
    a, b = _short(title(diff.get("a", "")), 30), _short(title(diff.get("b", "")), 30)
    text.append(f"quote wording, {a} → {b}: ", style="bold")
    for op in diff.get("ops", []):
        kind = op.get("op", "equal")
        if kind == "equal":
            text.append(safe(op.get("a", "")) + " ")
            continue
        if op.get("a"):
            text.append(f"[-{safe(op['a'])}-]", style=look("diff--removed"))
            text.append(" ")
        if op.get("b"):
            text.append(f"{{+{safe(op['b'])}+}}", style=look("diff--added"))
            text.append(" ")
    return text
