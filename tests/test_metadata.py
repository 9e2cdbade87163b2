"""Dates, bylines and agencies as the header parser reads them (reader.ingest.formats.metadata)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.formats.metadata import agency_in, byline, normalize_date, parse_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("| Nov 23, 2024", "2024-11-23"),
        ("Nov 23, 2024", "2024-11-23"),
        ("November 23, 2024 10:00 AM", "2024-11-23"),
        ("November 23, 2024 at 10:00 a.m. EST", "2024-11-23"),
        ("2024-11-23", "2024-11-23"),
        ("2024-11-23T10:00:00Z", "2024-11-23"),
        ("Published: 3 March 2023", "2023-03-03"),
        ("Published 3 March 2023, 10:45 GMT", "2023-03-03"),
        ("Updated 23.11.2024", "2024-11-23"),
        ("Updated 03.11.2024", "2024-11-03"),  # dotted dates are day first
        ("Last updated on November 23, 2024", "2024-11-23"),
        ("Posted on Mar 3, 2023, 8:00 PM", "2023-03-03"),
        ("Saturday 23 November 2024", "2024-11-23"),
        ("Sat, 23 Nov 2024", "2024-11-23"),
        ("— 23 Nov 2024", "2024-11-23"),
        ("23/11/2024", "2024-11-23"),
        ("Publié le 23 novembre 2024 à 10h15", "2024-11-23"),
        ("samedi 23 novembre 2024", "2024-11-23"),
        ("23 de noviembre de 2024", "2024-11-23"),
        ("Actualizado el 5 de marzo de 2023", "2023-03-05"),
    ],
)
def test_date_lines_parse(line: str, iso: str) -> None:
    assert parse_date(line) == iso


@pytest.mark.parametrize(
    "text",
    [
        # Prose that mentions a date is never a date line.
        "The meeting took place on November 23, 2024.",
        "He arrived on Nov 23, 2024.",
        "Trump was elected on November 5, 2024, and took office in January.",
        "On 23 November 2024 the talks collapsed",
        "Sales rose 5% in March 2023 compared with a year earlier.",
        "The 2024-11-23 deadline was missed",
        # Not enough of a date to be one: no day, no year, no month.
        "May 2024",
        "Nov 23",
        "May 5",
        "2024",
        "23",
        "The year 2024",
        "12 Angry Men 1957",
        "5 min read",
        "",
        "   ",
        "|",
        "By AFP",
        "America",
    ],
)
def test_not_date_lines(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By JANE DOE | Reuters", "JANE DOE, Reuters"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("By AFP", "AFP"),
        ("BY AFP", "AFP"),
        ("By: Jane Doe", "Jane Doe"),
        ("By\nAFP", "AFP"),
        ("By The Associated Press", "The Associated Press"),
        ("Written by Sam Lee", "Sam Lee"),
        ("By", ""),
        ("  By  ", ""),
        ("Par Claire Martin", "Claire Martin"),
        ("Por María López", "María López"),
    ],
)
def test_bylines(line: str, name: str) -> None:
    assert byline(line) == name


@pytest.mark.parametrize(
    "text",
    [
        "By the time the vote came, the hall was empty.",
        "By the numbers",
        "By The Numbers",
        "By 2030 emissions must halve",
        "By Tuesday, the council had voted",
        "By contrast",
        "Bystanders watched the fire",
        "Nearby residents were evacuated",
        "Par ailleurs, le gouvernement a réagi.",
        "Por fin llegó la lluvia",
        "Von der Leyen said the plan was ready",
        "Jane Doe",
        "",
    ],
)
def test_not_bylines(text: str) -> None:
    assert byline(text) is None


@pytest.mark.parametrize(
    ("author", "agency"),
    [
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("Jane Doe, Reuters", "Reuters"),
        ("JANE DOE | Reuters", "Reuters"),
        ("Jane Doe and AP", "AP"),
        ("The Associated Press", "AP"),
        ("Jane Doe (Reuters)", "Reuters"),
        ("Jane Doe", None),
        ("Apple", None),
        ("", None),
        (None, None),
    ],
)
def test_agency_in(author: str | None, agency: str | None) -> None:
    assert agency_in(author) == agency


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (dt.date(2024, 11, 23), "2024-11-23"),
        (dt.datetime(2024, 11, 23, 10, 0), "2024-11-23"),
        ("2024-11-23T10:00:00+01:00", "2024-11-23"),
        ("Nov 23, 2024", "2024-11-23"),
        ("", None),
        (None, None),
        (20241123, None),
    ],
)
def test_normalize_date(value: object, iso: str | None) -> None:
    assert normalize_date(value) == iso


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or dt.date.fromisoformat(result)


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_byline_and_agency_never_raise(text: str) -> None:
    name = byline(text)
    assert name is None or isinstance(name, str)
    assert agency_in(text) is None or isinstance(agency_in(text), str)
    assert agency_in(name) is None or isinstance(agency_in(name), str)


_DATE_WORDS = st.sampled_from(
    ["Nov", "November", "23", "2024", "12:00", "AM", "|", "Published:", "on", ",", "de", "."]
)


@given(st.lists(_DATE_WORDS, max_size=8).map(" ".join))
@settings(max_examples=200, deadline=None)
def test_parse_date_never_raises_on_date_like_text(text: str) -> None:
    result = parse_date(text)
    assert result is None or dt.date.fromisoformat(result)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
@settings(max_examples=100, deadline=None)
def test_every_date_format_round_trips(day: dt.date) -> None:
    iso = day.isoformat()
    month = day.strftime("%B")
    for line in (
        iso,
        f"| {day:%b} {day.day}, {day.year}",
        f"{month} {day.day}, {day.year} 10:00 AM",
        f"Published: {day.day} {month} {day.year}",
        f"Updated {day:%d.%m.%Y}",
    ):
        assert parse_date(line) == iso, line


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
@settings(max_examples=100, deadline=None)
def test_a_sentence_mentioning_a_date_is_not_a_date(day: dt.date) -> None:
    assert parse_date(f"The talks ended on {day:%B} {day.day}, {day.year}.") is None
    assert parse_date(f"Officials met on {day.isoformat()}") is None


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@given(year=st.integers(0, 9999), month=st.integers(0, 13), day=st.integers(0, 99))
def test_a_date_line_in_a_common_shape_reads_as_the_same_line_in_any_other_shape(
    year: int, month: int, day: int
):
    """ "2024-03-05" and "Mar 5, 2024" (read the quick way) give the date that
    "Mar  5,  2024" gives; an impossible day, month or year gives none."""
    iso = parse_date(f"{year:04d}-{month:02d}-{day:02d}")
    if not 1 <= month <= 12:
        assert iso is None
        return
    name = _MONTH_NAMES[month - 1]
    spaced = parse_date(f"{name}  {day},  {year:04d}")  # not a common shape: read by dateutil
    assert parse_date(f"{name} {day}, {year:04d}") == spaced
    assert parse_date(f"{name} {day:02d}, {year:04d}") == spaced
    assert iso == spaced
