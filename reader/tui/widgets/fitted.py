"""Text made for the width it is drawn at (a Textual `Visual`).

Textual asks a widget's content how tall it is at a width, then draws it at that width:
text that must fit a number of rows, cut with "…", or wrap only between phrases, is made
here for each width it is asked for, so the height asked and the text drawn agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions
    from textual.widget import Widget

WIDE = 10_000  # the width it is read at before it is drawn (str(), a test)


class Fitted(Visual):
    """The Content `make(width)` returns, made again only for another width."""

    def __init__(self, make: Callable[[int], Content]) -> None:
        self._make = make
        self._made: tuple[int, Content] | None = None

    def at(self, width: int) -> Content:
        if self._made is None or self._made[0] != width:
            self._made = (width, self._make(max(1, width)))
        return self._made[1]

    def __str__(self) -> str:
        """The text as last drawn."""
        return str(self.at(self._made[0] if self._made else WIDE))

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.at(container_width).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.at(width).get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.at(width).render_strips(width, height, style, options)


def max_rows(widget: Widget, default: int) -> int:
    """The rows `widget` may take (its style's max-height), else `default`."""
    most = widget.styles.max_height
    return int(most.value) if most is not None and most.is_cells else default
