"""The widget's own colours, worked out once per drawing rather than once per line."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip


class DrawStyle:
    """Mixin for Line API widgets: `base_style` is `rich_style`, computed once per draw.

    `rich_style` walks every ancestor's styles each time it is read; a line widget that
    reads it per line pays that walk forty times a screen.
    """

    _drawing_style: Style | None = None

    @property
    def base_style(self) -> Style:
        style = self._drawing_style
        return self.rich_style if style is None else style  # type: ignore[attr-defined]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawing_style = self.rich_style  # type: ignore[attr-defined]
        try:
            return super().render_lines(crop)  # type: ignore[misc]
        finally:
            self._drawing_style = None


def on_base(text: Text, console: Console, base: Style) -> list[Segment]:
    """`text`'s segments painted over `base`, every one with a style.

    Rich renders a text without spans as one bare segment, its own style dropped;
    Textual's NO_COLOR filter fails on a segment without a style.
    """
    if not text.spans:
        own = console.get_style(text.style) if text.style else None
        return [Segment(text.plain, base + own if own else base)]
    return [Segment(s.text, base + s.style if s.style else base) for s in text.render(console)]


def fitted(segments: list[Segment], used: int, width: int, style: Style) -> Strip:
    """One strip of exactly `width` cells from segments that cover `used` cells.

    Padding or cropping here makes one strip, where `extend_cell_length` then `crop`
    make two more.
    """
    if used > width:
        return Strip(segments, used).crop(0, width)
    if used < width:
        segments.append(Segment(" " * (width - used), style))
    return Strip(segments, width)
