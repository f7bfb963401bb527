"""`Y`: pick a citation style for the quote, with a live preview."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, OptionList, Static
from textual.widgets.option_list import Option

from legreader.ui.dialogs.base import Dialog


class StyleChoice:
    def __init__(self, style: str, with_study: bool) -> None:
        self.style = style
        self.with_study = with_study


class StylePicker(Dialog[StyleChoice | None]):
    """Styles on the left, the cited quote as it will be copied on the right."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="styles.cancel"),
        Binding("s", "toggle_study", "Study line", id="styles.toggle_study"),
    ]

    def __init__(
        self,
        styles: list[tuple[str, str]],
        render: Callable[[str, bool], str],
        *,
        current: str,
        with_study: bool,
        can_add_study: bool,
    ) -> None:
        super().__init__()
        self.style_choices = styles
        self.render_quote = render
        self.current = current
        self.with_study = with_study and can_add_study
        self.can_add_study = can_add_study

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog style-dialog") as box:
            box.border_title = "Copy the quote as…"
            box.border_subtitle = "enter copies · s study line · esc cancels"
            with Horizontal():
                yield OptionList(
                    *(Option(label, id=style) for style, label in self.style_choices),
                    id="style-list",
                )
                with VerticalScroll(id="style-preview-box"):
                    yield Static("", id="style-preview")
            yield Checkbox(
                "add the study's citation (DOI) as a second line",
                value=self.with_study,
                disabled=not self.can_add_study,
                id="with-study",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [style for style, _ in self.style_choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()
        self._preview()

    @property
    def highlighted_style(self) -> str:
        options = self.query_one(OptionList)
        index = options.highlighted or 0
        return self.style_choices[index][0]

    def _preview(self) -> None:
        text = self.render_quote(self.highlighted_style, self.with_study)
        self.query_one("#style-preview", Static).update(Text(text))

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self._preview()

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.dismiss(StyleChoice(self.highlighted_style, self.with_study))

    @on(Checkbox.Changed)
    def _study(self, event: Checkbox.Changed) -> None:
        self.with_study = event.value
        self._preview()

    def action_toggle_study(self) -> None:
        if self.can_add_study:
            self.query_one(Checkbox).toggle()

    def action_cancel(self) -> None:
        self.dismiss(None)
