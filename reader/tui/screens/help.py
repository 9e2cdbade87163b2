"""The help screen: every key, what it does, and the id to remap it by."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from reader.tui.keys import bindings
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.key_tables import KeyTables, Sections


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = screen_css("help")

    BINDINGS = bindings("help")

    def __init__(self, sections: Sections, config_path: str) -> None:
        super().__init__()
        self.sections = sections
        self.config_path = config_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield KeyTables(self.sections, self.config_path, self.app._keymap)  # as bound
        yield KeyBar()  # help's own keys, not those of the screen beneath

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#help", VerticalScroll)
        if direction == "down":
            scroller.scroll_down()
        else:
            scroller.scroll_up()
