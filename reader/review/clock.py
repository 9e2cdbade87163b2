"""The one clock of the Review: tests (and the tmux journeys, through ``READER_NOW``)
set it; everything else asks it the time."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from reader.notes.timestamps import parse_utc
from reader.text.safe import visible_line

_fixed: list[datetime] = []


def now() -> datetime:
    """The current time, aware UTC, whole seconds: the set time, else ``$READER_NOW``
    (an ISO 8601 time; see `problem` when it is not one), else the system clock."""
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
    return f"READER_NOW={visible_line(value)} is not an ISO 8601 time; the system clock is used"


def _env_time() -> datetime | None:
    try:
        return parse_utc(os.environ.get("READER_NOW") or "").replace(microsecond=0)
    except ValueError:
        return None


def set_now(moment: datetime | None) -> None:
    """Fix the clock at `moment` (aware or taken as UTC); None gives it back to the system."""
    _fixed.clear()
    if moment is not None:
        _fixed.append(parse_utc(moment))


def end_of_day(moment: datetime) -> datetime:
    """The last moment of `moment`'s local day, in UTC: a card due before it is due today."""
    local = moment.astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return (midnight - timedelta(microseconds=1)).astimezone(UTC)


def local_day(moment: datetime) -> str:
    """`moment`'s date in local time, as YYYY-MM-DD."""
    return moment.astimezone().date().isoformat()
