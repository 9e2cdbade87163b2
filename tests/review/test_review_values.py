"""Hand-edited ``review:`` values: odd ones are named and left out, never a crash."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.review.card import GRADES, BadReviewState, ReviewState
from reader.review.schedule import grade
from tests.review.review_builders import MORNING

_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 0.0, -0.0, 1, 10, 10.0001, 0.9999, 1e-300, 1e300, 36500, 1e9]),
    st.sampled_from(["new", "learning", "review", "relearning", "bogus", "", "2"]),
    st.datetimes(timezones=st.just(UTC)),
    st.sampled_from(
        ["2026-12-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2030-01-01"]
    ),
    st.lists(st.text(max_size=30), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.text(max_size=10),
)
_NUMBER = st.one_of(st.floats(min_value=-20, max_value=20), st.integers(-3, 12), _ODD)
_TIME = st.one_of(st.datetimes(timezones=st.just(UTC)), _ODD)
_MAPPING = st.fixed_dictionaries(
    {},
    optional={
        "state": st.one_of(st.sampled_from(["learning", "review", "relearning"]), _ODD),
        "due": _TIME,
        "stability": _NUMBER,
        "difficulty": _NUMBER,
        "step": _NUMBER,
        "reps": _NUMBER,
        "lapses": _NUMBER,
        "last_review": _TIME,
    },
)


# 200 examples: the values a user is likeliest to write by hand are also graded one by
# one below and through `reader review grade` (test_review_cli).
@settings(max_examples=200, deadline=None)
@given(_MAPPING, st.sampled_from(GRADES))
def test_grading_a_hand_edited_review_never_raises(mapping, grade_name):
    try:
        state = ReviewState.of({"review": mapping})
    except BadReviewState:
        return
    after = grade(state, grade_name, MORNING)
    assert after.due is not None and after.due > MORNING
    assert after.stability is not None and math.isfinite(after.stability)
    assert after.difficulty is not None and 1 <= after.difficulty <= 10
    assert ReviewState.of({"review": after.to_mapping()}).due == after.due


def test_out_of_range_stability_and_difficulty_are_named_as_bad():
    base = {"state": "review", "due": datetime(2026, 12, 1, tzinfo=UTC)}
    for odd in (
        {"stability": 2, "difficulty": 0},
        {"stability": 2, "difficulty": 99},
        {"stability": -5, "difficulty": 5},
        {"stability": 0, "difficulty": 5},
        {"stability": math.inf, "difficulty": 5},
        {"stability": 2, "difficulty": -math.inf},
    ):
        try:
            ReviewState.of({"review": {**base, **odd}})
        except BadReviewState:
            continue
        raise AssertionError(f"{odd} was taken")


@settings(max_examples=200, deadline=None)
@given(
    stability=st.one_of(
        st.floats(min_value=0, max_value=1_000_000, exclude_min=True),
        st.sampled_from([1_000_000, 999_999.99999, 1e-300, 0.00001]),
    ),
    difficulty=st.one_of(st.floats(min_value=1, max_value=10), st.sampled_from([1, 10])),
    state=st.sampled_from(["learning", "review", "relearning"]),
    grade_name=st.sampled_from(GRADES),
)
def test_a_grade_writes_only_what_reading_takes_back(stability, difficulty, state, grade_name):
    mapping = {
        "state": state,
        "stability": stability,
        "difficulty": difficulty,
        "due": "2026-12-01T00:00:00Z",
        "last_review": "2026-11-01T00:00:00Z",
    }
    after = grade(ReviewState.of({"review": mapping}), grade_name, MORNING)
    again = ReviewState.of({"review": after.to_mapping()})  # never BadReviewState
    assert again.due == after.due and again.state == after.state
