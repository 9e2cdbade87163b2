"""Reading the colours of the cells a screen shows, and how far apart they are (WCAG)."""

from __future__ import annotations

from rich.color import Color, ColorSystem
from rich.style import Style


def luminance(color: Color) -> float:
    """WCAG relative luminance of a colour (as a terminal with the full palette shows it)."""
    r, g, b = color.get_truecolor()

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(style: Style, system: ColorSystem = ColorSystem.TRUECOLOR) -> float:
    """The contrast ratio between a cell's text colour and its background (1 to 21), as a
    terminal with `system` shows them."""
    fg, bg = style.color, style.bgcolor
    assert fg is not None and bg is not None, f"a cell without resolved colours: {style}"
    if style.reverse:
        fg, bg = bg, fg
    fg, bg = fg.downgrade(system), bg.downgrade(system)
    lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def cells(strips, text: str) -> list[tuple[str, Style]]:
    """The segments of the rendered screen whose text contains `text`, with their styles."""
    return [
        (segment.text, segment.style)
        for strip in strips
        for segment in strip
        if text in segment.text and segment.style is not None
    ]
