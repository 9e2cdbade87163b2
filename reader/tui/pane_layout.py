"""Which panes the main screen shows: the list beside the article, or the article alone.

`ctrl+b` hides or shows the list pane: a focus mode for reading, the article takes the
width. Below `NARROW_BELOW` columns the two panes cannot both be of use (the list needs
about 28 columns, a readable line about 40), so there the list hides by itself when the
focus goes to the article, and comes back when the focus goes back to the list (Esc) or
to the search bar, or with `ctrl+b`. Widening the terminal brings back a list that hid
by itself; one hidden with `ctrl+b` stays hidden until asked for.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget

NARROW_BELOW = 70  # columns: below this the list hides while an article is read
SHORT_BELOW = 24  # rows: below this the dialogs take their compact layout


class ListPane:
    """Shows and hides a screen's list pane (`#left`) beside its reading pane (`#right`)."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.hidden_by_user = False

    @property
    def pane(self) -> Widget:
        return self.screen.query_one("#left")

    @property
    def narrow(self) -> bool:
        return self.screen.size.width < NARROW_BELOW

    def _reading(self, focused: Widget | None) -> bool:
        return focused is not None and self.screen.query_one("#right") in focused.ancestors

    def toggle(self, reader: Widget) -> None:
        """Hide the list (the focus, if in it, goes to `reader`) or show it again."""
        shown = not self.pane.display
        self.hidden_by_user = not shown
        self._show(shown, reader)

    def focus_moved(self, focused: Widget | None, reader: Widget) -> None:
        """The focus on the article hides the list in a narrow terminal; the focus
        anywhere but the reading pane (the list, the search bar) shows it."""
        if focused is None:
            return
        if focused is reader:
            if self.narrow:
                self._show(False, reader)
        elif not self._reading(focused):
            self.hidden_by_user = False
            self._show(True, reader)

    def resized(self, focused: Widget | None, reader: Widget) -> None:
        if self.narrow and self._reading(focused):
            self._show(False, reader)
        elif not self.narrow and not self.hidden_by_user:
            self._show(True, reader)

    def _show(self, shown: bool, reader: Widget) -> None:
        pane = self.pane
        if pane.display == shown:
            return
        had_focus = not shown and pane.has_focus_within
        pane.display = shown
        if had_focus:
            reader.focus()
