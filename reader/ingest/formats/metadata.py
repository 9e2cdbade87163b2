"""Metadata rules shared by the formats: dates, bylines, agencies."""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from functools import lru_cache

from dateutil import parser as dateparser

from reader.ingest.textshape import STOP_WORDS, ends_sentence, words

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

# "Published:", "Updated on", "Publié le", "Actualizado el" ... before the date itself.
_DATE_PREFIX = re.compile(
    r"^[\s|•·—–\-]*"
    r"(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|date[d]?)"
    r"|publié|mis\s+à\s+jour|actualizado|publicado|veröffentlicht|aktualisiert|pubblicato)?"
    r"\s*:?\s*(?:(?:on|at|le|el|il)\b)?\s*:?\s*",
    re.IGNORECASE,
)
# English month names plus the common European ones, so that dateutil gets the chance.
_MONTH_NAMES = (
    ("january", "jan", "janvier", "enero", "januar", "gennaio", "janeiro"),
    ("february", "feb", "février", "fevrier", "febrero", "februar", "febbraio", "fevereiro"),
    ("march", "mar", "mars", "marzo", "märz", "marz", "março", "marco"),
    ("april", "apr", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio", "maio"),
    ("june", "jun", "juin", "junio", "juni", "giugno", "junho"),
    ("july", "jul", "juillet", "julio", "juli", "luglio", "julho"),
    ("august", "aug", "août", "aout", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro"),
    ("october", "oct", "octobre", "octubre", "oktober", "ottobre", "outubro"),
    ("november", "nov", "novembre", "noviembre", "novembro"),
    ("december", "dec", "décembre", "decembre", "diciembre", "dezember", "dicembre", "dezembro"),
)
_WEEKDAY_NAMES = (
    ("monday", "mon", "lundi", "lunes", "montag", "lunedì", "segunda"),
    ("tuesday", "tue", "tues", "mardi", "martes", "dienstag", "martedì", "terça"),
    ("wednesday", "wed", "mercredi", "miércoles", "miercoles", "mittwoch", "mercoledì", "quarta"),
    ("thursday", "thu", "thur", "thurs", "jeudi", "jueves", "donnerstag", "giovedì", "quinta"),
    ("friday", "fri", "vendredi", "viernes", "freitag", "venerdì", "sexta"),
    ("saturday", "sat", "samedi", "sábado", "sabado", "samstag", "sabato"),
    ("sunday", "sun", "dimanche", "domingo", "sonntag", "domenica"),
)
# Every month name and abbreviation, longest first (a regex alternation).
MONTH_WORDS = "|".join(sorted({n for names in _MONTH_NAMES for n in names}, key=len)[::-1])
_MONTH = re.compile(r"(?<!\w)(" + MONTH_WORDS + r")\.?(?!\w)", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?!\d)")
_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_NO_YEAR = 1


class _ParserInfo(dateparser.parserinfo):
    """dateutil's English vocabulary plus European month names and linking words."""

    JUMP = [*dateparser.parserinfo.JUMP, "de", "del", "le", "à", "el", "um", "den", "der"]
    MONTHS = [
        tuple(dict.fromkeys((*names[:2], names[0][:3], *names[2:]))) for names in _MONTH_NAMES
    ]
    WEEKDAYS = [tuple(dict.fromkeys((names[0][:3], *names))) for names in _WEEKDAY_NAMES]


_PARSER_INFO = _ParserInfo()
_PARSER_INFO_DAYFIRST = _ParserInfo(dayfirst=True)

# "By Jane Doe", "Written by Jane Doe", "By: AFP"; "Par", "Por", "Von" need a capitalised name.
_BYLINE = re.compile(
    r"^(?:(?:written|words|story|text|reporting|reported|posted)\s+)?by\b[\s:]*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_FOREIGN_BYLINE = re.compile(r"^(?:par|por|von)\s+(.*)$", re.IGNORECASE | re.DOTALL)
_NAME_SEPARATORS = re.compile(r"\s*[|•]\s*")
_ARTICLES = frozenset({"the", "a", "an"})
# Function words that put a verb or a clause in a "name": "By Tuesday the vote had passed".
_NOT_IN_NAMES = STOP_WORDS - {"and", "with", "for", "of", "in", "the", "at", "from", "by"}
_MAX_NAME_WORDS = 10


def parse_date(text: str) -> str | None:
    """An ISO 8601 date (YYYY-MM-DD) when the whole text is a date with a year, else None.

    A sentence that mentions a date is not a date: every word must be part of it.
    """
    if not isinstance(text, str):
        return None
    return _date_of(text)


@lru_cache(maxsize=2048)
def _date_of(text: str) -> str | None:
    # Cached: a library's date lines repeat ("Mar 3, 2024"), and dateutil reads each
    # one twice (see below), a tenth of the time of a plain-text file.
    candidate = _DATE_PREFIX.sub("", text.strip(), count=1).strip(" |•·,;")
    if not candidate or len(candidate) > 48:
        return None
    common = _COMMON_DATE.fullmatch(candidate)
    if common:
        return _common_date(common)
    numeric = _NUMERIC_DATE.search(candidate)
    if not (numeric or (_MONTH.search(candidate) and _YEAR.search(candidate))):
        return None
    info = _PARSER_INFO_DAYFIRST if _DOTTED_DATE.search(candidate) else _PARSER_INFO
    # Parsed twice with different default days: a text without a day of its own
    # ("May 2024") gets two answers and is not a date line.
    results = [_parse(candidate, info, day) for day in (1, 2)]
    first = results[0]
    if first is None or results[1] != first:
        return None
    if first.year == _NO_YEAR or not 1800 <= first.year <= 2999:
        return None
    return first.date().isoformat()


# The two shapes of nearly every date line ("2024-03-05", "Mar 5, 2024"), read without
# dateutil, which reads a line twice (see _date_of): with the same answers, a tenth of
# the time of a plain-text file. Any other shape goes to dateutil.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_COMMON_DATE = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    rf"|(?P<month>{'|'.join(_MONTHS)}) (?P<day>[0-9]{{1,2}}), (?P<year>[0-9]{{4}})"
)


def _common_date(match: re.Match[str]) -> str | None:
    if match["iso"]:
        year, month, day = map(int, match["iso"].split("-"))
    else:
        year, month, day = int(match["year"]), _MONTHS.index(match["month"]) + 1, int(match["day"])
    if not 1800 <= year <= 2999:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:  # no such day: not a date line, as dateutil finds
        return None


def _parse(candidate: str, info: dateparser.parserinfo, day: int) -> dt.datetime | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateparser.parse(
                candidate,
                parserinfo=info,
                fuzzy=False,
                ignoretz=True,
                default=dt.datetime(_NO_YEAR, 1, day),
            )
    except (ValueError, OverflowError, TypeError, IndexError, KeyError, AttributeError):
        return None


def normalize_date(value: object) -> str | None:
    """Front matter and page dates (str, date or datetime) as ISO 8601 dates."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        iso = re.match(r"^\d{4}-\d{2}-\d{2}", value.strip())
        return _real_day(iso.group(0)) if iso else parse_date(value)
    return None


def _real_day(iso: str) -> str | None:
    """`iso` when such a day exists (not 2024-02-30)."""
    try:
        return dt.date.fromisoformat(iso).isoformat()
    except ValueError:
        return None


_NAME_KEYS = ("name", "title", "label", "text")
# What a front matter value that reads as text can be: a string, a number, a date, or a
# list or mapping of those.
_TEXT_LIKE = (str, int, float, dt.date, dict, list, tuple)


def meta_text(value: object, _depth: int = 0) -> str | None:
    """A front matter value as the text a person would write, None when it holds none.

    A list is its items joined with ", "; a mapping is its name (`name`, `title`, `label`
    or `text` field) when it has one, else its values joined: `author: {name: Jane, url:
    …}` is "Jane", never a Python repr. Empty items, nulls, true and false, numbers that
    are not finite, binary data and sets are left out.
    """
    if value is None or _depth > 4 or not isinstance(value, _TEXT_LIKE) or value is True:
        return None
    if value is False or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, dict):
        named = next((value[k] for k in _NAME_KEYS if isinstance(value.get(k), str)), None)
        if named is not None and named.strip():
            return named.strip()
        value = list(value.values())
    if isinstance(value, list | tuple):
        items = (meta_text(item, _depth + 1) for item in value)
        return ", ".join(item for item in items if item) or None
    return str(value).strip() or None


def _name_like(name: str) -> bool:
    """A person or an agency: a few words, no sentence ending, starting with a capital."""
    tokens = words(name)
    if not tokens or len(tokens) > _MAX_NAME_WORDS or ends_sentence(name):
        return False
    if agency_in(name):
        return True
    if any(t.lower() in _NOT_IN_NAMES for t in tokens):
        return False
    first = name.strip()[:1]
    return first.isalpha() and first.isupper() and tokens[0].lower() not in _ARTICLES


def byline(text: str) -> str | None:
    """The name in a "By ..." line: "" for a bare "By", None when not a byline.

    Pieces after a separator join the name: "By JANE DOE | Reuters" -> "JANE DOE, Reuters".
    "By the time ..." and "By 2030 ..." are not bylines: the name must look like one.
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    match = _BYLINE.match(stripped)
    foreign = False
    if not match:
        match = _FOREIGN_BYLINE.match(stripped)
        foreign = True
        if not match:
            return None
    name = " ".join(match.group(1).split())
    if not name:
        return None if foreign else ""
    pieces = [p.strip().rstrip(",;:") for p in _NAME_SEPARATORS.split(name)]
    pieces = [p for p in pieces if p]
    if not pieces or not all(_name_like(p) for p in pieces):
        return None
    return ", ".join(pieces)


def agency_in(author: str | None) -> str | None:
    """The news agency named by a byline, such as "AFP" in "John Doe, AFP"."""
    if not author or not isinstance(author, str):
        return None
    lowered = " ".join(author.lower().split())
    if lowered in AGENCIES:
        return AGENCIES[lowered]
    for part in re.split(r"\s*(?:,|/|\||\(|\)|\band\b|\bwith\b|\bfor\b)\s*", lowered):
        if part.strip() in AGENCIES:
            return AGENCIES[part.strip()]
    return None
