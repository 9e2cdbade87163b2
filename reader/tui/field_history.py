"""What undo and redo step through in a one-line field: its text before each step, where
a step is what a user thinks of as one edit (a word typed, a run of Backspace or
Delete, a paste, a cut, a word deleted, the text set by the app)."""

from __future__ import annotations

from dataclasses import dataclass

LIMIT = 200  # steps kept: the oldest go first


@dataclass(frozen=True, slots=True)
class FieldState:
    """The field's text and its selection (start == end: the cursor)."""

    text: str
    start: int
    end: int


class FieldHistory:
    """The states to go back to (undo) and forward to again (redo)."""

    def __init__(self) -> None:
        self._undo: list[FieldState] = []
        self._redo: list[FieldState] = []
        self._run: str | None = None  # the kind of the step still growing: "type", "back", …
        self._at = -1  # where its edits left the cursor: the next one there adds to it

    def edited(self, before: FieldState, text: str, start: int, end: int) -> None:
        """`text` has replaced `before.text[start:end]`: a step of its own, or part of
        the one before (a letter typed after the last, within a word; a Backspace
        after a Backspace)."""
        low, high = sorted((before.start, before.end))
        kind = _kind(text, start, end, low, high)
        new_word = (
            kind == "type" and not text.isspace() and before.text[start - 1 : start].isspace()
        )
        if kind is None or kind != self._run or not low == high == self._at or new_word:
            self._push(before)
        self._redo.clear()
        self._run = kind
        self._at = start + len(text)

    def changed(self, before: FieldState) -> None:
        """The text was set other than by typing (cleared by the app): a step of its own."""
        self._push(before)
        self._redo.clear()
        self.end_step()

    def end_step(self) -> None:
        """The next edit starts a step of its own (the cursor moved, the field was left)."""
        self._run, self._at = None, -1

    def undo(self, now: FieldState) -> FieldState | None:
        """The state before the last step, or None when there is none; `now` can be
        gone back to by redo."""
        return self._step(self._undo, self._redo, now)

    def redo(self, now: FieldState) -> FieldState | None:
        """The state the last undo left, or None when there is none."""
        return self._step(self._redo, self._undo, now)

    def _step(
        self, source: list[FieldState], target: list[FieldState], now: FieldState
    ) -> FieldState | None:
        self.end_step()
        if not source:
            return None
        target.append(now)
        return source.pop()

    def _push(self, before: FieldState) -> None:
        self._undo.append(before)
        del self._undo[:-LIMIT]


def _kind(text: str, start: int, end: int, low: int, high: int) -> str | None:
    """What the edit is, when it can be part of a step with others like it: a character
    typed at the cursor or over the selection (`low`..`high`) ("type"), one deleted
    before the cursor ("back") or after it ("forward"); None for any other (a paste, a
    selection deleted, a word deleted), a step of its own."""
    if len(text) == 1 and (start, end) == (low, high):
        return "type"
    if text or end - start != 1 or low != high:
        return None
    if end == low:
        return "back"
    return "forward" if start == low else None
