"""Find in the current article: an input and a "3/12" counter under the article."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from reader.tui.keys import bindings


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
        """The find is over; `had_focus` when its input had the keys (they go back to the
        article then, and only then: an Esc from the article may already be followed by
        another that moved them on)."""

        had_focus: bool

    class Accepted(Message):
        """Enter: go to the current match (the bar stays, with its count)."""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Find in article (Enter: go there, then n/N; ↑/↓, Esc: close)",
            id="find-input",
        )
        yield Label("", id="find-count")

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    def open(self) -> None:
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
        self.post_message(self.Accepted())

    def action_next(self) -> None:
        self.post_message(self.Step(1))

    def action_previous(self) -> None:
        self.post_message(self.Step(-1))

    def action_close(self) -> None:
        """Close the find, its matches with it (the screen hears of it)."""
        had_focus = self.input.has_focus
        self.remove_class("-visible")
        self.set_count("")
        self.post_message(self.Closed(had_focus))
