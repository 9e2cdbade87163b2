"""A mouse drag begun in the article and gone past the pane's edge: Textual selects to
the very start (or end) of the article, off screen; here the selection stops at the
edge, as in an editor: past a side, on the row the pointer is on; above or below the
pane, on the first or last row shown, the article scrolling on while the pointer is
held there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Offset
from textual.selection import Selection

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Widget
    from textual.timer import Timer
else:
    _Widget = object

SCROLL_EVERY = 1 / 20  # seconds between steps while the pointer is held past the pane
MOST_ROWS = 4  # rows a step scrolls, the pointer that far past the pane or farther


class DragEdges(_Widget):
    """Part of `ArticleView`: a drag's selection kept to the pane, and its scrolling."""

    _edge_drag: Selection | None = None  # Textual's selection for a drag past the edge
    _edge_kept: Selection | None = None  # the one shown instead
    _edge_step = 0  # rows scrolled at each step: up (-), down (+), none (0)
    _edge_timer: Timer | None = None

    def _kept_at_edge(self, selection: Selection) -> Selection | None:
        """For a drag begun here and gone past the pane (one end of `selection` open),
        the selection to show instead; None for any other, the scrolling stopped."""
        kept = self._at_edge(selection)
        if kept is None:
            self._stop_edge_scroll()
            return None
        self._edge_drag, self._edge_kept = selection, kept
        if self._edge_step and self._edge_timer is None:
            self._edge_timer = self.set_interval(SCROLL_EVERY, self._edge_scroll)
        return kept

    def _at_edge(self, selection: Selection) -> Selection | None:
        if (selection.start is None) == (selection.end is None):
            return None
        x, y = self.app.mouse_position
        region = self.scrollable_content_region  # (the scrollbar left out)
        if y < region.y:  # above: the first row shown, the article scrolling up
            row, self._edge_step = region.y, -min(MOST_ROWS, region.y - y)
        elif y >= region.bottom:  # below: the last row shown, scrolling down
            row, self._edge_step = region.bottom - 1, min(MOST_ROWS, y - region.bottom + 1)
        elif region.x <= x < region.right:
            return None
        else:  # past a side (into the list, onto the scrollbar): the row the pointer is on
            row, self._edge_step = y, 0
        widget, edge = self.screen.get_widget_and_offset_at(
            min(max(x, region.x), region.right - 1), row
        )
        if widget is not self or edge is None:
            return None
        # As Textual's own, the selection ends after the cell the drag ends on.
        if selection.start is None:
            assert selection.end is not None
            return Selection(edge, selection.end + Offset(1, 0))
        return Selection(selection.start, edge + Offset(1, 0))

    def _edge_scroll(self) -> None:
        """A step of the scrolling while the pointer is held past the top or bottom; the
        selection follows to the row shown there."""
        drag = self._edge_drag
        # (Textual's own flag for a drag under way: no public one says the button is up.
        # It stays on when the release is lost: gone to a dialog opened meanwhile, or
        # never told, the terminal's window left for another.)
        if (
            drag is None
            or not getattr(self.screen, "_selecting", False)
            or self.app.screen is not self.screen
            or not self.app.app_focus
        ):
            self._stop_edge_scroll()
            return
        self.scroll_to(y=self.scroll_y + self._edge_step, animate=False, immediate=True)
        kept = self._kept_at_edge(drag)
        if kept is not None:
            self.screen.selections = {self: kept}

    def _stop_edge_scroll(self) -> None:
        self._edge_drag = self._edge_kept = None
        if self._edge_timer is not None:
            self._edge_timer.stop()
            self._edge_timer = None

    def on_mouse_up(self, _event: events.MouseUp) -> None:
        self._stop_edge_scroll()  # a release seen here ends the drag, whatever Textual says
