"""Textual's Linux driver, able to let go of the terminal without waiting (see :mod:`quick_exit`).

Its own module: importing it needs ``termios`` (not on Windows, where the app keeps Textual's
driver and quits the usual way).
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class LeavingLinuxDriver(LinuxDriver):
    """Textual's Linux driver, that can restore the terminal without waiting for its input
    thread (:attr:`leaving`): the process ends a moment later, the thread with it."""

    leaving = False

    def disable_input(self) -> None:
        if not self.leaving:
            super().disable_input()
            return
        # Textual's disable_input restores signals and mouse reporting, then joins the input
        # thread and flushes pending input. Without a thread to join it does all but the wait.
        thread, self._key_thread = self._key_thread, None
        try:
            super().disable_input()
        finally:
            self._key_thread = thread
        self.exit_event.set()  # (cleared by the call above) the thread stops when it wakes
