"""`reader review --stats` counts the cards of the Review the config keeps: its tags and
colours, as today's cards are chosen."""

from __future__ import annotations

from datetime import timedelta

from reader.config import ReviewSettings
from reader.notes.anchoring import AnchorStatus
from reader.notes.records import NoteRecord
from reader.review.card import ReviewState, history_entry
from reader.review.clock import local_day
from reader.review.deck import Deck, review_stats
from reader.review.queue import ReviewItem, due_today
from tests.notes.notes_builders import annotation
from tests.review.review_builders import MORNING

PEOPLE_ONLY = ReviewSettings(new_per_day=0, tags=("PEOPLE",))


def card(n: int, tags: tuple[str, ...], due_in_days: int | None) -> ReviewItem:
    """A card of a note with `tags`, due that many days from now (None: new)."""
    record = NoteRecord(
        annotation(f"n{n}", tags=tags), f"A/{n}.txt", "T", "", None, "/x", AnchorStatus.EXACT, 0, 5
    )
    if due_in_days is None:
        return ReviewItem(record, ReviewState())
    graded_at = MORNING - timedelta(days=3)
    state = ReviewState(
        state="review",
        due=MORNING + timedelta(days=due_in_days),
        stability=3.0,
        difficulty=5.0,
        last_review=graded_at,
        history=(history_entry(graded_at, "good"),),
    )
    return ReviewItem(record, state)


CARDS = [
    card(1, ("people",), 0),
    card(2, ("other",), 0),
    card(3, ("other",), 1),
    card(4, (), 3),
    card(5, ("other",), None),
    card(6, ("People",), 2),
]


def test_stats_count_only_the_cards_of_the_configs_tags():
    assert [c.note_id for c in due_today(CARDS, MORNING, PEOPLE_ONLY)] == ["n1"]
    stats = review_stats(CARDS, MORNING, PEOPLE_ONLY)
    assert (stats.due_today, stats.due_tomorrow, stats.due_this_week) == (1, 0, 2)
    assert (stats.new, stats.suspended) == (0, 0)


def test_the_next_day_due_is_that_of_the_configs_tags(monkeypatch):
    deck = Deck(store=None, load_article=lambda _: None, settings=PEOPLE_ONLY)  # type: ignore[arg-type]
    monkeypatch.setattr(deck, "items", lambda: CARDS)
    monkeypatch.setattr("reader.review.clock.now", lambda: MORNING)
    # n6, in two days; not n3 (tomorrow), which the config leaves out.
    assert deck.next_due() == (local_day(MORNING + timedelta(days=2)), 1)


def test_stats_take_the_tag_asked_for_in_place_of_the_configs():
    stats = review_stats(CARDS, MORNING, PEOPLE_ONLY, tags=["other"])
    # n2 today, n3 tomorrow; not n5, new, which `new_per_day: 0` never brings
    assert (stats.due_today, stats.due_tomorrow, stats.due_this_week) == (1, 1, 2)


def test_new_cards_count_as_due_only_as_the_daily_limit_brings_them():
    """20 new cards at 3 a day: 3 today, 3 tomorrow, 21 a week had room for all 20; at 0 a
    day none is ever due (the stats said all 20 were due this week)."""
    new_cards = [card(10 + n, ("people",), None) for n in range(20)]
    for per_day, expected in ((3, (3 + 1, 3, 20 + 2)), (1, (1 + 1, 1, 7 + 2)), (0, (1, 0, 2))):
        limits = ReviewSettings(new_per_day=per_day, tags=("people",))
        stats = review_stats(CARDS + new_cards, MORNING, limits)
        # (+ n1 today, n6 this week: the reviews of the tag)
        assert (stats.due_today, stats.due_tomorrow, stats.due_this_week) == expected, per_day
        assert stats.new == 20
