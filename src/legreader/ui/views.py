"""What a controller may ask of the screen it works for (the main screen meets it): say
something, open a dialog, run a worker. Controllers are handed such views, never the app
(see :mod:`legreader.ui.copying`, :mod:`legreader.ui.transfer`,
:mod:`legreader.ui.adding_controller`); each adds what else it reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen, ScreenResultCallbackType
    from textual.worker import Worker


class DialogViews(Protocol):
    """Notifications, dialogs and workers of the screen a controller works for."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def open_dialog(
        self, dialog: Screen[Any], callback: ScreenResultCallbackType[Any] | None = None
    ) -> None: ...

    def run_worker(
        self,
        work: Callable[[], object],
        *,
        group: str = "default",
        exit_on_error: bool = True,
        thread: bool = False,
    ) -> Worker[object]: ...
