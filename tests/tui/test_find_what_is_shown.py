"""Find in the article counts and visits what the reader sees: the text shown and the
header above it; matches in folded boilerplate are only counted, until `b` shows them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reader.tui.article.view import ArticleView
from tests.tui.conftest import open_first, press_in_turn, settle, typed

# A story with a folded "READ MORE" list of other headlines in the middle of it.
HARBOUR = """\
Harbour reopens after the storm
By Jane Doe | Mar 3, 2025
The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said in a statement.
Fishing boats were the first to leave, and the ferry to the islands resumed its timetable in the afternoon.
Engineers said the new wall was built to withstand waves twice as high as those of last week's storm.
The town council thanked volunteers who cleared the quay of debris and sandbags over the weekend.
READ MORE
Harbour master retires after forty years
Ferry fares to rise in the spring
New harbour cafe opens on the quay
Storm damage bill tops two million
Island school gets a new roof
The authority expects the summer season to start on time, with cruise ships booked from May onwards.
"We are grateful to everyone who helped," the mayor said, adding that a full report would follow in April.
"""


def one_article(tmp_path: Path, text: str, name: str = "Port/harbour-reopens.txt") -> Path:
    root = tmp_path / "lib"
    path = root / name
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return root


def count(app) -> str:
    return str(app.screen.query_one("#find-count").render())


def found_text(view: ArticleView) -> str:
    start, end = view.matches[view.current_match]
    assert start >= 0, "a match in the text, not the header"
    return view.article.text[start:end]


def in_folded_text(view: ArticleView, offset: int) -> bool:
    return any(b.boilerplate and b.start <= offset < b.end for b in view.article.blocks)


async def test_find_counts_only_the_shown_matches_and_says_how_many_are_folded(make_app, tmp_path):
    app = make_app(one_article(tmp_path, HARBOUR))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first(pilot)
        assert "Ferry fares" not in "\n".join(view.plain_lines())  # folded, hidden
        await press_in_turn(pilot, "f")
        await typed(pilot, *"ferry")
        assert count(app) == "1/1 · 1 more in folded text (b shows them)"
        await press_in_turn(pilot, "enter", "n", "n")
        assert found_text(view).lower() == "ferry"
        assert not in_folded_text(view, view.cursor)  # n never goes where nothing shows


async def test_b_shows_the_folded_matches_and_n_visits_them(make_app, tmp_path):
    app = make_app(one_article(tmp_path, HARBOUR))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"ferry")
        await press_in_turn(pilot, "enter", "b")
        assert count(app) == "1/2"
        await press_in_turn(pilot, "n")
        assert count(app) == "2/2"
        assert found_text(view) == "Ferry" and in_folded_text(view, view.cursor)
        await press_in_turn(
            pilot, "b"
        )  # hidden again: the current match goes back to the shown one
        assert count(app) == "1/1 · 1 more in folded text (b shows them)"
        assert not in_folded_text(view, view.cursor)


async def test_a_word_only_in_folded_text_says_so_instead_of_no_matches(make_app, tmp_path):
    app = make_app(one_article(tmp_path, HARBOUR))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"retires")
        assert count(app) == "no match shown · 1 in folded text (b shows them)"
        assert view.matches == []
        await press_in_turn(pilot, "enter", "n")
        assert app.focused is view and not in_folded_text(view, view.cursor)
        await press_in_turn(pilot, "ctrl+f")
        await typed(pilot, *"xyzzy")
        assert app.screen.query_one("#find-input", Input).value == "xyzzy"
        assert count(app) == "no matches"


async def test_find_finds_a_word_of_the_title_and_the_byline(make_app, tmp_path):
    app = make_app(one_article(tmp_path, HARBOUR))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"jane doe")
        assert count(app) == "1/1"  # the byline, in the meta line under the title
        await press_in_turn(pilot, "escape", "f")
        await typed(pilot, *"harbour")
        # The title's, the story's; the folded list's two are counted apart.
        assert count(app) == "2/2 · 2 more in folded text (b shows them)"
        await press_in_turn(pilot, "enter", "n")
        assert count(app) == "1/2 · 2 more in folded text (b shows them)"
        await settle(pilot)
        assert view.scroll_y == 0  # the title in view, its match the current one
        assert view.matches[view.current_match] == view.header_matches("harbour")[0]


async def test_a_note_of_two_short_lines_shows_its_words_and_find_finds_both(make_app, tmp_path):
    two_lines = (
        "The meeting moves to Friday this week\nPlease bring the slides and the budget figures\n"
    )
    app = make_app(one_article(tmp_path, two_lines, "Notes/friday.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first(pilot)
        lines = view.plain_lines()
        assert "8 words" in lines[1]
        assert "Please bring the slides and the budget figures" in lines
        await press_in_turn(pilot, "f")
        await typed(pilot, *"slides")
        assert count(app) == "1/1" and found_text(view) == "slides"
        await press_in_turn(pilot, "escape", "f")
        await typed(pilot, *"friday")
        assert count(app) == "1/1"  # in the title


MANY = "Alpha everywhere\n\n" + "\n\n".join(
    f"Paragraph {i} tells of alpha and alpha again in a sentence of its own." for i in range(6_500)
)


async def test_find_reaches_every_match_past_ten_thousand_and_counts_them_all(make_app, tmp_path):
    """A common word in a long article: the count is exact and N from the first match
    goes to the very last one, not to a ten-thousandth match partway down."""
    app = make_app(one_article(tmp_path, MANY, "Big/many.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"alpha")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        total = len(view.matches)
        assert total == 13_001  # the title's and the text's
        assert count(app) == f"2/{total:,}"  # the first after the cursor, in the text
        await press_in_turn(pilot, "N", "N")
        await settle(pilot)
        assert count(app) == f"{total:,}/{total:,}"
        assert "Paragraph 6499" in view.article.text[view.cursor - 40 : view.cursor + 40]


async def test_a_find_stopped_at_its_limit_says_there_are_more(make_app, tmp_path, monkeypatch):
    from reader.tui.screens import search_and_find

    monkeypatch.setattr(search_and_find, "FIND_LIMIT", 50)
    app = make_app(one_article(tmp_path, MANY, "Big/many.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"alpha")
        await settle(pilot)
        assert count(app) == "2/51+"  # the title's match and the 50 kept of the text


async def test_v_on_a_match_in_the_title_says_the_title_takes_no_note(make_app, tmp_path):
    """A find that matched only the title, then `v`: no stray first letter of the body is
    selected (the dialog once quoted "T"); the reader is told why nothing is selected."""
    app = make_app(one_article(tmp_path, HARBOUR))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"after the storm")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert count(app) == "1/1"
        await press_in_turn(pilot, "v")
        await settle(pilot)
        assert not view.selecting
        assert any("title" in n.message for n in app._notifications)
        await press_in_turn(pilot, "j", "v")  # away from the title, v selects as ever
        await settle(pilot)
        assert view.selecting
