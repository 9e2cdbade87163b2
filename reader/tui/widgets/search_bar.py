"""The search bar: the library search input and a place for its short messages."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from reader.text.safe import visible_line
from reader.tui.keys import bindings

PLACEHOLDER = (
    '/ search: words "a phrase" pre* -not a OR b source: author: title: after: before: is:unread'
)


class SearchInput(Input):
    """An Input that hands Down and Escape to the screen."""

    BINDINGS = bindings("search")

    class ToResults(Message):
        pass

    class Left(Message):
        """Esc: back to the list, the query and its hits kept."""

    def action_to_results(self) -> None:
        self.post_message(self.ToResults())

    def action_leave(self) -> None:
        self.post_message(self.Left())


class SearchBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search")
        yield Label("", id="search-message")

    def set_message(self, text: str) -> None:
        self.query_one("#search-message", Label).update(Text(visible_line(text)))
