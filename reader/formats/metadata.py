"""Metadata rules shared by the formats: dates, bylines, agencies."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

from reader.textshape import words

AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "bloomberg": "Bloomberg",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "ani": "ANI",
    "ians": "IANS",
    "anadolu": "Anadolu",
    "tass": "TASS",
}

_DATE_PREFIX = re.compile(
    r"^[\s|•·—–\-]*(published|updated|posted|last updated|date)?\s*(on|:)?\s*",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_BYLINE = re.compile(r"^by\b[\s:]*(.*)$", re.IGNORECASE)


def parse_date(text: str) -> str | None:
    """An ISO 8601 date (YYYY-MM-DD) when the whole text is a date, else None."""
    candidate = _DATE_PREFIX.sub("", text.strip()).strip(" |•·")
    if not candidate or len(candidate) > 48 or not re.search(r"\d", candidate):
        return None
    if not (_MONTH.search(candidate) or _NUMERIC_DATE.search(candidate)):
        return None
    try:
        parsed = dateparser.parse(candidate, fuzzy=False, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or parsed.year < 1800:
        return None
    return parsed.date().isoformat()


def normalize_date(value: object) -> str | None:
    """Front matter and page dates (str, date or datetime) as ISO 8601 dates."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        iso = re.match(r"^\d{4}-\d{2}-\d{2}", value.strip())
        return iso.group(0) if iso else parse_date(value)
    return None


def byline(text: str) -> str | None:
    """The name in a "By ..." line: "" for a bare "By", None when not a byline."""
    match = _BYLINE.match(text.strip())
    if not match:
        return None
    name = match.group(1).strip().rstrip(",;")
    if len(words(name)) > 8 or name.endswith("."):
        return None
    return name


def agency_in(author: str | None) -> str | None:
    """The news agency named by a byline, such as "AFP" in "John Doe, AFP"."""
    if not author:
        return None
    lowered = author.lower()
    if lowered in AGENCIES:
        return AGENCIES[lowered]
    for part in re.split(r"\s*(?:,|/|\||\band\b|\bwith\b)\s*", lowered):
        if part.strip() in AGENCIES:
            return AGENCIES[part.strip()]
    return None
