"""Find in the current article: an input and a "3/12" counter under the article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label

from reader.tui.keys import bindings, with_keys_named
from reader.tui.widgets.handing_input import HandingInput

_HINTS = (  # the longest that fits the find bar is shown, each key named as bound
    "Find in article (Enter: go there, then {article.next_match}/{article.previous_match};"
    " {find.previous}/{find.next}, {find.close}: close)",
    "Find (Enter: go there, then {article.next_match}/{article.previous_match};"
    " {find.close}: close)",
    "Find (Enter, then {article.next_match}/{article.previous_match}; {find.close}: close)",
    "Find ({find.close}: close)",
)


class FindBar(Horizontal):
    """Hidden until asked for; reports what to find, and when to leave."""

    BINDINGS = bindings("find")

    @dataclass
    class Changed(Message):
        value: str

    @dataclass
    class Step(Message):
        delta: int

    @dataclass
    class Closed(Message):
        """The find is over (its highlights go)."""

    class Accepted(Message):
        """Enter: go to the current match (the bar stays, with its count)."""

    def compose(self) -> ComposeResult:
        yield HandingInput(
            placeholders=[with_keys_named(self.app, hint) for hint in _HINTS],
            id="find-input",
            on_enter=self._accept,
            on_leave=self.action_close,
        )
        yield Label("", id="find-count")

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._return_to: Widget | None = None
        self._accept_find: Callable[[str], None] | None = None

    def open(self, return_to: Widget, accept: Callable[[str], None] | None = None) -> None:
        """Show the bar and give it the keys; closing gives them to `return_to`. Enter
        calls `accept` with the words (it goes to the match and takes the keys, at once:
        a key typed right after it is the article's), or else posts Accepted."""
        self._return_to = return_to
        self._accept_find = accept
        self.add_class("-visible")
        self.screen.set_focus(self.input)  # at once: the next key may be queued already
        if self.input.value:
            self.input.select_all()

    @property
    def is_open(self) -> bool:
        return self.has_class("-visible")

    def set_count(self, text: str) -> None:
        self.query_one("#find-count", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    def _accept(self) -> None:
        if self._accept_find is not None:
            self._accept_find(self.input.value)
        else:
            self.post_message(self.Accepted())

    def action_next(self) -> None:
        self.post_message(self.Step(1))

    def action_previous(self) -> None:
        self.post_message(self.Step(-1))

    def action_close(self) -> None:
        """Close the find, its matches with it (the screen hears of it)."""
        if self.input.has_focus:  # at once, as on opening (an Esc from the article
            # may already be followed by another that moved the keys on: not then)
            self.screen.set_focus(self._return_to)
        self.remove_class("-visible")
        self.set_count("")
        self.post_message(self.Closed())
