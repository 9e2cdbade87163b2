"""The hand-off to FSRS: a note's state and a grade in, its next state out.

The scheduling itself is the `fsrs` package's. Learning steps are off (a card graded
today comes back on another day, as a daily review wants) and so is fuzzing (two
machines grading the same card the same way agree on its due date).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import cache

from fsrs import Card, Rating, Scheduler, State

from reader.review.card import (
    DIFFICULTY_RANGE,
    GRADES,
    LEAST_STABILITY,
    MOST_STABILITY,
    ReviewState,
    history_entry,
)

_STATES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}
_FSRS_STATES = {name: state for state, name in _STATES.items()}


@cache
def scheduler() -> Scheduler:
    """The FSRS scheduler with reader's settings."""
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def grade(state: ReviewState, grade_name: str, moment: datetime) -> ReviewState:
    """`state` after a review graded `grade_name` (again, hard, good, easy) at `moment`;
    its stability and difficulty within what reading a note takes (FSRS takes a card
    at the edge past it: a stability of 1,000,000 graded easy grows)."""
    rating = Rating(GRADES.index(grade_name) + 1)
    card = _card(state, moment)
    after, _log = scheduler().review_card(card, rating, moment)
    lapsed = rating is Rating.Again and state.state == "review"
    return replace(
        state,
        state=_STATES[after.state],
        due=after.due,
        stability=_within(after.stability, LEAST_STABILITY, MOST_STABILITY),
        difficulty=_within(after.difficulty, *DIFFICULTY_RANGE),
        step=after.step,
        reps=state.reps + 1,
        lapses=state.lapses + (1 if lapsed else 0),
        last_review=moment,
        history=(*state.history, history_entry(moment, grade_name)),
    )


def _within(value: float | None, low: float, high: float) -> float | None:
    return None if value is None else min(max(value, low), high)


def _card(state: ReviewState, moment: datetime) -> Card:
    if state.is_new:
        return Card(card_id=0, due=moment)
    learning = state.state in ("learning", "relearning")
    return Card(
        card_id=0,
        state=_FSRS_STATES[state.state],
        # a hand-written learning card without its step is at the first one
        step=state.step if state.step is not None or not learning else 0,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due or moment,
        last_review=state.last_review,
    )
