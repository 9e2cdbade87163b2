"""The "Add from URL" dialog: a web address to fetch into the library's inbox."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reader.tui.keys import bindings
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.key_bar import KeyBar


class AddUrlScreen(ModalScreen[str | None]):
    """Ask for a URL; dismissed with it (Enter) or None (Esc)."""

    DEFAULT_CSS = screen_css("add_url")

    BINDINGS = bindings("add_url")

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url"):
            yield Label("Add a web page to the library's inbox", id="add-url-title")
            yield Input(placeholder="https://…", id="add-url-input")
            yield Static("enter add · esc cancel", id="add-url-keys")
        yield KeyBar()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        url = event.value.strip()
        if url:
            self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)
