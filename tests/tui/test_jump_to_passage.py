"""Jumping to a note's passage (the Notes screen, the Review, `]`/`[`) shows the passage
whole, the reading cursor on its first line, whatever place the article was kept at.

Opening the app costs more than a jump: where jumps do not depend on each other, one app
takes them one after the other, each in an article of its own that was not open before.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.tui.article.view import ArticleView
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle, wait_until

LONG_ID = "Harbour/the-long-read.txt"
# Others like it, each in a folder (a source) of its own and about a place of its own, so
# no line of one is taken for a line its source repeats in every article.
PLACES = ("ferry", "canal", "river", "dock", "lake")
OTHER_IDS = {place: f"{place.title()}/the-long-read.txt" for place in PLACES}
SIZES = [(80, 24), (160, 48)]

SENTENCES = (
    "On the {n}th day the members of the harbour board met again in the old customs house.",
    "The chair asked whether the new quay could be finished before the winter storms came.",
    "A fisherman who had waited since the morning told them that his boat was the last one left.",
    "Nobody on the board could say when the money promised by the ministry would arrive.",
    "They agreed to write to the minister once more and to meet again in a week.",
)


def paragraph(n: int, place: str = "harbour") -> str:
    return f"Part {n}. " + " ".join(s.format(n=n).replace("harbour", place) for s in SENTENCES)


def long_read(parts: int = 40, place: str = "harbour") -> str:
    body = "\n\n".join(paragraph(n, place) for n in range(1, parts + 1))
    return f"The long read: a year of the {place} board\n\n" + body + "\n"


@pytest.fixture
def harbour(library):
    (library / "Harbour").mkdir()
    (library / "Harbour" / "the-long-read.txt").write_text(long_read(), encoding="utf-8")
    return library


@pytest.fixture
def long_reads(harbour):
    for place, article_id in OTHER_IDS.items():
        (harbour / article_id).parent.mkdir()
        (harbour / article_id).write_text(long_read(place=place), encoding="utf-8")
    return harbour


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


async def with_note(pilot, first: int, last: int, article_id: str = LONG_ID) -> tuple[int, int]:
    """A note on parts `first` to `last` of a long read; its start and end."""
    await settle(pilot)
    session = pilot.app.session
    article = session.article(article_id)
    start, end = span(article.text, first, last)
    session.annotations.add(article, start, end, note="this one")
    return start, end


async def open_from_notes_screen(pilot) -> ArticleView:
    """`A`, Enter on the newest note: the article opens at its passage."""
    await press_in_turn(pilot, "A")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NotesScreen)
    await press_in_turn(pilot, "enter")
    await settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    assert pilot.app.focused is view
    return view


async def opened_from_notes_screen(pilot, article_id: str, first: int, last: int):
    """A note on parts `first` to `last` of `article_id`, opened from the Notes screen:
    the view, the note's start and end."""
    start, end = await with_note(pilot, first, last, article_id)
    view = await open_from_notes_screen(pilot)
    assert view.article.id == article_id
    return view, start, end


@pytest.mark.parametrize("size", SIZES)
async def test_a_note_opened_from_the_notes_screen_or_by_next_note_shows_its_whole_passage(
    make_app, long_reads, size
):
    """One app, each step in an article of its own not opened before."""
    app = make_app(long_reads)
    async with app.run_test(size=size) as pilot:
        # A passage in the middle of the article.
        view, start, end = await opened_from_notes_screen(pilot, LONG_ID, 20, 20)
        assert_shows_whole(view, start, end)

        # A passage taller than the view opens with its first line near the top.
        view, start, end = await opened_from_notes_screen(pilot, OTHER_IDS["ferry"], 12, 19)
        assert view.row_of(end - 1) - view.row_of(start) >= view.size.height  # taller
        assert_shows_whole(view, start, end)

        # A passage at the end of the article shows whole at the bottom.
        view, start, end = await opened_from_notes_screen(pilot, OTHER_IDS["canal"], 40, 40)
        assert_shows_whole(view, start, end)
        bottom = round(view.scroll_y) + view.scrollable_content_region.height
        assert bottom >= len(view.plain_lines()) - 1  # the article's end on screen too

        # The kept reading position (the article open at another place, or left there
        # before) does not win over the jump.
        left_elsewhere = OTHER_IDS["river"]
        start, end = await with_note(pilot, 6, 6, left_elsewhere)
        main = app.main
        main.open_article(left_elsewhere)
        await settle(pilot)
        view = main.query_one(ArticleView)
        assert view.article.id == left_elsewhere
        await press_in_turn(pilot, "G")  # read to the end: the place kept
        await settle(pilot)
        main.open_article(AFP_ID)  # another article, then back to the note
        await settle(pilot)
        await open_from_notes_screen(pilot)
        assert view.article.id == left_elsewhere
        assert_shows_whole(view, start, end)
        await press_in_turn(pilot, "G")  # the article still open, far below the note
        await settle(pilot)
        assert view.row_of(start) < view.scroll_y
        await open_from_notes_screen(pilot)
        assert_shows_whole(view, start, end)

        # Next note (`]`) and previous note (`[`) show the whole passage, the cursor on it.
        two_notes = OTHER_IDS["dock"]
        near = await with_note(pilot, 2, 2, two_notes)
        far = await with_note(pilot, 25, 30, two_notes)
        main.open_article(two_notes)
        await settle(pilot)
        assert view.article.id == two_notes
        await press_in_turn(pilot, "right_square_bracket")
        await settle(pilot)
        assert_shows_whole(view, *near)
        await press_in_turn(pilot, "right_square_bracket")
        await settle(pilot)
        assert_shows_whole(view, *far)
        await press_in_turn(pilot, "left_square_bracket")
        await settle(pilot)
        assert_shows_whole(view, *near)


@pytest.mark.parametrize("size", SIZES)
async def test_the_review_opens_a_card_with_its_whole_passage_and_the_cursor_on_it(
    make_app, harbour, size
):
    app = make_app(harbour)
    async with app.run_test(size=size) as pilot:
        start, end = await with_note(pilot, 21, 22)
        app.main.open_article(AFP_ID)
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = app.main.query_one(ArticleView)
        assert view.article.id == LONG_ID
        assert_shows_whole(view, start, end)


async def test_the_passage_stays_whole_when_the_terminal_is_resized(make_app, long_reads):
    """One app: a passage near the start, in the middle and at the end, each in an
    article of its own, opened at 160×48, then the terminal resized."""
    app = make_app(long_reads)
    async with app.run_test(size=(160, 48)) as pilot:
        for place, parts in [("ferry", (5, 5)), ("canal", (20, 21)), ("river", (39, 40))]:
            await pilot.resize_terminal(160, 48)
            await settle(pilot)
            view, start, end = await opened_from_notes_screen(pilot, OTHER_IDS[place], *parts)
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
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert app.screen.shown[0].quote == FISHERMEN
        await press_in_turn(pilot, "r")
        await settle(pilot)
        main = app.main
        assert await wait_until(pilot, lambda: main.hits.display and main.hits.row_count > 0)
        main.hits.focus()
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = main.query_one(ArticleView)
        assert view.article.id == "Science/tides.txt"
        start, end = view.selected_span()
        assert view.article.text[start:end] == FISHERMEN
        assert_shows_whole(view, start, end)
