"""Text colours worked out from the active theme so they stay readable on its backgrounds.

A theme's accent is made to be a background (orange #FEA62B on textual-light's grey reads
at 1.3:1); as text it is darkened on light themes and lightened on dark ones until it
reaches the WCAG ratio against every background it is drawn on. So are the key bar's
keys and the inputs' placeholders, in every theme; a key colour that reads already is
kept as the theme gives it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rich.color import ColorSystem
from textual.color import Color

from reader.tui.article.colors import tints

TEXT_CONTRAST = 4.5  # WCAG AA for body text and headings
MARGIN = 0.2


@lru_cache(maxsize=1024)
def luminance(color: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21, the lesser of truecolor's and a
    256-colour terminal's (which shows the nearest of its colours)."""
    return min(_ratio(a, b), _ratio(_in_256(a), _in_256(b)))


# Each shade tried is checked against every background: each background's nearest
# terminal colour and luminance are worked out once (a third of start-up's theme work).
@lru_cache(maxsize=1024)
def _in_256(color: Color) -> Color:
    r, g, b = color.rich_color.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return Color(r, g, b)


def _ratio(a: Color, b: Color) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(
    color: Color, backgrounds: Iterable[Color], dark: bool, full_colour: bool = False
) -> Color:
    """`color`, lightened (dark theme) or darkened (light theme) just enough to read on
    every one of `backgrounds`; the other way where none of that way's shades reads (on
    a mid-tone, such as solarized's blue key bar). `full_colour`: as a terminal of full
    colour shows them only, not a 256-colour one too."""
    grounds = list(backgrounds)
    goal = TEXT_CONTRAST + MARGIN
    measure = _ratio if full_colour else contrast
    for lighten in (dark, not dark):
        for step in range(21):
            amount = step * 0.05
            shade = color.lighten(amount) if lighten else color.darken(amount)
            if min(measure(shade, ground) for ground in grounds) >= goal:
                return shade
    return Color(255, 255, 255) if dark else Color(0, 0, 0)


def reads(color: Color, grounds: Iterable[Color]) -> bool:
    """Whether `color` reads on each of `grounds` at the WCAG ratio."""
    return all(contrast(color, ground) >= TEXT_CONTRAST for ground in grounds)


def goal_for(inks: list[Color], ground: Color) -> float:
    """The contrast to ask of text on `ground`: the WCAG ratio where one of `inks` reaches
    it, else the best of them."""
    return min(TEXT_CONTRAST + MARGIN, max(contrast(ink, ground) for ink in inks))


def text_variables(variables: dict[str, str], dark: bool) -> dict[str, str]:
    """`$reader-accent-text`, `-warning-text`, `-success-text`, `-on-warning` and
    `-placeholder-text`, and `$footer-key-foreground`, for a theme's CSS variables (from
    `App.get_css_variables`)."""
    background = Color.parse(variables["background"])
    if background.ansi is not None:  # the terminal's own palette: its colours are its own
        return {
            "reader-accent-text": variables["text-accent"],
            "reader-warning-text": variables["text-warning"],
            "reader-success-text": variables["text-success"],
            "reader-on-warning": variables["background"],
            "reader-placeholder-text": variables["text-disabled"],
        }
    accent = Color.parse(variables["accent"])
    warning = Color.parse(variables["warning"])
    foreground = Color.parse(variables["foreground"])
    grounds = [background]
    grounds += [background + Color.parse(variables[name]) for name in ("surface", "panel", "boost")]
    # the list's cursor rows, the article's cursor line and its find matches
    grounds += [background.blend(accent, share) for share in (0.45, 0.18)]
    grounds += [background.blend(foreground, 0.09), background.blend(warning, 0.35)]
    grounds += [Color.parse(tint) for tint in tints(dark)]
    # the theme's own ink where it reads on the warning colour, else black or white
    inks = [foreground, background, Color(0, 0, 0), Color(255, 255, 255)]
    on_warning = next(ink for ink in inks if contrast(ink, warning) >= goal_for(inks, warning))
    return {
        "reader-accent-text": readable(accent, grounds, dark).hex,
        "reader-warning-text": readable(warning, grounds, dark).hex,
        "reader-success-text": readable(Color.parse(variables["success"]), grounds, dark).hex,
        "reader-on-warning": on_warning.hex,
        **bar_and_field_variables(variables, background, accent, dark),
    }


def bar_and_field_variables(
    variables: dict[str, str], background: Color, accent: Color, dark: bool
) -> dict[str, str]:
    """The key bar's keys and the inputs' placeholders, made to read (a light theme's key
    colour on the bar's grey reads at under 3:1, atom-one-dark's at 2:1; a placeholder,
    the theme's text at 38%, at about 3:1)."""
    footer = [background + Color.parse(variables["footer-background"])]
    key = variables["footer-key-foreground"]
    surface = background + Color.parse(variables["surface"])
    muted = background.blend(Color.parse(variables["foreground"]), 0.38)
    if dark:
        # On the bar in full colour: a dark theme's focused bar (its accent at 25%) is a
        # mid-tone, and a 256-colour terminal's nearest greys are far apart; a placeholder
        # read there would be as bright as the text typed, or brighter.
        placeholder = readable(muted, [surface, background], dark, full_colour=True)
    else:  # on the search bar, and on it with the focus
        placeholder = readable(muted, [surface, surface.blend(accent, 0.25), background], dark)
    return {
        "footer-key-foreground": key
        if reads(Color.parse(key), footer)
        else readable(Color.parse(key), footer, dark).hex,
        "reader-placeholder-text": placeholder.hex,
    }
