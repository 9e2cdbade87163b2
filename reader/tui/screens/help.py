"""The help screen: every key, what it does, and the id to remap it by."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Markdown

from reader.tui.keys import bindings
from reader.tui.screens.styles import screen_css

INTRO = """\
# reader — keys

Move with the keyboard (the mouse works too: click to focus and pick, wheel to scroll).
Remap any key in the config file under `keymap:`, by the id in the last column,
for example `keymap: {{main.search: "ctrl+k"}}`. An entry that cannot be used (a key
another binding has there, a key typing needs, a key a list, table or field there takes
first) is named and ignored; `reader --check-config` lists them. Config file: `{config}`

"""


def binding_table(sections: list[tuple[str, list[Binding]]]) -> str:
    lines: list[str] = []
    for title, listed in sections:
        lines += [f"## {title}", "", "| Keys | Action | Id |", "|---|---|---|"]
        for binding in listed:
            keys = ", ".join(f"`{format_key(k.strip())}`" for k in binding.key.split(","))
            lines.append(f"| {keys} | {binding.description or binding.action} | `{binding.id}` |")
        lines.append("")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = screen_css("help")

    BINDINGS = bindings("help")

    def __init__(self, sections: list[tuple[str, list[Binding]]], config_path: str) -> None:
        super().__init__()
        self.sections = sections
        self.config_path = config_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(INTRO.format(config=self.config_path) + binding_table(self.sections))

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#help", VerticalScroll)
        if direction == "down":
            scroller.scroll_down()
        else:
            scroller.scroll_up()
