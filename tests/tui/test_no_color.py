"""The app on a terminal asked for no colour (NO_COLOR) or without colours (TERM=dumb):
every screen draws, notes included, and notes and find matches stand out without colour."""

from __future__ import annotations

import pytest

from reader.session import Session
from reader.tui.article.view import ArticleView
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, settle, wait_until


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
        await pilot.press("enter")  # the article, its notes on it
        await settle(pilot)
        assert "Mark Rutte" in screen_text(app)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen) and "Palm Beach" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert await wait_until(
            pilot, lambda: any(q in screen_text(app) for q in ("Mark Rutte", "Palm Beach"))
        )
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and "Quit" in screen_text(app)
        await pilot.press("question_mark", "escape", "escape")
        await settle(pilot)
        await pilot.press("R")  # Related
        await settle(pilot)
        assert "NATO" in screen_text(app)


def marks(style) -> set[str]:
    """What sets a cell apart without colour."""
    return {a for a in ("reverse", "underline", "bold", "italic") if getattr(style, a)}


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
