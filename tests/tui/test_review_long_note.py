"""A note of a megabyte on a Review card: shown as far as the Notes screen shows one,
with a word of where the rest is, so revealing it does not hold up the keys."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from reader.review import clock
from reader.tui.screens.review import ReviewScreen
from reader.tui.widgets.note_detail import MOST_SHOWN
from tests.conftest import AFP_ID
from tests.review.review_builders import MORNING
from tests.tui.conftest import press_in_turn, settle


@pytest.fixture(autouse=True)
def morning():
    clock.set_now(MORNING)
    yield
    clock.set_now(None)


async def test_a_huge_note_on_a_card_is_cut_and_says_where_the_rest_is(make_app):
    note = "word " * 200_000  # a megabyte
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        afp = app.session.article(AFP_ID)
        at = afp.text.index("Palm Beach")
        app.session.annotations.add(afp, at, at + 10, note=note, tags=["t"])
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await press_in_turn(pilot, "space")
        await settle(pilot)
        shown = str(app.screen.query_one("#review-note", Static).content)
        assert len(shown) < MOST_SHOWN + 200, len(shown)
        assert shown.startswith(note.strip()[:1000])
        more = len(note.strip()) - MOST_SHOWN
        assert f"… ({more:,} more characters: ⏎ opens its passage, e there shows them)" in shown
        assert shown.splitlines()[-3] == "#t"  # the tags, then the grades named


async def test_a_huge_passage_on_a_card_is_cut_as_a_huge_note_is(make_app, library):
    body = "word " * 200_000  # a paragraph of a megabyte
    (library / "Archive").mkdir()
    (library / "Archive" / "huge.txt").write_text(f"Huge\n\n{body}\n", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        huge = next(a for a in app.session.articles() if a.title == "Huge")
        article = app.session.article(huge.id)
        at = article.text.index("word")
        end = article.text.rindex("word") + 4
        app.session.annotations.add(article, at, end, note="n")
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        shown = str(app.screen.query_one("#review-passage", Static).content)
        assert len(shown) < MOST_SHOWN + 200, len(shown)
        assert shown.startswith(body[:1000])
        more = end - at - MOST_SHOWN
        assert f"… ({more:,} more characters: ⏎ opens its passage)" in shown
