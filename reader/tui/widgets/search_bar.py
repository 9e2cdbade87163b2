"""The search bar: the library search input and a place for its short messages."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from reader.text.safe import visible_line
from reader.tui.keys import bindings

PLACEHOLDER = (
    '/ search: words "a phrase" pre* -not a OR b source: author: title: after: before: is:unread'
)


class SearchInput(Input):
    """An Input whose Down, Enter and Escape are the screen's: to the hits, or back to
    the list. They are priority bindings run on the screen, so the focus has moved
    before the next key of a burst is delivered (it goes to the list, not the query)."""

    BINDINGS = bindings("search")


class SearchBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search")
        yield Label("", id="search-message")

    def set_message(self, text: str) -> None:
        self.query_one("#search-message", Label).update(Text(visible_line(text)))
