"""The one clock of the Review: tests (and the tmux journeys, through ``READER_NOW``)
set it; everything else asks it the time. Its days are safe at the ends of the
calendar: a moment whose local time falls off it (9999-12-31 late in UTC, east of
Greenwich) is taken on its UTC day."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from reader.notes.timestamps import parse_utc
from reader.text.safe import visible_line

_fixed: list[datetime] = []
# The times $READER_NOW may set: a grade is stamped with it, and its due date (a hundred
# years later at most) must still be in the calendar.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(8999, 12, 31, 23, 59, 59, tzinfo=UTC)
LAST = datetime.max.replace(tzinfo=UTC)


def now() -> datetime:
    """The current time, aware UTC, whole seconds: the set time, else ``$READER_NOW``
    (an ISO 8601 time from 1970 to 8999; see `problem` when it is not one), else the
    system clock."""
    if _fixed:
        return _fixed[-1]
    if (set_time := _env_time()) is not None:
        return set_time
    return datetime.now(UTC).replace(microsecond=0)


def problem() -> str | None:
    """The line that says ``$READER_NOW`` is set but is no time (the system clock is
    used then), for the faces to show; None when it is unset or a time."""
    value = os.environ.get("READER_NOW")
    if not value or _env_time() is not None:
        return None
    try:
        parse_utc(value)
    except ValueError:
        what = "an ISO 8601 time"
    else:
        what = f"a time from {EARLIEST.year} to {LATEST.year}"
    return f"READER_NOW={visible_line(value)} is not {what}; the system clock is used"


def _env_time() -> datetime | None:
    try:
        moment = parse_utc(os.environ.get("READER_NOW") or "").replace(microsecond=0)
    except ValueError:
        return None
    return moment if EARLIEST <= moment <= LATEST else None


def set_now(moment: datetime | None) -> None:
    """Fix the clock at `moment` (aware or taken as UTC); None gives it back to the system."""
    _fixed.clear()
    if moment is not None:
        _fixed.append(parse_utc(moment))


def end_of_day(moment: datetime) -> datetime:
    """The last moment of `moment`'s local day, in UTC: a card due before it is due today
    (the calendar's last moment for its last day)."""
    local = local_time(moment)
    try:
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    except OverflowError:
        return LAST
    return (midnight - timedelta(microseconds=1)).astimezone(UTC)


def days_later(moment: datetime, days: int) -> datetime:
    """`moment` and `days` days, or the calendar's last moment when that is past it."""
    try:
        return moment + timedelta(days=days)
    except OverflowError:
        return LAST


def local_day(moment: datetime) -> str:
    """`moment`'s date in local time, as YYYY-MM-DD."""
    return local_time(moment).date().isoformat()


def local_time(moment: datetime) -> datetime:
    """`moment` in local time; in UTC where local time is off the calendar."""
    try:
        return moment.astimezone()
    except OverflowError:
        return moment.astimezone(UTC)
