"""Fast hands for Pilot tests and the burst benchmark.

:func:`burst` posts keys to the app the way a terminal delivers a fast burst: all queued at
once, nothing awaited in between (``pilot.press`` waits for the app to settle after each
key). :class:`LeakSpy` counts the actions run for the screen beneath while a dialog is
opening or open: each one is a key that reached the wrong screen.
"""

from __future__ import annotations

from typing import Any

from textual import events

#: What the terminal sends for the named keys used in bursts.
CHARACTERS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "space": " ",
    "slash": "/",
    "question_mark": "?",
    "backspace": "\x7f",
    "ctrl+f": "\x06",
    "ctrl+s": "\x13",
}

#: Actions of the app that work on any screen (priority keys), not leaks.
ANYWHERE = ("switch_pane", "command_palette")


def key_event(key: str) -> events.Key:
    character = CHARACTERS.get(key, key if len(key) == 1 else None)
    return events.Key(key, character)


def burst(app: Any, *keys: str) -> None:
    """Queue ``keys`` at once (a burst typed faster than the app draws)."""
    for key in keys:
        app.post_message(key_event(key))


def paste(app: Any, text: str) -> None:
    """A bracketed paste, as the terminal delivers it."""
    app.post_message(events.Paste(text))


class LeakSpy:
    """Records every action run for the main screen (or the app) while a dialog is
    on its way or open: from :meth:`arm` until the screen stack is back to the main screen
    after a dialog was seen."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.leaks: list[str] = []
        self.armed = False
        self.allowed = 0
        self.dialog_seen = False
        original = app.run_action

        async def spy(action: Any, default_namespace: Any = None, namespaces: Any = None) -> Any:
            ran = await original(action, default_namespace, namespaces)
            if ran:  # a disabled binding (check_action False) lets the next one try
                self._check(action, default_namespace)
            return ran

        app.run_action = spy
        app.screen_change_signal.subscribe(app, self._screen_changed, immediate=True)

    def _screen_changed(self, screen: Any) -> None:
        if not self.armed:
            return
        stack = self.app.screen_stack
        if stack and screen is not stack[0]:
            self.dialog_seen = True
        elif self.dialog_seen:
            self.armed = False  # the dialog came and went: keys go to the text again

    def arm(self, opener_actions: int = 1) -> None:
        """Watch from now; the first ``opener_actions`` actions beneath are the opener's."""
        self.armed = True
        self.allowed = opener_actions
        self.dialog_seen = False

    def disarm(self) -> None:
        self.armed = False

    def _check(self, action: Any, namespace: Any) -> None:
        if not self.armed:
            return
        app = self.app
        stack = app.screen_stack
        if isinstance(action, str) and any(name in action for name in ANYWHERE):
            return
        beneath = namespace is None or namespace is app
        if not beneath and stack:
            try:
                beneath = namespace.screen is stack[0]
            except Exception:  # a node already removed: not the main screen's
                beneath = False
        if not beneath:
            return
        if self.allowed > 0:
            self.allowed -= 1
            return
        self.leaks.append(str(action))
