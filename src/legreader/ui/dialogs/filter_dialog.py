"""`F` in the sidebar: filter articles by verdict, tag, outlet, notes, discrepancies."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Label, Select

from legreader.corpus.filters import FilterCriteria
from legreader.ui.dialogs.base import Dialog
from legreader.ui.marks import VERDICT_KEYS
from legreader.ui.safe_text import safe

VERDICTS = VERDICT_KEYS  # (the one list: legreader.store.model.VERDICTS, tested equal)


class FilterDialog(Dialog[FilterCriteria | None]):
    """Pick filters; ctrl+s or Apply applies, c clears them all, escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filters.apply"),
        Binding("ctrl+r", "clear", "Clear all", id="filters.clear"),
    ]

    def __init__(
        self,
        current: FilterCriteria,
        tags: list[str],
        outlets: list[str],
        discrepancies_known: bool,
    ) -> None:
        super().__init__()
        self.current = current
        self.tags = tags
        self.outlets = outlets
        self.discrepancies_known = discrepancies_known

    def compose(self) -> ComposeResult:
        c = self.current
        with Vertical(classes="dialog small-dialog filter-dialog") as box:
            box.border_title = "Filter the articles"
            box.border_subtitle = "ctrl+s applies · ctrl+r clears · esc cancels"
            yield Label("Verdict")
            yield Select(
                [(v, v) for v in VERDICTS],
                value=c.verdict or Select.NULL,
                prompt="any verdict",
                id="filter-verdict",
            )
            yield Label("Tag")
            yield Select(
                [(Content(safe(t)), t) for t in self.tags],
                value=c.tag if c.tag in self.tags else Select.NULL,
                prompt="any tag",
                id="filter-tag",
            )
            yield Label("Outlet")
            yield Select(
                [(Content(safe(o)), o) for o in self.outlets],
                value=c.outlet if c.outlet in self.outlets else Select.NULL,
                prompt="any outlet",
                id="filter-outlet",
            )
            yield Checkbox("has notes", value=c.has_notes, id="filter-notes")
            yield Checkbox(
                "has a discrepancy with other articles or the study"
                + ("" if self.discrepancies_known else " (still being computed)"),
                value=c.has_discrepancy,
                id="filter-discrepancy",
            )
            with Horizontal(classes="buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Clear all", id="clear")
                yield Button("Cancel", id="cancel")

    def _criteria(self) -> FilterCriteria:
        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return v if isinstance(v, str) else None

        return FilterCriteria(
            text=self.current.text,
            verdict=value("#filter-verdict"),
            tag=value("#filter-tag"),
            outlet=value("#filter-outlet"),
            has_notes=self.query_one("#filter-notes", Checkbox).value,
            has_discrepancy=self.query_one("#filter-discrepancy", Checkbox).value,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.action_clear()
        else:
            self.action_cancel()

    def action_apply(self) -> None:
        self.dismiss(self._criteria())

    def action_clear(self) -> None:
        self.dismiss(FilterCriteria())

    def action_cancel(self) -> None:
        self.dismiss(None)
