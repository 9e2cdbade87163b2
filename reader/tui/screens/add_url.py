"""The "Add from URL" dialog: a web address to fetch into the library's inbox."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reader.errors import ReaderError
from reader.importing.stopping import CANCELLED, FetchStop
from reader.text.safe import visible
from reader.tui.key_phrases import key_line
from reader.tui.keys import bindings, bound_key
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.fitted import Fitted
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.symbol_input import SymbolInput


class AddUrlScreen(ModalScreen[None]):
    """Ask for a URL and fetch it with `add` (in a thread: it returns the line that says
    where the page went, or raises). Closed once added, with a toast; a page not added
    leaves the dialog open, the URL kept to mend or try again, the reason shown in it.
    Esc closes it and cancels a fetch under way: nothing is written."""

    DEFAULT_CSS = screen_css("add_url")

    BINDINGS = bindings("add_url")

    def __init__(self, add: Callable[[str, FetchStop], str]) -> None:
        super().__init__()
        self._add = add
        self.fetching: str | None = None  # the URL being fetched
        self._stop = FetchStop()  # that fetch's

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url"):
            yield Label("Add a web page to the library's inbox", id="add-url-title")
            yield SymbolInput(placeholder="https://…", id="add-url-input")
            yield Static("", id="add-url-problem")
            yield Static(self._keys_line("add"), id="add-url-keys")
        yield KeyBar()

    def _keys_line(self, enter: str) -> Fitted:
        """The dialog's line of keys (Enter is the field's own), naming Esc's as bound."""
        return key_line(f"enter {enter}", f"{bound_key(self.app, 'add_url.cancel')} cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        url = event.value.strip()
        if url and self.fetching is None:
            self.fetching = url
            self._stop = stop = FetchStop()
            self._say("Fetching…", problem=False)
            app = self.app  # (the worker ends after the dialog, should Esc close it)
            app.run_worker(
                lambda: self._fetch(app, url, stop),
                thread=True,
                group="add-url",
                exit_on_error=False,
            )

    def _fetch(self, app: App, url: str, stop: FetchStop) -> None:
        try:
            said, failed = self._add(url, stop), False
        except (ReaderError, OSError) as error:
            said, failed = f"Not added: {error}", True
        if stop.reason != CANCELLED:  # (cancelled: the dialog is gone, nothing to say)
            app.call_from_thread(self._fetched, said, failed)

    def _fetched(self, said: str, failed: bool) -> None:
        self.fetching = None
        if failed and self.is_attached:
            self._say(said, problem=True)
            self.query_one("#add-url-keys", Static).update(self._keys_line("try again"))
            self.query_one("#add-url-input", Input).focus()
            return
        self.app.notify(
            said, severity="error" if failed else "information", timeout=8 if failed else 6
        )
        if self.is_attached:
            self.dismiss(None)

    def _say(self, line: str, *, problem: bool) -> None:
        shown = self.query_one("#add-url-problem", Static)
        shown.update(Text(visible(line)))
        shown.set_class(True, "-shown")
        shown.set_class(problem, "-problem")

    def action_cancel(self) -> None:
        self._stop.stop(CANCELLED)
        self.dismiss(None)
