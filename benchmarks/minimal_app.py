"""The baseline for bench_startup.py: a minimal Textual app that shows one static text."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("MINIMAL READY: one static text, nothing else.")


if __name__ == "__main__":
    Minimal().run()
