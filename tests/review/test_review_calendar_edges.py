"""The Review at the ends of the calendar: a $READER_NOW out of the accepted range is
said and the system clock used; dates near year 1 or 9999 (a hand-edited due date, a
local time zone that pushes them past the end) never end in a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import ReviewSettings
from reader.errors import ReviewError
from reader.notes.anchoring import AnchorStatus
from reader.notes.records import NoteRecord
from reader.review import clock
from reader.review.card import ReviewState, due_label, history_entry
from reader.review.clock import end_of_day, local_day
from reader.review.deck import graded, next_due, review_stats
from reader.review.queue import ReviewItem, due_today
from reader.review.round import ReviewRound, local_today
from tests.conftest import AFP_ID
from tests.notes.notes_builders import annotation
from tests.review.test_review_cli import reader

# POSIX zone strings (no zone database needed): fourteen hours east of UTC, twelve west.
ZONES = ("UTC0", "EAST-14", "WEST+12")
EDGE = "9999-12-31T23:59:59Z"


@contextlib.contextmanager
def local_zone(zone: str):
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def one_note(library):
    lib = str(library)
    done = reader("annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach")
    assert done.returncode == 0, done.stderr
    return lib, done.stdout.strip()


def notes_files() -> list[Path]:
    return sorted(Path(os.environ["READER_NOTES_DIR"]).rglob("*.yaml"))


def notes_text() -> str:
    return "".join(path.read_text(encoding="utf-8") for path in notes_files())


@pytest.mark.parametrize("now", [EDGE, "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"])
def test_a_reader_now_out_of_range_is_said_and_the_system_clock_used(one_note, now):
    lib, note_id = one_note
    warning = (
        f"reader: warning: READER_NOW={now} is not a time from 1970 to 8999; "
        "the system clock is used\n"
    )
    for args in (("--stats",), ("--n", "1"), ("--json",)):
        result = reader("review", lib, *args, now={"READER_NOW": now})
        assert result.returncode == 0, result.stderr
        assert result.stderr == warning
    stats = json.loads(reader("review", lib, "--stats", "--json", now={"READER_NOW": now}).stdout)
    assert stats["due_today"] == 1
    graded_ = reader("review", lib, "--grade", note_id, "good", now={"READER_NOW": now})
    assert (graded_.returncode, graded_.stderr) == (0, warning)
    # The grade is stamped with the system clock's year, never year 1 or 9999.
    this_year = datetime.now(UTC).year
    assert f"- {this_year}-" in notes_text() or f"- {this_year + 1}-" in notes_text()
    assert "- 0001-" not in notes_text() and "- 9999-" not in notes_text()


def test_reader_now_at_the_ends_of_the_range_is_taken(one_note):
    lib, note_id = one_note
    for now in ("1970-01-01T00:00:00Z", "8999-12-31T23:59:59Z"):
        result = reader("review", lib, "--stats", now={"READER_NOW": now})
        assert (result.returncode, result.stderr) == (0, "")
    late = reader(
        "review", lib, "--grade", note_id, "good", now={"READER_NOW": "8999-12-31T12:00:00Z"}
    )
    assert late.returncode == 0, late.stderr
    assert late.stdout.startswith(f"{note_id[:8]} good: next due 9000-01-0")


@pytest.mark.parametrize("zone", ZONES)
def test_a_hand_edited_due_date_at_the_end_of_the_calendar_is_listed(one_note, zone):
    lib, note_id = one_note
    [path] = notes_files()
    text = path.read_text(encoding="utf-8")
    review = (
        "  review:\n    state: review\n    due: 9999-12-31T23:59:59Z\n    stability: 900000\n"
        "    difficulty: 5\n    reps: 3\n    lapses: 0\n    last_review: 2026-12-01T09:00:00Z\n"
        "    history:\n    - 2026-12-01T09:00:00Z good\n"
    )
    path.write_text(text.rstrip("\n") + "\n" + review, encoding="utf-8")
    env = {**clock_env(), "TZ": zone}
    for args in (("--stats",), ("--json",), ()):
        result = reader("review", lib, *args, now=env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    stats = json.loads(reader("review", lib, "--stats", "--json", now=env).stdout)
    assert (stats["due_today"], stats["due_this_week"]) == (0, 0)
    graded_ = reader("review", lib, "--grade", note_id, "again", now=env)
    assert graded_.returncode == 0, graded_.stderr
    assert reader("notes", lib, now=env).returncode == 0


def clock_env() -> dict[str, str]:
    return {"READER_NOW": "2026-12-03T09:00:00Z"}


# Any time, the calendar's first and last days often (where a local zone falls off it).
_EDGES = [
    datetime.min.replace(tzinfo=UTC),
    datetime(1, 1, 1, 10, tzinfo=UTC),
    datetime(9999, 12, 31, 10, tzinfo=UTC),
    datetime.max.replace(tzinfo=UTC),
]
_ANY_TIME = st.one_of(st.datetimes(timezones=st.just(UTC)), st.sampled_from(_EDGES))


def item(n: int, due: datetime, graded_at: datetime) -> ReviewItem:
    record = NoteRecord(
        annotation(f"n{n}"), f"A/{n % 2}.txt", "T", "", None, "/x", AnchorStatus.EXACT, 0, 5
    )
    state = ReviewState(
        state="review" if n % 3 else "new",
        due=due if n % 3 else None,
        stability=3.0,
        difficulty=5.0,
        last_review=graded_at if n % 3 else None,
        history=(history_entry(graded_at, "good"),) if n % 3 else (),
    )
    return ReviewItem(record, state)


@settings(max_examples=300, deadline=None)
@given(
    now=_ANY_TIME,
    times=st.lists(st.tuples(_ANY_TIME, _ANY_TIME), max_size=5),
    zone=st.sampled_from(ZONES),
)
def test_the_decks_date_arithmetic_holds_at_any_time(now, times, zone):
    items = [item(n, due, at) for n, (due, at) in enumerate(times)]
    limits = ReviewSettings(new_per_day=1, reviews_per_day=2)
    with local_zone(zone):
        until = end_of_day(now)
        assert until >= now
        assert local_day(until) == local_day(now)
        today = due_today(items, now, limits)
        assert all(i.state.is_new or (i.state.due or now) <= until for i in today)
        stats = review_stats(items, now, limits)
        assert stats.due_today == len(today)
        assert stats.due_tomorrow <= stats.due_this_week + stats.due_today + len(items)
        day, count = next_due([i.state for i in items], now)
        assert (day, count) == ("", 0) or (day > local_day(now) and count >= 1)
        ReviewRound([]).summary(day, count, local_today(now))
        for i in items:
            extra = {"review": i.state.to_mapping()}
            assert len(due_label(extra, now)) <= 6
            clock.set_now(now)
            try:
                graded(i, "good")
            except ReviewError as error:
                # Refused only for a clock before the last review, or past the calendar.
                assert "before the card's last review" in str(error) or "calendar" in str(error)
            finally:
                clock.set_now(None)


@settings(max_examples=200, deadline=None)
@given(
    now=st.datetimes(
        min_value=datetime(1970, 1, 1), max_value=datetime(8999, 12, 31, 23, 59, 59)
    ).map(lambda d: d.replace(tzinfo=UTC)),
    last=_ANY_TIME,
    grade_name=st.sampled_from(["again", "hard", "good", "easy"]),
)
def test_any_grade_within_the_accepted_range_is_given(now, last, grade_name):
    card = item(1, last, min(last, now))
    clock.set_now(now)
    try:
        state = graded(card, grade_name)
    finally:
        clock.set_now(None)
    assert state.due is not None and state.due > now
