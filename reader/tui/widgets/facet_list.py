"""The Notes screen's tag and status lists: an option a row, the whole of one cut short
as a tooltip."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import OptionList

OPTION_PADDING = 2  # cells an option's padding takes, a cell each side


class FacetList(OptionList):
    """A list of facets, each on one row (cut with an ellipsis, in the styles); the whole
    of one cut short, under the pointer or else highlighted, is the tooltip."""

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_whole(event.option_index)

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        super()._on_mouse_move(event)
        over = event.style.meta.get("option")
        self._show_whole(over if isinstance(over, int) else self.highlighted)

    def _show_whole(self, index: int | None) -> None:
        """The tooltip: the option at `index` when it is cut short (else none)."""
        self.tooltip = None
        if index is not None and 0 <= index < self.option_count:
            prompt = self.get_option_at_index(index).prompt
            room = self.scrollable_content_region.width - OPTION_PADDING
            if cell_len(str(prompt)) > room:
                self.tooltip = prompt
