"""The one base of every dialog (and of the compare view): safe against fast hands.

- **Dismiss works once.** Textual's ``Screen.dismiss`` pops whatever screen is on top, so a
  second ``Enter`` (or a paste ending in two newlines) dismissed the screen beneath and
  crashed with ``ScreenStackError``. Here a second dismiss, or a dismiss of a screen that is
  not on top, does nothing.
- **It says when it is ready for keys.** Once mounted and drawn (its own ``on_mount`` has
  focused what it wants), it posts :class:`SafeScreen.Ready`; the app holds every key typed
  between the request to open the dialog and this moment, then replays them into the dialog
  (see :mod:`legreader.ui.key_gate`). Keys never reach the screen beneath.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.message import Message
from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")


class SafeScreen(Screen[ResultType]):
    """A screen whose dismiss is idempotent and that announces when it can take keys."""

    class Ready(Message):
        """Posted once, when the screen is drawn and its focus is set."""

        def __init__(self, screen: SafeScreen[Any]) -> None:
            self.screen = screen
            super().__init__()

    dismissed = False
    """True once :meth:`dismiss` has run: later calls are ignored."""
    ready_for_keys = False
    """True once the screen has been drawn with its focus in place."""

    def on_mount(self) -> None:
        # Runs after the subclass's own on_mount (handlers run down the MRO), and the
        # callback after the first refresh: the focus the subclass asked for is set by then.
        self.call_after_refresh(self._announce_ready)

    def _announce_ready(self) -> None:
        if self.ready_for_keys:
            return
        self.ready_for_keys = True
        self.post_message(self.Ready(self))

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close the screen with ``result``, once; a no-op if dismissed already or not on top."""
        if self.dismissed or self.app.screen is not self:
            return AwaitComplete.nothing()
        self.dismissed = True
        return super().dismiss(result)


class Dialog(SafeScreen[ResultType], ModalScreen[ResultType]):
    """A modal dialog: the base of every dialog in legreader."""
