"""A click on a key of the key bar does what the key does, and no more; a drag over it
shows no key's tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.errors import NoWidget
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.widget import Widget


class KeyBarClicks(Screen):
    """Mixin for a screen with a key bar and text to select. Textual takes a click where
    there is no text for a click elsewhere, and drops the selection: the key bar's keys act
    as they are pressed, so `w` clicked while selecting would move the caret and then end
    the selection. A click on a key keeps it. A drag held over the key bar scrolls the
    article (`article/drag_edges.py`), with no tooltip over the rows it selects."""

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

    _moved_while_held = False  # the pointer's last move was made with a button held

    def _handle_mouse_move(self, event: events.MouseMove) -> None:
        self._moved_while_held = self._selecting or self._mouse_down_offset is not None
        super()._handle_mouse_move(event)

    def _handle_tooltip_timer(self, widget: Widget) -> None:
        # Textual's own: no tooltip shows while a button is held. One shown over the
        # article's last rows would cover the selection and stop the drag's scrolling
        # (the row it selects to is under the tooltip, no longer the article's). Nor
        # after the drag, for the key the pointer came to rest on while it was held:
        # that is told by the last move, not by the release, which a busy app may handle
        # after the tooltip's timer has fired.
        if self._moved_while_held or self._selecting or self._mouse_down_offset is not None:
            return
        super()._handle_tooltip_timer(widget)
