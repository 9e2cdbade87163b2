"""The question asked before a note saved nowhere is dropped: y discards, anything else keeps."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from reader.tui.key_phrases import key_line
from reader.tui.keys import bindings, bound_key, bound_keys, in_sentence
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.fitted import Fitted
from reader.tui.widgets.key_bar import KeyBar

QUESTION = "Discard this note? It is saved nowhere"


class DiscardScreen(ModalScreen[bool]):
    """Asks whether to discard a note that could be neither saved nor kept aside;
    dismissed with True only on `y` (`n`, Esc and Enter keep it)."""

    DEFAULT_CSS = screen_css("discard")

    BINDINGS = bindings("discard")

    def compose(self) -> ComposeResult:
        with Vertical(id="discard"):
            yield Label(QUESTION, id="discard-question")
            yield Static(self._keys_line(), id="discard-keys")
        yield KeyBar()

    def _keys_line(self) -> Fitted:
        """ "y discard · n keep it (Esc, Enter)", each key as bound."""
        yes = bound_key(self.app, "discard.yes")
        no, *more = bound_keys(self.app, "discard.no")
        also = f" ({', '.join(in_sentence(key) for key in more)})" if more else ""
        return key_line(f"{yes} discard", f"{no} keep it{also}")

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)
