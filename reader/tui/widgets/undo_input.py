"""A one-line field with undo and redo, as the note's field has."""

from __future__ import annotations

from textual import events
from textual.widgets import Input
from textual.widgets.input import Selection

from reader.tui.field_history import FieldHistory, FieldState
from reader.tui.keys import bindings


class UndoInput(Input):
    """An Input whose edits `ctrl+z` takes back and `ctrl+y` makes again, a step at a
    time (see `FieldHistory`). Every edit of Input's goes through `replace`; a text set
    by the app (a filter cleared) is a step too."""

    BINDINGS = bindings("field")

    _history: FieldHistory | None = None  # (Input's constructor sets the text before it)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._history = FieldHistory()
        self._known = self.value  # the text as the history has it: its first, not a step

    def _state(self) -> FieldState:
        start, end = self.selection
        return FieldState(self.value, start, end)

    def replace(self, text: str, start: int, end: int) -> None:
        before = self._state()
        start, end = sorted((max(0, start), min(len(before.text), end)))
        self._known = before.text[:start] + text + before.text[end:]
        super().replace(text, start, end)
        if self._history is None or self.value == before.text:
            self._known = self.value  # refused (too long), or the same text again
            return
        self._history.edited(before, text, start, end)

    def watch_value(self, value: str) -> None:
        if self._history is not None and value != self._known:
            known = self._known
            self._history.changed(FieldState(known, len(known), len(known)))
            self._known = value

    def _on_blur(self, event: events.Blur) -> None:
        if self._history is not None:  # (Input's own handler runs after this one)
            self._history.end_step()

    def action_undo(self) -> None:
        """Take back the last step of editing."""
        if self._history is not None:
            self._show(self._history.undo(self._state()))

    def action_redo(self) -> None:
        """Make again the step the last undo took back."""
        if self._history is not None:
            self._show(self._history.redo(self._state()))

    def _show(self, state: FieldState | None) -> None:
        if state is None:
            return
        self._known = state.text
        self.value = state.text
        self.selection = Selection(state.start, state.end)
