"""Annotation colours as backgrounds that read well on dark and on light themes.

Each stays its own colour on a 256-colour terminal too, which shows the nearest of its
colours: dark 58, 22, 24, 53, 54, 94; light 229, 194, 189, 224, 183, 223. A terminal of 8
or 16 colours has colours of its own for notes and Compare (`FEW`); one without colours
sets each apart by an attribute (reverse video, underline, bold, italics, blink).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style

if TYPE_CHECKING:
    from textual.app import App

_DARK = {
    "yellow": "#5c5200",
    "green": "#24502a",
    "blue": "#1f4a80",
    "pink": "#672a4e",
    "purple": "#4b2a8c",
    "orange": "#804a10",
}
_LIGHT = {
    "yellow": "#fff0a0",
    "green": "#c8ecc8",
    "blue": "#cce0ff",
    "pink": "#ffd3e8",
    "purple": "#e0c0ff",
    "orange": "#ffdcb0",
}

# On a terminal of 8 or 16 colours the nearest of the colours above is grey, or white
# text on yellow: notes there are black text on a bright colour, or white on a dark one,
# whatever the theme. Each value is one the terminal has as it is (bright yellow 103,
# bright green 102, bright cyan 106, bright magenta 105, blue 44, red 41).
_BLACK, _WHITE = "#000000", "#ffffff"
_FEW = {
    "yellow": Style(color=_BLACK, bgcolor="#ffff55"),
    "green": Style(color=_BLACK, bgcolor="#55ff55"),
    "blue": Style(color=_BLACK, bgcolor="#55ffff"),
    "pink": Style(color=_BLACK, bgcolor="#ff55ff"),
    "purple": Style(color=_WHITE, bgcolor="#0000aa"),
    "orange": Style(color=_WHITE, bgcolor="#aa0000"),
}
FEW = ("standard", "windows")  # the console's colour systems of 8 or 16 colours
# Without colours (NO_COLOR, TERM=dumb) a note is shown in reverse video; the other parts
# of an article that colours set apart get an attribute each, added to their own styles:
# find's matches underlined, links in italics rather than underlined (a match on a link
# would look like a link), the selection reversed and underlined, its caret bold and
# blinking in it.
_NO_COLOURS = Style(reverse=True)
NO_COLOUR_PARTS = {
    "link": Style(italic=True, underline=False),
    "match": Style(underline=True),
    "match-current": Style(underline=True),
    "selection": Style(reverse=True, underline=True),
    "caret": Style(bold=True, blink=True),
}
# The short flash that points the eye at a passage (a note opened from elsewhere): reverse
# video, and without colours, where notes are in reverse video, bold, underlined and blinking.
_FLASH = Style(reverse=True)
_FLASH_NO_COLOURS = Style(bold=True, underline=True, blink=True)

# Compare's backdrops, by dark theme: passages told by both sides, and those only one side
# tells. No note colour is any of them, in truecolor or as the nearest of 256 colours, so a
# note shows on either.
COMPARE_SHARED = {True: "#3a3a3a", False: "#c0ecec"}
COMPARE_OWN = {True: "#501c1c", False: "#e6e6c0"}
# On a terminal of 8 or 16 colours those come out as one colour, or as the page: there
# passages told by both are black text on grey (bright black 100), one side's own black
# on bright red (101), whatever the theme; no note colour is either.
_COMPARE_FEW = (Style(color=_BLACK, bgcolor="#555555"), Style(color=_BLACK, bgcolor="#ff5555"))
# Without colours what both sides tell is in italics, one side's own in bold (dim would
# be drawn as a colour, and come out as none).
_COMPARE_NO_COLOURS = (Style(italic=True), Style(bold=True))


def note_colors(dark: bool) -> dict[str, str]:
    """Each annotation colour's background, by name."""
    return dict(_DARK if dark else _LIGHT)


def tints(dark: bool) -> list[str]:
    """Every background reader lays under article text: note colours and Compare's."""
    return [*note_colors(dark).values(), COMPARE_SHARED[dark], COMPARE_OWN[dark]]


def compare_styles(dark: bool, colors: str | None = "truecolor") -> tuple[Style, Style]:
    """Compare's backdrops, (shared, own), on a terminal whose console has the colour
    system `colors` (None: no colours, see `colour_system`)."""
    if colors is None:
        return _COMPARE_NO_COLOURS
    if colors in FEW:
        return _COMPARE_FEW
    return Style(bgcolor=COMPARE_SHARED[dark]), Style(bgcolor=COMPARE_OWN[dark])


def colour_system(app: App) -> str | None:
    """The colour system the app draws in, as its console names it; None where it draws
    without colours: NO_COLOR set, or a terminal of none (TERM=dumb)."""
    return None if app.no_color else app.console.color_system


def highlight_style(color: str, dark: bool, colors: str | None = "truecolor") -> Style:
    """The background for an annotation colour on a terminal whose console has the
    colour system `colors` (None: no colours, see `colour_system`); unknown names fall
    back to yellow."""
    if colors is None:
        return _NO_COLOURS
    if colors in FEW:
        return _FEW.get(color, _FEW["yellow"])
    table = _DARK if dark else _LIGHT
    return Style(bgcolor=table.get(color, table["yellow"]))


def flash_style(colors: str | None = "truecolor") -> Style:
    """The flash over a passage, on a terminal whose console has the colour system
    `colors` (None: no colours, see `colour_system`)."""
    return _FLASH_NO_COLOURS if colors is None else _FLASH
