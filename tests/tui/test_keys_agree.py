"""README's Keys table, the `?` help screen and the bindings are one truth.

The README is read at test time and the bindings come from the real screen and widget
classes, so a key added anywhere without its row (or a row without its key) fails here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.keys import format_key

import reader.tui
from reader.tui.key_sections import key_sections
from reader.tui.keymap import textual_key
from reader.tui.screens.help import HelpScreen
from tests.tui.conftest import press_in_turn, settle

README = Path(__file__).resolve().parents[2] / "README.md"

# How the README names keys that are not a single character (`Esc`, `PgDn`, `↑`).
NAMED = {
    "esc": "escape",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
}


def readme_key(token: str) -> str | None:
    """A key as the README writes it (`Shift+Tab`, `PgDn`, `N`, `?`), as Textual names it."""
    if len(token) == 1 and token not in NAMED:
        return textual_key(token)
    parts = [NAMED.get(part.lower(), part.lower()) for part in token.split("+")]
    return textual_key("+".join(parts))


def readme_keys_by_place() -> dict[str, set[str]]:
    """README's Keys table: for each place (its first column, blank = as above), the keys
    written in backticks in its second column."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^#+ Keys\n(.*?)(?=^#)", text, re.M | re.S)
    assert section, "README has a Keys section"
    places: dict[str, set[str]] = {}
    place = ""
    rows = [line for line in section.group(1).splitlines() if line.startswith("|")]
    assert rows[0].replace(" ", "") == "|Where|Keys|What|", rows[0]
    for row in rows[2:]:
        where, keys, _what = (cell.strip() for cell in row.strip("|").split("|", 2))
        place = where or place
        for token in re.findall(r"`([^`]+)`", keys):
            key = readme_key(token)
            assert key, f"README Keys table, {place}: {token!r} is not a key"
            places.setdefault(place, set()).add(key)
    return places


def own_bindings() -> list[Binding]:
    """Every binding declared by a class of the app (not those Textual's classes bring)."""
    found = []
    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                found += [b for b in value.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return found


def keys_of(bindings) -> set[str]:
    return {key.strip() for binding in bindings for key in binding.key.split(",")}


def test_every_binding_with_a_description_is_in_the_help():
    in_help = {binding.id for _title, bindings in key_sections() for binding in bindings}
    missing = {b.id or b.key for b in own_bindings() if b.description} - in_help
    assert not missing, f"bindings the help does not list: {sorted(missing)}"


def test_every_action_in_the_help_is_written_with_a_capital_as_the_others():
    lower = [
        f"{binding.id}: {binding.description or binding.action}"
        for _title, bindings in key_sections()
        for binding in bindings
        if (binding.description or binding.action)[:1].islower()
    ]
    assert not lower, lower


def test_readme_keys_table_matches_the_bindings_screen_by_screen():
    readme = readme_keys_by_place()
    sections = key_sections()
    assert sorted(readme) == sorted(title for title, _ in sections)
    for title, bindings in sections:
        bound = keys_of(b for b in bindings if b.description)
        assert readme[title] - bound == set(), f"{title}: in README but bound to nothing"
        assert bound - readme[title] == set(), f"{title}: bound but missing from README"


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def help_as_read(pilot, scroller) -> list[str]:
    """Every line the help shows, read a screenful at a time down to its end."""
    lines = screen_lines(pilot.app)
    while scroller.scroll_y < scroller.max_scroll_y:
        await pilot.press("pagedown")
        await pilot.pause()
        lines += screen_lines(pilot.app)
    return lines


async def test_help_lists_every_key_of_every_screen_grouped_by_screen_and_scrolls(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroller = app.screen.query_one("#help")
        shown = await help_as_read(pilot, scroller)
        assert scroller.scroll_y > 0  # it scrolls
        text = "\n".join(shown)
        assert "reader — keys" in text
        for title, listed in key_sections():
            # A heading alone on its row (the scroll bar's thumb may share the row).
            heading = rf"│ *{re.escape(title)} *[ ▁-█]*│"
            assert re.search(heading, text), f"no {title} heading"
            for binding in listed:
                # A row: the keys as a user types them, what they do, the id to remap by.
                keys = ", ".join(format_key(k.strip()) for k in binding.key.split(","))
                described = rf"{re.escape(keys)} +{re.escape(binding.description)} +"
                assert re.search(described + re.escape(f"{binding.id} "), text), binding.id
        assert "article.boilerplate" in text
        assert "question_mark" not in text  # keys as a user types them
        # Hundreds of widgets, one for each table cell, made it take seconds to open.
        assert len(list(app.screen.walk_children())) < 10
        # Esc closes it, and F1 opens it too (one app for all: each run costs seconds).
        await press_in_turn(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        await press_in_turn(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
