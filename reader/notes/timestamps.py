"""UTC timestamps as notes files store them: ISO 8601 with a trailing ``Z``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

_MS = timedelta(milliseconds=1)


def utc_now() -> datetime:
    """The current time in UTC, truncated to milliseconds."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def later_than(previous: datetime) -> datetime:
    """Now, or just after `previous` when the clock has not moved past it (`previous`
    itself at the end of the calendar: a hand-written 9999-12-31T23:59:59.9995Z)."""
    now = utc_now()
    if now > previous:
        return now
    try:
        return previous + _MS
    except OverflowError:
        return previous


def format_utc(moment: datetime) -> str:
    """``2026-11-26T08:01:02Z``, with ``.123`` (or ``.123456``) when not whole seconds."""
    m = to_utc(moment)
    text = f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
    if m.microsecond % 1000 == 0 and m.microsecond:
        text += f".{m.microsecond // 1000:03d}"
    elif m.microsecond:
        text += f".{m.microsecond:06d}"
    return text + "Z"


def to_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_utc(value: object) -> datetime:
    """A stored timestamp (a YAML timestamp or an ISO 8601 string) as aware UTC.

    Raises ValueError for anything else.
    """
    try:
        if isinstance(value, datetime):
            return to_utc(value)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        if isinstance(value, str):
            return to_utc(datetime.fromisoformat(value.strip()))
    except OverflowError:  # 0001-01-01 00:00 +05:00 has no UTC time
        raise ValueError(f"out of range: {value!r}") from None
    raise ValueError(f"not a timestamp: {value!r}")
