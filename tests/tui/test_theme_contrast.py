"""Every coloured text on the main screen reads on its background, in every theme, the
key bar's keys and the search placeholder too."""

from __future__ import annotations

from rich.color import ColorSystem

from reader.session import Session
from reader.tui.widgets.status_line import StatusLine
from tests.tui.conftest import pause_until_idle, press_in_turn, settle
from tests.tui.theme_contrast import contrast

TEXT, MARK = 4.5, 3.0  # WCAG: body text and headings; marks


def note_an_article(library) -> None:
    (library / "AFP" / "heads.md").write_text(
        "# Heads up\n\nSome body text here about nato.\n\n## Inside heading\n\nMore text on nato.\n"
    )
    session = Session(library)
    session.update_index()
    session.annotations.add(session.article("AFP/heads.md"), 0, 4, note="a note")
    session.index.close()


def looked_up(strips, wanted) -> list:
    return [seg.style for strip in strips for seg in strip if seg.style and wanted(seg)]


ELEMENTS = {
    # name: (which cells, the least contrast they need)
    "source header ▾ AFP": (lambda s: s.text in ("▾ ", "AFP") and s.style.bold, TEXT),
    "note count ✎": (lambda s: "✎" in s.text, TEXT),
    "unread mark ●": (lambda s: "●" in s.text, MARK),
    "heading in the article": (lambda s: "Inside heading" in s.text, TEXT),
    "reading-cursor bar ▌": (lambda s: s.text == "▌", MARK),
    "current find match": (lambda s: s.text == "nato" and s.style.bold, TEXT),
    "status line": (lambda s: "Indexed 12 new" in s.text, TEXT),
    "key bar's keys": (lambda s: s.text in ("b", "^p") and s.style.bold, TEXT),
    "search placeholder": (lambda s: s.text.startswith("/ search: words"), TEXT),
}
# Read in full colour only: a 256-colour terminal's nearest greys would make a dark
# theme's placeholder as bright as the text typed.
FULL_COLOUR_ONLY = {"search placeholder"}


async def restyled(pilot) -> None:
    """Wait until the screen carries the new theme's styles, not for a fixed number of pauses.
    (The app restyles in a callback of its own, which `settle` does not see; the theme's
    subscribers run in the same turn.)"""
    app = pilot.app
    for _ in range(800):
        await pause_until_idle(pilot)
        if app.screen._css_update_count == app._css_update_count:
            return
    raise AssertionError(f"the screen never took the {app.theme} theme's styles")


async def test_coloured_text_reads_on_its_background_in_every_theme(make_app, library):
    note_an_article(library)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "down", "enter")
        await settle(pilot)
        await press_in_turn(pilot, "ctrl+f", *"nato", "enter")
        await settle(pilot)
        app.screen.query_one(StatusLine).say("Indexed 12 new articles")
        themes = sorted(t for t in app.available_themes if not t.startswith("ansi"))
        assert "textual-light" in themes and app.theme in themes
        poor = []
        for theme in themes:
            app.theme = theme
            await restyled(pilot)
            strips = app.screen._compositor.render_strips()
            for name, (wanted, least) in ELEMENTS.items():
                styles = looked_up(strips, wanted)
                assert styles, f"{theme}: no {name} on screen"
                systems = [ColorSystem.TRUECOLOR]
                systems += [] if name in FULL_COLOUR_ONLY else [ColorSystem.EIGHT_BIT]
                for system in systems:
                    worst = min(contrast(style, system) for style in styles)
                    if worst < least:
                        poor.append(f"{theme} {system.name}: {name} {worst:.1f}:1")
        assert not poor, poor


async def test_the_default_themes_key_bar_keeps_its_colours(make_app):
    """A key colour that reads already is the theme's own: textual-dark's orange."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert app.get_css_variables()["footer-key-foreground"] == "#FFA62B"
