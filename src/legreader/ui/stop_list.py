"""An OptionList whose cursor stops at the ends instead of wrapping around (vim-like)."""

from __future__ import annotations

from textual.widgets import OptionList


class StopAtEndsOptionList(OptionList):
    """`j` on the last entry stays there; `k` on the first stays there."""

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and self.highlighted <= 0:
            return
        super().action_cursor_up()
