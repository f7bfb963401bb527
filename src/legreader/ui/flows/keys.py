"""The app's key routing: keys typed while the keyboard changes hands are held and replayed.

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import Screen

from legreader.ui.dialogs.base import SafeScreen
from legreader.ui.flows.state import AppFlow
from legreader.ui.key_gate import STALE_SECONDS
from legreader.work.pacing import ui_busy


class KeyRouting(AppFlow):
    """Keys typed while the keyboard changes hands (a dialog opening, focus moving to or from
    the search box) are held and replayed to the new owner: never to the screen beneath."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste, events.MouseDown)):
            ui_busy()  # background threads (a large database opening) wait while it is drawn
        if isinstance(event, (events.Key, events.Paste)) and self.closing:
            return  # the app is closing: a key still queued has nothing left to reach
        if isinstance(event, (events.Key, events.Paste)) and not self.main.hidden_mounted:
            self.main.mount_hidden()  # a key before the first frame may ask for one of them
        if isinstance(event, events.Key) and event.key == "q" and self._q_quits_now():
            # Not held until the compare view is drawn (under load, a second or more).
            await self.action_quit()
            return
        if isinstance(event, (events.Key, events.Paste)) and self.key_gate.holding:
            if not self.key_gate.stale():
                # A fresh key, or one coming back up from the widget it was given to
                # before the gate closed (its binding is resolved here, so not yet run).
                self.key_gate.keep(event)
                return
            await self._replay_held_keys(timed_out=True)
        await super().on_event(event)

    def _q_quits_now(self) -> bool:
        """True while keys are held for a dialog on its way that says `q` means "quit" there
        too (no text box, no `q` of its own: the compare view), and `q` is the app's quit."""
        waiting_for = self.key_gate.waiting_for
        if not self.key_gate.holding or not getattr(waiting_for, "QUIT_KEY_QUITS", False):
            return False
        active = self.active_bindings.get("q")
        return (
            active is not None
            and active.node is self
            and active.binding.action == "quit"
            and active.enabled
        )

    def hold_keys(self) -> None:
        """Hold the keys that follow until :meth:`release_keys_soon` or a dialog is ready."""
        if not self.key_gate.holding:
            self.set_timer(STALE_SECONDS + 0.1, self._release_if_stale)
        self.key_gate.hold()

    def keep_key(self, event: events.Key) -> None:
        """Keep a key a widget received but that is meant for the next owner of the keyboard."""
        self.hold_keys()
        self.key_gate.keep(event)

    def release_keys_soon(self) -> None:
        """Replay the held keys once the focus changes already asked for have happened."""
        self.call_later(self._replay_held_keys)

    async def _replay_held_keys(self, timed_out: bool = False) -> None:
        for held in self.key_gate.release(timed_out=timed_out):
            fresh: events.Event
            if isinstance(held, events.Key):
                fresh = events.Key(held.key, held.character)
            elif isinstance(held, events.Paste):
                fresh = events.Paste(held.text)
            else:  # only keys and pastes are ever kept
                continue
            # Through on_event: a replayed key that opens a dialog holds the rest again.
            await self.on_event(fresh)

    async def _release_if_stale(self) -> None:
        if self.key_gate.stale():
            await self._replay_held_keys(timed_out=True)
        elif self.key_gate.holding:  # held again since this timer was set, or a dialog opening
            self.set_timer(STALE_SECONDS / 2, self._release_if_stale)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """Published by Textual as a screen is pushed or popped, before it is drawn."""
        if len(self.screen_stack) > 1:
            from legreader.ui.deferred_widgets import load_screen_styles

            load_screen_styles(self)  # a dialog before the first frame was done
        gate = self.key_gate
        if isinstance(screen, SafeScreen) and not screen.ready_for_keys:
            if not gate.holding:
                self.set_timer(STALE_SECONDS + 0.1, self._release_if_stale)
            gate.expect(screen)
        elif gate.waiting_for is not None and gate.waiting_for not in self.screen_stack:
            self.release_keys_soon()  # closed before it was ready

    @on(SafeScreen.Ready)
    async def _screen_ready(self, event: SafeScreen.Ready) -> None:
        gate = self.key_gate
        # The dialog waited for, or any dialog now on top while keys are held (a request
        # released and held again while this one was opening).
        if gate.waiting_for is event.screen or (gate.holding and event.screen is self.screen):
            await self._replay_held_keys()
