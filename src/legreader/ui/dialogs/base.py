"""The one base of every dialog (and of the compare view): safe against fast hands.

- **Dismiss works once.** Textual's ``Screen.dismiss`` pops whatever screen is on top, so a
  second ``Enter`` (or a paste ending in two newlines) dismissed the screen beneath and
  crashed with ``ScreenStackError``. Here a second dismiss, or a dismiss of a screen that is
  not on top, does nothing.
- **It says when it is ready for keys.** Once mounted and drawn (its own ``on_mount`` has
  focused what it wants), or once idle on top with its focus set, it posts
  :class:`SafeScreen.Ready`; the app holds every key typed
  between the request to open the dialog and this moment, then replays them into the dialog
  (see :mod:`legreader.ui.key_gate`). Keys never reach the screen beneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.message import Message
from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")

if TYPE_CHECKING:
    _ScreenBase = Screen[Any]
else:
    # A plain mixin: Textual's CSS follows the first DOMNode base only, so the screen class
    # (ModalScreen, with its dimmed background) must be the first DOMNode base of each dialog.
    _ScreenBase = object


class SafeScreen(_ScreenBase):
    """Mixed into a screen: its dismiss is idempotent and it announces when it can take keys."""

    class Ready(Message):
        """Posted once, when the screen is drawn and its focus is set."""

        def __init__(self, screen: SafeScreen) -> None:
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

    def on_idle(self) -> None:
        # The after-refresh callback above is not always kept: Textual queues it on whatever
        # screen is on top when its message is handled, and runs it only after that screen
        # repaints. Under load the burst benchmark saw a note editor that never said it was
        # ready (keys held until the gate's backstop, 15 s). Once the screen is on top with
        # its focus in place, it is ready whatever became of that callback.
        if not self.ready_for_keys and self.is_current and self.focused is not None:
            self._announce_ready()

    def _announce_ready(self) -> None:
        if self.ready_for_keys:
            return
        self.ready_for_keys = True
        self.post_message(self.Ready(self))

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close the screen with ``result``, once; a no-op if dismissed already or not on top."""
        if self.dismissed or self.app.screen is not self:
            # (Textual leaves AwaitComplete.nothing unannotated)
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call,no-any-return]
        self.dismissed = True
        return super().dismiss(result)


class SafeFullScreen(SafeScreen, Screen[ResultType]):
    """A full screen (the compare view) with the same safety."""


class Dialog(SafeScreen, ModalScreen[ResultType]):
    """A modal dialog: the base of every dialog in legreader."""
