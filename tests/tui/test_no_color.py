"""The app on a terminal asked for no colour (NO_COLOR) or without colours (TERM=dumb):
every screen draws, notes included, and notes, find matches, the selection and its
caret, a note's flash and Compare's passages stand out without colour, each its own way."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, RadioButton

from reader.notes.schema import COLORS
from reader.session import Session
from reader.tui.article.view import ArticleView
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle, wait_until


def note_an_article(library) -> None:
    session = Session(library)
    session.update_index()
    article = session.article(AFP_ID)
    for quote, color in (("Mark Rutte", "yellow"), ("Palm Beach", "blue")):
        at = article.text.index(quote)
        session.annotations.add(article, at, at + len(quote), note="a note", color=color)
    session.index.close()


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize(
    ("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")], ids=["NO_COLOR", "TERM=dumb"]
)
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_screen_draws_without_colours(
    make_app, library, monkeypatch, name, value, theme
):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")  # the article, its notes on it
        await settle(pilot)
        assert "Mark Rutte" in screen_text(app)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen) and "Palm Beach" in screen_text(app)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert await wait_until(
            pilot, lambda: any(q in screen_text(app) for q in ("Mark Rutte", "Palm Beach"))
        )
        await press_in_turn(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and "Quit" in screen_text(app)
        await pilot.press("question_mark", "escape", "escape")
        await settle(pilot)
        await press_in_turn(pilot, "R")  # Related
        await settle(pilot)
        assert "NATO" in screen_text(app)


ATTRIBUTES = ("reverse", "underline", "bold", "italic", "dim", "blink")
WITHOUT_COLOURS = pytest.mark.parametrize(
    ("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")], ids=["NO_COLOR", "TERM=dumb"]
)


def marks(style) -> set[str]:
    """What sets a cell apart without colour."""
    return {a for a in ATTRIBUTES if getattr(style, a)}


def marks_at(view: ArticleView) -> dict[int, frozenset[str]]:
    """The marks of each character of the article's text on screen, by its offset."""
    assert view._layout is not None
    shown: dict[int, frozenset[str]] = {}
    for row in range(int(view.scroll_y), int(view.scroll_y) + view.size.height):
        if row >= view._layout.row_count or not view._layout.line(row).is_text:
            continue
        line = view._layout.line(row)
        for segment in view.render_line(row - int(view.scroll_y)):
            at = (segment.style.meta or {}).get("offset") if segment.style else None
            if at is None or at[0] < 0:
                continue
            for i in range(len(segment.text)):
                if line.start + at[0] + i < line.end:
                    shown[line.start + at[0] + i] = frozenset(marks(segment.style))
    return shown


def marks_on(view: ArticleView, text: str) -> list[set[str]]:
    """The marks of each stretch of the article shown that is exactly `text`."""
    strips = [view.render_line(row) for row in range(view.size.height)]
    return [marks(s.style) for strip in strips for s in strip if s.text == text]


@pytest.mark.parametrize(
    ("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")], ids=["NO_COLOR", "TERM=dumb"]
)
async def test_notes_and_find_matches_show_without_colours(
    make_app, library, monkeypatch, name, value
):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first(pilot)
        plain = marks_on(view, "NATO chief ")
        assert plain == [set()]
        for quote in ("Mark Rutte", "Palm Beach"):
            noted = marks_on(view, quote)
            assert noted and all(m & {"reverse", "underline"} for m in noted), (quote, noted)
        note = marks_on(view, "Palm Beach")[0]
        await pilot.press("f", *"Trump")
        await settle(pilot)
        assert len(view.matches) > 1
        found = marks_on(view, "Trump")
        assert len(found) > 1 and all(m & {"reverse", "underline"} for m in found), found
        assert all(m != note for m in found), "a match looks like a note"


LINKED = "# Links\n\nAn alliance: read [the alliance report](https://example.com/r), the alliance news.\n"


@WITHOUT_COLOURS
async def test_a_link_a_find_match_and_a_match_on_a_link_look_apart_without_colours(
    make_app, tmp_path, monkeypatch, name, value
):
    library = tmp_path / "links"
    (library / "Site").mkdir(parents=True)
    (library / "Site" / "links.md").write_text(LINKED)
    monkeypatch.setenv(name, value)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first(pilot)
        text = view.article.text
        link, news = text.index("the alliance report"), text.index("alliance news")
        link_alone = marks_at(view)[text.index("report")]
        await press_in_turn(pilot, "f", *"alliance", "enter")
        await settle(pilot)
        assert view.current_match is not None
        assert text.index("alliance") == view.matches[view.current_match][0]  # not these:
        shown = marks_at(view)
        on_link, elsewhere = shown[link + len("the a")], shown[news + 1]
        looks = {"a link": link_alone, "a match on a link": on_link, "a match": elsewhere}
        assert len(set(looks.values())) == 3 and frozenset() not in looks.values(), looks


def swatch_looks(app) -> dict[str, tuple]:
    """Each option of a dialog (a colour's swatch in the note dialog) as drawn without
    colour: its text, its name as NAME, and the attributes of each of its stretches."""
    strips = app.screen._compositor.render_strips()
    looks = {}
    for button in app.screen.query(RadioButton):
        region = button.content_region
        strip = strips[region.y].crop(region.x, region.right)
        name = str(button.name)
        looks[name] = tuple(
            (s.text.replace(name, "NAME"), frozenset(marks(s.style))) for s in strip
        )
    return looks


@WITHOUT_COLOURS
async def test_the_note_dialog_shows_which_colour_is_picked_without_colours(
    make_app, library, monkeypatch, name, value
):
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "v", "w", "a")
        assert isinstance(app.screen, AnnotateScreen)
        looks = swatch_looks(app)
        assert list(looks) == list(COLORS)
        for look in looks.values():
            assert "NAME" in "".join(text for text, _ in look), look  # each named
        picked, *others = looks.values()  # a new note is yellow
        assert all(look != picked for look in others), looks  # (the names aside)
        assert len(set(others)) == 1, "those not picked look alike"
        await press_in_turn(pilot, "tab", "tab", "right")  # to the colours: green picked
        dots = {color: look[1] for color, look in swatch_looks(app).items()}
        assert dots["green"] != dots["yellow"] == dots["blue"], dots


@WITHOUT_COLOURS
async def test_the_export_dialog_shows_which_format_is_picked_without_colours(
    make_app, library, monkeypatch, name, value
):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A", "x")
        assert isinstance(app.screen, ExportScreen)
        # Each option's dot: markdown's picked, unless another is.
        picked, *others = [look[1] for look in swatch_looks(app).values()]
        assert picked not in others and len(set(others)) == 1, (picked, others)
        # The box to replace a file: its mark, before and after it is ticked.
        force = app.screen.query_one("#export-force", Checkbox)
        marks_of = []
        for _ in range(2):
            region = force.content_region
            strip = app.screen._compositor.render_strips()[region.y]
            marks_of.append(strip.crop(region.x, region.x + 3).text)
            await pilot.click("#export-force")
            await settle(pilot)
        assert marks_of[0] != marks_of[1], marks_of


@WITHOUT_COLOURS
async def test_the_selection_and_its_caret_show_without_colours(
    make_app, library, monkeypatch, name, value
):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first(pilot)
        article = view.article
        note = marks_at(view)[article.text.index("Mark Rutte")]
        await press_in_turn(pilot, "v", "w", "w")
        assert view.caret is not None
        start, caret = view._anchor, view.caret
        shown = marks_at(view)
        selected = {shown[at] for at in range(start, caret) if not article.text[at].isspace()}
        assert len(selected) == 1, selected
        (selection,) = selected
        assert selection and selection != note, "the selection looks like a note, or the page"
        assert shown[caret] not in (selection, note), "the caret does not show"
        # A selection over a note shows on it.
        await press_in_turn(pilot, "escape")
        at = article.text.index("Mark Rutte")
        view.move_cursor(at)
        await press_in_turn(pilot, "v", "e")
        assert marks_at(view)[at + 1] not in (note, frozenset())


@WITHOUT_COLOURS
async def test_a_note_flashes_without_colours(make_app, library, monkeypatch, name, value):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first(pilot)
        at = view.article.text.index("Mark Rutte")
        note = marks_at(view)[at]
        view.flash(at, at + len("Mark Rutte"), seconds=60)
        await settle(pilot)
        assert marks_at(view)[at] != note, "the flash does not show on the note"


@WITHOUT_COLOURS
async def test_compare_tells_shared_passages_from_one_sides_own_without_colours(
    make_app, monkeypatch, name, value
):
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        shown = marks_at(screen.left)
        text = screen.left.article.text

        def looks(span) -> set[frozenset[str]]:
            return {
                shown[at]
                for at in range(span.start, span.end)
                if at in shown and not text[at].isspace()
            }

        both = looks(screen.comparison.pairs[0].a)
        only = looks(screen.comparison.only_a[0])
        assert both and only, "both kinds of passage are on screen"
        assert not both & only, f"shared {both} and one side's own {only} look the same"
        assert frozenset() not in only, "one side's own passage looks like the page"
        assert frozenset({"reverse"}) not in both | only, "a passage looks like a note"


def colour_codes(app) -> set[str]:
    """The colour codes of what the app writes to the terminal for its screen: SGR
    parameters that set a colour, by their first number (38, 48, 30-37, 90-97, …)."""
    import re

    written = app.screen._compositor.render_full_update().render_segments(app.console)
    codes = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", written):
        numbers = params.split(";")
        at = 0
        while at < len(numbers):
            n = numbers[at]
            if n in ("38", "48"):
                codes.add(n)
                at += 5 if numbers[at + 1 : at + 2] == ["2"] else 3
                continue
            if n.isdigit() and (30 <= int(n) <= 37 or 40 <= int(n) <= 47 or 90 <= int(n) <= 107):
                codes.add(n)
            at += 1
    return codes


@pytest.mark.parametrize(
    ("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")], ids=["NO_COLOR", "TERM=dumb"]
)
async def test_no_colour_is_written_to_a_terminal_asked_for_none(
    make_app, library, monkeypatch, name, value
):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert "Mark Rutte" in screen_text(app)
        assert colour_codes(app) == set()


async def test_colours_are_written_to_a_terminal_of_colours(make_app, library, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert colour_codes(app)


@WITHOUT_COLOURS
async def test_the_list_cursor_shows_without_colours(make_app, monkeypatch, name, value):
    """In reverse video: bold is what an unread article's row has."""
    monkeypatch.setenv(name, value)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one("SourceList")
        rows = [sources.render_line(y) for y in range(sources.size.height)]
        reversed_rows = [
            "".join(s.text for s in strip).strip()
            for strip in rows
            if any(s.style and s.style.reverse and s.text.strip() for s in strip)
        ]
        assert len(reversed_rows) == 1 and "NATO" in reversed_rows[0], reversed_rows
