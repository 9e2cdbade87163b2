"""The search bar: the library search input and a place for its short messages."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from reader.text.safe import visible_line
from reader.tui.keys import bindings, bound_key
from reader.tui.widgets.handing_input import HandingInput

# The longest that fits the search bar is shown (README's Search section has them all),
# each after the key that opens the search.
PLACEHOLDERS = (
    'search: words "a phrase" pre* -not a OR b source: author: title: after: before: is:unread',
    'search: words "a phrase" pre* -not a OR b source: title: after: is:unread',
    'search: words "a phrase" pre* -not source: title:',
    "search",
)


def placeholders(key: str) -> tuple[str, ...]:
    """The search bar's hints, naming `key` (the search key as bound)."""
    return tuple(f"{key} {hint}" for hint in PLACEHOLDERS)


class SearchInput(HandingInput):
    """An Input whose Down, Enter and Escape are the screen's: to the hits, or back to
    the list. Escape is a priority binding run on the screen, so the focus has moved
    before the next key of a burst is delivered (it goes to the list, not the query);
    Down and Enter are read in turn, after the keys typed before them (the query is
    whole), and the keys read after them are handed to the hits."""

    BINDINGS = bindings("search")

    def on_mount(self) -> None:
        screen = self.screen
        self.on_leave = screen.action_search_leave  # type: ignore[attr-defined]
        self.on_enter = self.on_down = screen.action_search_results  # type: ignore[attr-defined]


class SearchBar(Horizontal):
    def compose(self) -> ComposeResult:
        key = bound_key(self.app, "main.search")
        yield SearchInput(placeholders=placeholders(key), id="search")
        yield Label("", id="search-message")

    def set_message(self, text: str) -> None:
        self.query_one("#search-message", Label).update(Text(visible_line(text)))
