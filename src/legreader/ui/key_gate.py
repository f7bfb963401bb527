"""Keys that arrive while the keyboard changes hands wait here, then go where the reader meant.

Textual hands each key to whatever has focus when the key is read, and resolves its binding
when the key comes back up to the app. Opening a dialog or moving focus takes a few message
round trips (and a dialog 100–200 ms to draw on a slow machine), so fast typing used to reach
the widget being left: `t` then quick letters toggled the annotations panel and copied a
quote, and letters typed after `Enter` in the search box went on into the box.

The app owns one :class:`KeyGate`. From the moment a key asks for a dialog or a focus move
(:meth:`KeyGate.hold`) until the new owner of the keyboard is ready, every key and paste that
reaches the app is kept instead of handled; then :meth:`KeyGate.release` gives them back, in
the order they were typed, and the app replays them to what has focus now (the dialog, the
search box, the text). A gate never stays shut: after :data:`STALE_SECONDS` it opens anyway
(:data:`OPENING_STALE_SECONDS` while a dialog is on its way: see there).

This module knows nothing of Textual; it keeps whatever event objects it is given (they
need a ``time`` attribute, the moment they were read).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

#: A gate held this long without being released opens by itself (a request nobody
#: answered): keys are late, never lost.
STALE_SECONDS = 1.5
#: The same for a dialog that is on the screen stack but not drawn yet. It always says when
#: it is ready (after its first frame), but on a starved machine that frame takes seconds:
#: dialogs cost 100-350 ms of CPU to build, and under load with ``nice`` the burst
#: benchmark saw them ready 1.6-3.5 s after the request. Opening the gate at 1.5 s then
#: replayed the keys into a dialog without focus (lost, or a closing key run twice). The
#: clock restarts when the dialog is pushed (:meth:`KeyGate.expect`).
OPENING_STALE_SECONDS = 15.0


class KeyGate:
    """Holds keys while a dialog opens or focus moves; gives them back in typing order."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._held: list[object] = []
        self._since: float | None = None
        self.waiting_for: object | None = None
        """The dialog being opened (released when it says it is ready), or None."""
        self.still_opening: Callable[[object], bool] = lambda dialog: True
        """Whether the awaited dialog is still on its way (the app answers: it is on the
        screen stack); only then does :data:`OPENING_STALE_SECONDS` apply."""
        self.kept_total = 0
        """How many keys were ever held (for the burst benchmark)."""
        self.stale_releases = 0
        """How many times the gate opened by itself (a bug if it happens in tests)."""
        self.slow_releases = 0
        """Releases by their owner (a dialog ready, a focus move done) after more than
        :data:`STALE_SECONDS`: a slow machine, not a stuck gate."""
        self.longest_hold = 0.0
        """The longest time keys were held, in seconds (for the burst benchmark)."""

    @property
    def holding(self) -> bool:
        return self._since is not None

    def hold(self) -> None:
        """Keys from now on wait (until :meth:`release`)."""
        if self._since is None:
            self._since = self._clock()

    def expect(self, dialog: object) -> None:
        """A dialog is being opened: hold keys until it is ready.

        The stale clock restarts: the dialog has :data:`OPENING_STALE_SECONDS` to draw itself,
        however long the request took to reach it."""
        self.hold()
        self.waiting_for = dialog
        self._since = self._clock()

    def keep(self, event: object) -> None:
        """Keep one key (or paste) for later; holds the gate if it was open."""
        self.hold()
        self._held.append(event)
        self.kept_total += 1

    def _held_for(self) -> float:
        return 0.0 if self._since is None else self._clock() - self._since

    def stale(self) -> bool:
        """Held for longer than :data:`STALE_SECONDS` (:data:`OPENING_STALE_SECONDS` while
        the dialog :meth:`expect` named is still opening: see :attr:`still_opening`)."""
        dialog = self.waiting_for
        opening = dialog is not None and self.still_opening(dialog)
        limit = OPENING_STALE_SECONDS if opening else STALE_SECONDS
        return self._since is not None and self._held_for() > limit

    def release(self, *, timed_out: bool = False) -> list[object]:
        """Open the gate: the kept events, oldest first (by the time they were read).

        ``timed_out``: opened because it was :meth:`stale`, not by its owner (counted)."""
        held_for = self._held_for()
        self.longest_hold = max(self.longest_hold, held_for)
        if timed_out:
            self.stale_releases += 1
        elif held_for > STALE_SECONDS:
            self.slow_releases += 1
        held = sorted(self._held, key=lambda event: getattr(event, "time", 0.0))
        self._held = []
        self._since = None
        self.waiting_for = None
        return held


# Widgets and dialogs reach the app's gate through these (a no-op in an app without one,
# e.g. a test harness that mounts one widget).


class _Node(Protocol):
    """A widget or screen: anything with the app it belongs to."""

    @property
    def app(self) -> object: ...


def hold_keys(node: _Node) -> None:
    """A key just asked for a dialog or a focus move: hold the keys that follow."""
    hold = getattr(node.app, "hold_keys", None)
    if callable(hold):
        hold()


def release_keys_soon(node: _Node) -> None:
    """The focus move is under way: give the held keys back once it has happened."""
    release = getattr(node.app, "release_keys_soon", None)
    if callable(release):
        release()


def pass_key_on(node: _Node, event: object) -> bool:
    """A key reached a widget that is handing the keyboard over: keep it for the next owner.

    Returns False (the widget keeps the key) in an app without a gate.
    """
    keep = getattr(node.app, "keep_key", None)
    if not callable(keep):
        return False
    keep(event)
    return True
