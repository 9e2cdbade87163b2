"""The start-up baseline: a minimal Textual app that shows one line."""

from textual.app import App, ComposeResult
from textual.widgets import Static

LINE = "Minimal Textual app: first line"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(LINE)


if __name__ == "__main__":
    MinimalApp().run()
