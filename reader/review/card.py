"""A note's review state: the ``review:`` mapping kept in the note itself.

::

    review:
      state: review            # new, learning, review or relearning
      due: 2026-12-05T09:00:00Z
      stability: 2.3065        # FSRS memory stability, in days
      difficulty: 2.1181       # FSRS difficulty, 1 (easy) to 10 (hard)
      step: 0                  # the learning step, when learning
      reps: 1                  # times reviewed
      lapses: 0                # times forgotten (graded again) after being learned
      last_review: 2026-12-03T09:00:00Z
      suspended: true          # optional: never shown again
      suspended_at: 2026-12-03T09:05:00Z   # when suspended (or resumed_at: when resumed),
                               # so that a merge keeps the later of the two
      history:                 # every grade, oldest first: what merges keep
      - 2026-12-03T09:00:00Z good

A note without the mapping is a new card. Keys not listed here are kept as they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from reader.notes.schema import Stamp
from reader.notes.timestamps import format_utc, parse_utc

REVIEW_KEY = "review"
STATES = ("new", "learning", "review", "relearning")
GRADES = ("again", "hard", "good", "easy")
DIFFICULTY_RANGE = (1.0, 10.0)
# Far beyond what grading ever reaches (intervals stop at 100 years), short of overflow.
MOST_STABILITY = 1_000_000.0
# The least stability that stays above 0 as written (to four decimals).
LEAST_STABILITY = 0.0001


def grade_named(text: str) -> str | None:
    """The grade `text` names: one of GRADES, or its key in the Review, `1` to `4`."""
    if text in GRADES:
        return text
    if text in ("1", "2", "3", "4"):
        return GRADES[int(text) - 1]
    return None


_KNOWN = (
    "state",
    "due",
    "stability",
    "difficulty",
    "step",
    "reps",
    "lapses",
    "last_review",
    "suspended",
    "suspended_at",
    "resumed_at",
    "history",
)


class BadReviewState(ValueError):
    """A ``review:`` mapping that cannot be read; the note is left out, never rewritten."""


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Where a note stands in the Review."""

    state: str = "new"
    due: datetime | None = None
    stability: float | None = None
    difficulty: float | None = None
    step: int | None = None
    reps: int = 0
    lapses: int = 0
    last_review: datetime | None = None
    suspended: bool = False
    suspended_at: datetime | None = None
    resumed_at: datetime | None = None
    history: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def suspend(self, moment: datetime) -> ReviewState:
        """Left out of the Review for good, from `moment`."""
        return replace(self, suspended=True, suspended_at=moment, resumed_at=None)

    def resume(self, moment: datetime) -> ReviewState:
        """Back in the Review from `moment`, its schedule as it was."""
        return replace(self, suspended=False, suspended_at=None, resumed_at=moment)

    @property
    def is_new(self) -> bool:
        return self.state == "new"

    def is_due(self, until: datetime) -> bool:
        """Whether the card is to be shown by `until` (a new card always is)."""
        if self.suspended:
            return False
        return self.is_new or self.due is None or self.due <= until

    @classmethod
    def of(cls, note_extra: Mapping[str, Any]) -> ReviewState:
        """The state kept in a note's extra keys (new when it has none); raises BadReviewState."""
        data = note_extra.get(REVIEW_KEY)
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise BadReviewState("review must be a mapping")
        return _from_mapping(data)

    def to_mapping(self) -> dict[str, Any]:
        """The ``review:`` mapping, keys in the documented order."""
        data: dict[str, Any] = {"state": self.state}
        if self.due is not None:
            data["due"] = Stamp(format_utc(self.due))
        if self.stability is not None:
            data["stability"] = round(self.stability, 4)
        if self.difficulty is not None:
            data["difficulty"] = round(self.difficulty, 4)
        if self.step is not None:
            data["step"] = self.step
        data["reps"] = self.reps
        data["lapses"] = self.lapses
        if self.last_review is not None:
            data["last_review"] = Stamp(format_utc(self.last_review))
        if self.suspended:
            data["suspended"] = True
            if self.suspended_at is not None:
                data["suspended_at"] = Stamp(format_utc(self.suspended_at))
        elif self.resumed_at is not None:
            data["resumed_at"] = Stamp(format_utc(self.resumed_at))
        data["history"] = list(self.history)
        data.update(self.extra)
        return data


def due_label(note_extra: Mapping[str, Any], now: datetime) -> str:
    """When a note is next due, in six cells at most: ``new``, ``today``, a day such as
    ``Dec 05`` (with the year, ``2027``, when it is not this year's), ``—`` when suspended,
    ``?`` when its ``review:`` cannot be read."""
    from reader.review.clock import end_of_day, local_time

    try:
        state = ReviewState.of(note_extra)
    except BadReviewState:
        return "?"
    if state.suspended:
        return "—"
    if state.is_new:
        return "new"
    if state.is_due(end_of_day(now)):
        return "today"
    due = local_time(state.due or now)
    return due.strftime("%b %d") if due.year == local_time(now).year else str(due.year)


def history_entry(moment: datetime, grade: str) -> str:
    """One line of the history: ``2026-12-03T09:00:00Z good``."""
    return f"{format_utc(moment)} {grade}"


def entry_time(entry: str) -> datetime | None:
    """The time of a history line, None when it has none."""
    try:
        return parse_utc(entry.split(" ", 1)[0])
    except ValueError:
        return None


def _from_mapping(data: Mapping[str, Any]) -> ReviewState:
    state = data.get("state", "new")
    if state not in STATES:
        raise BadReviewState(f"review.state must be one of {', '.join(STATES)}")
    history = data.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise BadReviewState("review.history must be a list of lines")
    suspended = data.get("suspended", False)
    if not isinstance(suspended, bool):
        raise BadReviewState("review.suspended must be true or false")
    stability = _number(data, "stability")
    if stability is not None and not 0 < stability <= MOST_STABILITY:
        raise BadReviewState(f"review.stability must be above 0 and at most {MOST_STABILITY:,.0f}")
    difficulty = _number(data, "difficulty")
    low, high = DIFFICULTY_RANGE
    if difficulty is not None and not low <= difficulty <= high:
        raise BadReviewState(f"review.difficulty must be from {low:g} to {high:g}")
    if state in ("review", "relearning") and (stability is None or difficulty is None):
        raise BadReviewState(f"review.stability and review.difficulty are needed in {state}")
    return ReviewState(
        state=state,
        due=_time(data, "due"),
        stability=stability,
        difficulty=difficulty,
        step=_count(data, "step", None),
        reps=_count(data, "reps", 0) or 0,
        lapses=_count(data, "lapses", 0) or 0,
        last_review=_time(data, "last_review"),
        suspended=suspended,
        suspended_at=_time(data, "suspended_at"),
        resumed_at=_time(data, "resumed_at"),
        history=tuple(history),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )


def _time(data: Mapping[str, Any], key: str) -> datetime | None:
    if data.get(key) is None:
        return None
    try:
        return parse_utc(data[key])
    except ValueError:
        raise BadReviewState(f"review.{key} must be a time like 2026-12-03T09:00:00Z") from None


def _number(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadReviewState(f"review.{key} must be a number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise BadReviewState(f"review.{key} must be a number")
    return number


def _count(data: Mapping[str, Any], key: str, default: int | None) -> int | None:
    value = data.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadReviewState(f"review.{key} must be a whole number >= 0")
    return value
