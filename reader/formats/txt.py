"""Plain-text scrapes: title, header metadata, paragraphs, junk."""

from __future__ import annotations

import itertools
import re

from reader.canonical import Part, normalize
from reader.cleaning import classify, is_junk_line
from reader.formats.metadata import byline, parse_date
from reader.formats.parsed import Parsed
from reader.textshape import is_prose, is_title_like, words

_BULLET = re.compile(r"^([-*•▪‣◦–]|\d{1,3}[.)])\s+")
_HEADER_ZONE = 6


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped file breaks at, or None when lines are unwrapped."""
    lengths = [len(line) for line in lines if len(line) >= 40]
    if len(lengths) < 3:
        return None
    width = max(lengths)
    if width > 110:
        return None
    near = sum(1 for n in lengths if n >= width - 20)
    return width if near >= len(lengths) * 0.6 else None


def _units(text: str) -> list[tuple[str, bool]]:
    """Candidate blocks as (text, is_list_item), joining hard-wrapped lines."""
    lines = [line.rstrip() for line in text.split("\n")]
    width = _wrap_width(lines)
    units: list[tuple[str, bool]] = []
    joinable = False
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            continue
        bullet = _BULLET.match(line)
        if joinable and not bullet and units:
            prev, is_item = units[-1]
            units[-1] = (f"{prev} {line}", is_item)
        else:
            units.append((line, bool(bullet)))
        joinable = width is not None and len(raw) >= width - 20
    return units


def _read_header(units: list[str], parsed: Parsed) -> int:
    """Take byline, date, section and subtitle lines after the title; return units used."""
    i = 0
    while i < min(len(units), _HEADER_ZONE):
        unit = units[i]
        if is_prose(unit):
            break
        pieces = [p.strip() for p in unit.split("|")] if "|" in unit else [unit]
        pieces = [p for p in pieces if p]
        if pieces and all(_header_piece(p, parsed) for p in pieces):
            i += 1
            if parsed.author == "" and i < len(units) and len(words(units[i])) <= 6:
                name_pieces = [p.strip() for p in units[i].split("|") if p.strip()]
                parsed.author = name_pieces[0]
                for extra in name_pieces[1:]:
                    _header_piece(extra, parsed)
                i += 1
            continue
        if is_title_like(unit) and not is_junk_line(unit):
            if len(words(unit)) <= 3 and parsed.section is None:
                parsed.section = unit
            elif len(words(unit)) > 3 and parsed.subtitle is None:
                parsed.subtitle = unit
            else:
                break
            i += 1
            continue
        break
    if parsed.author == "":
        parsed.author = None
    return i


def _header_piece(piece: str, parsed: Parsed) -> bool:
    """Record a byline or date piece; False when the piece is neither."""
    name = byline(piece)
    if name is not None and parsed.author is None:
        parsed.author = name
        return True
    date = parse_date(piece)
    if date and parsed.date is None:
        parsed.date = date
        return True
    return False


def parse_txt(raw: str) -> Parsed:
    """Parse a plain-text scrape. The first non-junk line is the title."""
    units = _units(normalize(raw))
    parsed = Parsed()
    leading: list[Part] = []
    while units and is_junk_line(units[0][0]) and len(units) > 1:
        leading.append(Part("paragraph", units.pop(0)[0], boilerplate=True))
    if not units:
        return parsed
    parsed.title = units.pop(0)[0]
    used = _read_header([u for u, _ in units], parsed)
    units = units[used:]

    parts = [Part("list_item" if item else "paragraph", text) for text, item in units]
    classify(parts)
    _mark_headings(parts)
    parsed.parts = leading + parts
    return parsed


def _mark_headings(parts: list[Part]) -> None:
    """A kept title-like line followed by kept prose is a section heading."""
    kept = [p for p in parts if not p.boilerplate]
    for here, after in itertools.pairwise(kept):
        if here.kind == "paragraph" and is_title_like(here.text) and is_prose(after.text):
            here.kind = "heading"
            here.level = 2
