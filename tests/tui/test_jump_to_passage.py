"""Jumping to a note's passage (the Notes screen, the Review, `]`/`[`) shows the passage
whole, the reading cursor on its first line, whatever place the article was kept at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.tui.article.view import ArticleView
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import settle, wait_until

LONG_ID = "Harbour/the-long-read.txt"
SIZES = [(80, 24), (160, 48)]

SENTENCES = (
    "On the {n}th day the members of the harbour board met again in the old customs house.",
    "The chair asked whether the new quay could be finished before the winter storms came.",
    "A fisherman who had waited since the morning told them that his boat was the last one left.",
    "Nobody on the board could say when the money promised by the ministry would arrive.",
    "They agreed to write to the minister once more and to meet again in a week.",
)


def paragraph(n: int) -> str:
    return f"Part {n}. " + " ".join(s.format(n=n) for s in SENTENCES)


def long_read(parts: int = 40) -> str:
    body = "\n\n".join(paragraph(n) for n in range(1, parts + 1))
    return "The long read: a year of the harbour board\n\n" + body + "\n"


@pytest.fixture
def harbour(library):
    (library / "Harbour").mkdir()
    (library / "Harbour" / "the-long-read.txt").write_text(long_read(), encoding="utf-8")
    return library


def span(text: str, first: int, last: int) -> tuple[int, int]:
    """Parts `first` to `last` of the long read, whole."""
    start = text.index(f"Part {first}. ")
    end = text.index("in a week.", text.index(f"Part {last}. ")) + len("in a week.")
    return start, end


def on_screen(view: ArticleView) -> list[str]:
    """The article pane's lines as drawn."""
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def assert_shows_whole(view: ArticleView, start: int, end: int) -> None:
    """Every line of text[start:end] is on screen, the cursor on the first, with a line of
    context above it (its first line near the top when it is taller than the view)."""
    top, height = round(view.scroll_y), view.scrollable_content_region.height
    first, last = view.row_of(start), view.row_of(end - 1)
    lines = view.plain_lines()
    drawn = [line.strip() for line in on_screen(view)]
    assert view.cursor_row == first, (view.cursor_row, first)
    assert view.article.text[view.cursor :].startswith(view.article.text[start : start + 20])
    if last - first + 1 <= height:
        shown_rows = range(first, last + 1)
        assert top < first or top == 0, (top, first)  # some context above it
    else:
        shown_rows = range(first, top + height)
        assert top == first - 1, (top, first)  # near the top: one line of context above
    for row in shown_rows:
        assert top <= row < top + height, (row, top, height)
        assert lines[row].strip() in drawn[row - top], (row, lines[row], drawn)


async def with_note(pilot, first: int, last: int) -> tuple[int, int]:
    """A note on parts `first` to `last` of the long read; its start and end."""
    await settle(pilot)
    session = pilot.app.session
    article = session.article(LONG_ID)
    start, end = span(article.text, first, last)
    session.annotations.add(article, start, end, note="this one")
    return start, end


async def open_from_notes_screen(pilot) -> ArticleView:
    """`A`, Enter on the newest note: the article opens at its passage."""
    await pilot.press("A")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NotesScreen)
    await pilot.press("enter")
    await settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    assert pilot.app.focused is view
    return view


@pytest.mark.parametrize("size", SIZES)
async def test_a_note_opened_from_the_notes_screen_shows_its_whole_passage(make_app, harbour, size):
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        start, end = await with_note(pilot, 20, 20)
        view = await open_from_notes_screen(pilot)
        assert view.article.id == LONG_ID
        assert_shows_whole(view, start, end)


@pytest.mark.parametrize("size", SIZES)
async def test_a_passage_taller_than_the_view_opens_with_its_first_line_near_the_top(
    make_app, harbour, size
):
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        start, end = await with_note(pilot, 12, 19)
        view = await open_from_notes_screen(pilot)
        assert view.row_of(end - 1) - view.row_of(start) >= view.size.height  # taller
        assert_shows_whole(view, start, end)


@pytest.mark.parametrize("size", SIZES)
async def test_a_passage_at_the_end_of_the_article_shows_whole_at_the_bottom(
    make_app, harbour, size
):
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        start, end = await with_note(pilot, 40, 40)
        view = await open_from_notes_screen(pilot)
        assert_shows_whole(view, start, end)
        bottom = round(view.scroll_y) + view.scrollable_content_region.height
        assert bottom >= len(view.plain_lines()) - 1  # the article's end on screen too


@pytest.mark.parametrize("size", SIZES)
async def test_a_note_opened_where_the_article_was_left_elsewhere_shows_the_note(
    make_app, harbour, size
):
    """The kept reading position (the article open at another place, or left there
    before) does not win over the jump."""
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        start, end = await with_note(pilot, 6, 6)
        main = app.main
        main.open_article(LONG_ID)
        await settle(pilot)
        view = main.query_one(ArticleView)
        await pilot.press("G")  # read to the end: the place kept
        await settle(pilot)
        main.open_article(AFP_ID)  # another article, then back to the note
        await settle(pilot)
        await open_from_notes_screen(pilot)
        assert_shows_whole(view, start, end)
        await pilot.press("G")  # the article still open, far below the note
        await settle(pilot)
        assert view.row_of(start) < view.scroll_y
        await open_from_notes_screen(pilot)
        assert_shows_whole(view, start, end)


@pytest.mark.parametrize("size", SIZES)
async def test_the_review_opens_a_card_with_its_whole_passage_and_the_cursor_on_it(
    make_app, harbour, size
):
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        start, end = await with_note(pilot, 21, 22)
        app.main.open_article(AFP_ID)
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")
        await settle(pilot)
        view = app.main.query_one(ArticleView)
        assert view.article.id == LONG_ID
        assert_shows_whole(view, start, end)


@pytest.mark.parametrize("parts", [(5, 5), (20, 21), (39, 40)])
async def test_the_passage_stays_whole_when_the_terminal_is_resized(make_app, harbour, parts):
    app = make_app(harbour)
    async with app.run_test(size=(160, 48)) as pilot:
        start, end = await with_note(pilot, *parts)
        view = await open_from_notes_screen(pilot)
        for size in ((120, 30), (80, 24), (60, 30), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert_shows_whole(view, start, end)


async def test_a_note_in_folded_text_opens_with_the_folds_shown(make_app, harbour):
    app = make_app(harbour)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        article = app.session.article(AFP_ID)
        quote = "Kenya targets 5.5m international tourists"
        start = article.text.index(quote)
        assert any(b.boilerplate and b.start <= start < b.end for b in article.blocks)
        app.session.annotations.add(article, start, start + len(quote), note="folded")
        view = await open_from_notes_screen(pilot)
        assert view.article.id == AFP_ID
        assert view.show_boilerplate
        assert_shows_whole(view, start, start + len(quote))
        assert view.current_placed is not None and view.current_placed.start == start


@pytest.mark.parametrize("size", SIZES)
async def test_next_note_shows_the_whole_passage_with_the_cursor_on_it(make_app, harbour, size):
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        near = await with_note(pilot, 2, 2)
        far = await with_note(pilot, 25, 30)
        app.main.open_article(LONG_ID)
        await settle(pilot)
        view = app.main.query_one(ArticleView)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert_shows_whole(view, *near)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert_shows_whole(view, *far)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert_shows_whole(view, *near)


async def test_an_article_found_for_an_unplaced_highlight_shows_its_quote_whole(make_app, library):
    """From the Notes screen, r on an imported highlight not placed yet: the article found
    for it opens with the quote selected, on screen, the cursor on it."""
    from tests.importing.conftest import FIXTURES, import_files
    from tests.tui.test_notes_screen import FISHERMEN

    import_files(library, Path(os.environ["READER_NOTES_DIR"]), FIXTURES / "koreader.json")
    text = (FIXTURES / "library/Science/tides.txt").read_text(encoding="utf-8")
    head, tail = text.rsplit("\n\n", 1)  # the quote is in the last paragraph: far below
    filler = "\n\n".join(paragraph(n) for n in range(1, 30))
    (library / "Science").mkdir()
    (library / "Science/tides.txt").write_text(f"{head}\n\n{filler}\n\n{tail}", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert app.screen.shown[0].quote == FISHERMEN
        await pilot.press("r")
        await settle(pilot)
        main = app.main
        assert await wait_until(pilot, lambda: main.hits.display and main.hits.row_count > 0)
        main.hits.focus()
        await pilot.press("enter")
        await settle(pilot)
        view = main.query_one(ArticleView)
        assert view.article.id == "Science/tides.txt"
        start, end = view.selected_span()
        assert view.article.text[start:end] == FISHERMEN
        assert_shows_whole(view, start, end)
