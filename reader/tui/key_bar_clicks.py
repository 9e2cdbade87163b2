"""A click on a key of the key bar does what the key does, and no more."""

from __future__ import annotations

from textual.errors import NoWidget
from textual.screen import Screen


class KeyBarClicks(Screen):
    """Mixin for a screen with a key bar and text to select. Textual takes a click where
    there is no text for a click elsewhere, and drops the selection: the key bar's keys act
    as they are pressed, so `w` clicked while selecting would move the caret and then end
    the selection. A click on a key keeps it."""

    def clear_selection(self) -> None:
        if not self._on_a_key():
            super().clear_selection()

    def _on_a_key(self) -> bool:
        """Whether the pointer is on a key of a key bar."""
        from textual.widgets._footer import FooterKey

        from reader.tui.widgets.key_bar import KeyBar  # (not needed for the first frame)

        try:
            widget, _ = self.get_widget_at(*self.app.mouse_position)
        except NoWidget:
            return False
        return isinstance(widget, FooterKey) and isinstance(widget.parent, KeyBar)
