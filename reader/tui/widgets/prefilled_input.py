"""A one-line field that holds text to edit, such as a note's tags or a path."""

from __future__ import annotations

from textual import events

from reader.tui.widgets.symbol_input import SymbolInput


class PrefilledInput(SymbolInput):
    """An Input whose text, when it gets the focus, is not selected: the cursor goes to
    its end, so what is typed is added to the text rather than put in its place."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def _on_focus(self, event: events.Focus) -> None:
        self.cursor_position = len(self.value)  # (Input's own handler runs after this one)
