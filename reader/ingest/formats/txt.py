"""Plain-text scrapes: title, header metadata, paragraphs, junk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.ingest.canonical import Part, normalize
from reader.ingest.cleaning import classify, is_junk_line, junk_reason
from reader.ingest.formats.metadata import agency_in, byline, parse_date
from reader.ingest.formats.parsed import Parsed
from reader.ingest.listnesting import tighten_items
from reader.ingest.storyspan import fold_outside_story
from reader.ingest.textshape import ends_sentence, is_prose, is_title_like, stopword_ratio, words

_BULLET = re.compile(r"^([-*+•▪‣◦–]|\d{1,3}[.)])\s+")
_HEADER_ZONE = 6
TITLE_LINE = "the page's title line"
# A standfirst (a one-sentence summary under the title) is at most this long.
_STANDFIRST_WORDS = 60
_PIECE_SEPARATORS = re.compile(r"\s*\|\s*|(?:^|\s+)[•·](?:\s+|$)")
_READING_TIME = re.compile(r"^\d{1,3}\s*(min|mins|minutes?)(\s+read)?$", re.IGNORECASE)
_DATE_BY = re.compile(r"^(?P<date>.+?)\s+by\s+(?P<name>.+)$", re.IGNORECASE)
# "WASHINGTON (Reuters) -", "PARIS, Nov 23 (AFP) –": an agency's dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}(,\s*[\w.' -]{1,40})?\s*\((?P<agency>[^()]{2,40})\)\s*[-–—]+\s"
)


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped file breaks at, or None when lines are unwrapped.

    Wrapped lines cluster just under one width and most of them stop mid-sentence;
    a file of one short paragraph per line has lines that end their sentences.
    """
    long = [line for line in lines if len(line) >= 40]
    if len(long) < 3:
        return None
    width = max(len(line) for line in long)
    if width > 110:
        return None
    near = [line for line in long if len(line) >= width - 20]
    mid_sentence = sum(1 for line in near if not ends_sentence(line))
    if len(near) < 3 or len(near) < len(long) * 0.6 or mid_sentence < max(2, len(near) / 2):
        return None
    return width


@dataclass(slots=True)
class _Unit:
    """A candidate block: its text, whether it is a list item by its own marker or a
    quotation (its lines quoted with "> "), and whether its first line is right under the
    unit before (no blank line between)."""

    text: str
    item: bool
    next_line: bool = False
    quote: bool = False


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _stands_alone(line: str) -> bool:
    """A line that never continues the one above: a bullet, a byline, a date, a junk line."""
    return bool(
        _BULLET.match(line)
        or byline(line) is not None
        or parse_date(line) is not None
        or is_junk_line(line)
    )


def _quoted(line: str) -> bool:
    """Is the (stripped) line one of a quotation: "> " and its text, or ">" alone?"""
    return line.startswith("> ") or line == ">"


def _units(text: str) -> list[_Unit]:
    """Candidate blocks, joining hard-wrapped lines.

    In a hard-wrapped file a line continues the one above only when that line was
    full: its next word would not have fitted within the wrap width. A line that
    stopped early ended its paragraph on purpose. Lines quoted with "> " one after the
    other are one quotation, a line each, as the file has them (a ">" alone among them
    too); a quotation neither joins nor is joined by the text around it.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    width = _wrap_width(lines)
    units: list[_Unit] = []
    previous = ""
    joinable = False
    after_blank = True
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            after_blank = True
            continue
        quote = _quoted(line)
        alone = quote or (width is not None and _stands_alone(line))
        if quote and units and units[-1].quote and not after_blank:
            units[-1].text = f"{units[-1].text}\n{line}"
        elif joinable and units and not alone and _continues(previous, raw, width or 0):
            units[-1].text = f"{units[-1].text} {line}"
        else:
            item = not quote and bool(_BULLET.match(line))
            # (">" alone starts no quotation: it is one only among quoted lines)
            units.append(_Unit(line, item, next_line=not after_blank, quote=line != ">" and quote))
        previous = raw
        # One block a line, unless the file is hard-wrapped.
        joinable = width is not None and len(raw) >= width - 25 and not alone
        after_blank = False
    return units


def _continues(previous: str, raw: str, width: int) -> bool:
    """Does `raw` carry on the paragraph of the full line `previous`?"""
    if len(previous) + 1 + len(raw.split()[0]) <= width:
        return False  # the word would have fitted: the break was deliberate
    return _indent(raw) <= _indent(previous)


@dataclass(slots=True)
class _Header:
    author: str | None = None
    date: str | None = None
    section: str | None = None
    bare_by: bool = False


def _header_line(unit: str, parsed: Parsed) -> _Header | None:
    """The byline and date a line holds, or None unless it holds nothing else.

    Pieces are separated by "|" or "•": "By JANE DOE | Reuters | Nov 23, 2024".
    After a byline, short name-like pieces add to the author; before one, a short
    piece is the section ("World | By AFP").
    """
    pieces = [p.strip() for p in _PIECE_SEPARATORS.split(unit)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    found = _Header()
    names: list[str] = []
    seen_by = False
    for piece in pieces:
        name = byline(piece)
        date = parse_date(piece)
        if name is not None:
            if seen_by or parsed.author is not None:
                return None
            seen_by = True
            if name:
                names.append(name)
            continue
        if date is not None:
            if found.date is None and parsed.date is None:
                found.date = date
            continue
        if _READING_TIME.match(piece):
            continue
        dated = _DATE_BY.match(piece)
        if dated and not seen_by and parsed.author is None:
            when, who = parse_date(dated["date"]), byline(f"By {dated['name']}")
            if when is not None and who:
                seen_by = True
                names.append(who)
                found.date = found.date or (None if parsed.date else when)
                continue
        if seen_by and _name_like_piece(piece):
            names.append(piece)
            continue
        if not seen_by and found.section is None and _section_like(piece, parsed):
            found.section = piece
            continue
        return None
    if not seen_by and found.date is None:
        return None
    if seen_by:
        found.author = ", ".join(names)
        found.bare_by = not names
    return found


def _section_like(piece: str, parsed: Parsed) -> bool:
    return (
        parsed.section is None
        and is_title_like(piece)
        and len(words(piece)) <= 3
        and not is_junk_line(piece)
    )


def _name_like_piece(piece: str) -> bool:
    return byline(f"By {piece}") is not None and parse_date(piece) is None


def _author_line(unit: str) -> tuple[str, str | None] | None:
    """The name (and maybe a date) on the line after a bare "By": "AFP | Nov 23, 2024"."""
    pieces = [p.strip() for p in _PIECE_SEPARATORS.split(unit)]
    pieces = [p for p in pieces if p]
    if not pieces or not _name_like_piece(pieces[0]) or len(words(pieces[0])) > 6:
        return None
    names, date = [pieces[0]], None
    for piece in pieces[1:]:
        when = parse_date(piece)
        if when is not None:
            date = date or when
        elif _name_like_piece(piece):
            names.append(piece)
        elif not _READING_TIME.match(piece):
            return None
    return ", ".join(names), date


def _commit(found: _Header, parsed: Parsed) -> None:
    if found.author:
        parsed.author = found.author
    if found.date and parsed.date is None:
        parsed.date = found.date
    if found.section and parsed.section is None:
        parsed.section = found.section


def _read_header(units: list[str], parsed: Parsed) -> int:
    """Take byline, date, section and subtitle lines after the title; return units used.

    Only lines whose every piece becomes metadata are taken, so no text is lost.
    """
    i = 0
    while i < min(len(units), _HEADER_ZONE):
        unit = units[i]
        found = _header_line(unit, parsed)
        if found is not None and found.bare_by:
            # "By" alone: the name is on the next line.
            named = _author_line(units[i + 1]) if i + 1 < len(units) else None
            if named is None:
                if found.date is None and found.section is None:
                    break
                found.author = None
                _commit(found, parsed)
                i += 1
                break
            _commit(found, parsed)
            parsed.author, date = named
            if date and parsed.date is None:
                parsed.date = date
            i += 2
            continue
        if found is not None:
            _commit(found, parsed)
            i += 1
            continue
        if is_prose(unit):
            if parsed.subtitle is None and _standfirst(units, i):
                parsed.subtitle = unit
                i += 1
                continue
            break
        if is_title_like(unit) and not is_junk_line(unit):
            if len(words(unit)) <= 3 and parsed.section is None and _header_follows(units, i):
                parsed.section = unit
            elif len(words(unit)) > 3 and parsed.subtitle is None:
                parsed.subtitle = unit
            else:
                break
            i += 1
            continue
        break
    return i


def _standfirst(units: list[str], i: int) -> bool:
    """A sentence right under the title, followed by a byline (perhaps after a date).

    A paragraph followed by a date alone may be a diary entry's first line, so a
    date line without a byline after it does not make a standfirst.
    """
    if len(words(units[i])) > _STANDFIRST_WORDS:
        return False
    for unit in units[i + 1 : i + 3]:
        found = _header_line(unit, Parsed())
        if found is None:
            return False
        if found.author is not None:
            return True
    return False


def _header_follows(units: list[str], i: int) -> bool:
    """Is there a byline or date line a little below units[i]?

    A short line under the title is the section ("America") when the header goes
    on below it; with no byline or date it may as well be the first heading, and
    then it stays in the body.
    """
    prose = 0
    for unit in units[i + 1 : _HEADER_ZONE]:
        if _header_line(unit, Parsed()) is not None:
            return True
        prose += is_prose(unit)
        if prose > 1:
            return False
    return False


def parse_txt(raw: str) -> Parsed:
    """Parse a plain-text scrape. The first non-junk line is the title, unless it is the
    only one; the header under it never takes the last line (see `_read_header`)."""
    units = _units(normalize(raw))
    parsed = Parsed()
    leading: list[Part] = []
    while units and len(units) > 1 and (why := junk_reason(units[0].text)):
        leading.append(Part("paragraph", units.pop(0).text, boilerplate=True, reason=why))
    if not units:
        return parsed
    if len(units) == 1:
        # A file of one paragraph: it is the body (the title comes from the file's name).
        parsed.parts = [*leading, _part(units[0])]
        return parsed
    parsed.title = units.pop(0).text
    used = _read_header([u.text for u in units], parsed)
    units = units[used:] if used < len(units) else _header_text_back(units, parsed)

    parts = [_part(unit) for unit in units]
    classify(parts)
    headline = fold_outside_story(parts, parsed.title)
    if headline >= 0:
        parts = _take_headline(parts, headline, parsed)
    _mark_lists(parts)
    _mark_headings(parts)
    tighten_items(parts)  # an item on the line right under another one
    if parsed.author is None:
        parsed.author = _dateline_agency(parts)
    parsed.parts = leading + parts
    return parsed


def _part(unit: _Unit) -> Part:
    """A unit as a block: a list item keeps its own marker ("1.", "-") in its text, a
    quotation the ">" of each line (so search, find and notes see what the file says).
    `tight` says, until `tighten_items`, that the unit is on the line right under the one
    before."""
    if unit.quote:
        return Part("quote", unit.text, own_marker=len("> "))
    marker = _BULLET.match(unit.text) if unit.item else None
    if marker is None:
        return Part("paragraph", unit.text, tight=unit.next_line)
    return Part("list_item", unit.text, own_marker=marker.end(), tight=unit.next_line)


def _header_text_back(units: list[_Unit], parsed: Parsed) -> list[_Unit]:
    """The header took every line under the title: the lines of text it took (a subtitle,
    a section name) are the body; bylines and dates stay metadata (the meta line shows them)."""
    back = [unit for unit in units if unit.text in (parsed.subtitle, parsed.section)]
    for text in [unit.text for unit in back]:
        parsed.subtitle = None if parsed.subtitle == text else parsed.subtitle
        parsed.section = None if parsed.section == text else parsed.section
    return back


def _take_headline(parts: list[Part], headline: int, parsed: Parsed) -> list[Part]:
    """The page's own headline becomes the title (the <title> line often carries the
    site's name), and the byline, date and section lines under it become metadata."""
    text = " ".join(parts[headline].text.split())
    title_line: list[Part] = []
    if text and len(text) <= len(parsed.title) and text.casefold() in parsed.title.casefold():
        if text != parsed.title:
            # The first line says more than the headline (the site's name, or a line
            # joined to it): it stays, folded, so none of it is lost.
            title_line = [Part("paragraph", parsed.title, boilerplate=True, reason=TITLE_LINE)]
        parsed.title = text
    below = [p.text for p in parts[headline + 1 : headline + 1 + _HEADER_ZONE]]
    # With an author already known, a second byline is not metadata: it stays as text.
    found = Parsed(section=parsed.section, author=parsed.author)
    used = _read_header(below, found)
    parsed.author = parsed.author or found.author
    parsed.date = parsed.date or found.date
    parsed.section = parsed.section or found.section
    # A standfirst under the headline is the story's first paragraph: it stays.
    taken = {id(p) for p in parts[headline + 1 : headline + 1 + used] if p.text != found.subtitle}
    return title_line + [p for p in parts if id(p) not in taken]


def _dateline_agency(parts: list[Part]) -> str | None:
    """The agency of a "WASHINGTON (Reuters) -" dateline opening the first paragraph."""
    for part in parts:
        if part.boilerplate or part.kind != "paragraph":
            continue
        if not is_prose(part.text):
            return None
        match = _DATELINE.match(part.text)
        return agency_in(match["agency"]) if match else None
    return None


def _mark_lists(parts: list[Part]) -> None:
    """Short lines right after a line ending in a colon are that line's list."""
    kept = [p for p in parts if not p.boilerplate]
    i = 0
    while i < len(kept):
        here = kept[i]
        j = i + 1
        if here.kind == "paragraph" and here.text.rstrip().endswith(":"):
            while j < len(kept) and kept[j].kind == "paragraph" and _list_line(kept[j].text):
                j += 1
            if j - i - 1 >= 2:
                for item in kept[i + 1 : j]:
                    item.kind = "list_item"
            else:
                j = i + 1
        i = j


def _list_line(text: str) -> bool:
    return is_title_like(text) and len(words(text)) <= 12


def _heading_like(text: str) -> bool:
    """A short line with no sentence ending that does not run on into what follows.

    Looser than `is_title_like` about function words ("Critics say the money would
    be better spent on wind"): this only picks a block's style, never drops it.
    """
    stripped = text.strip()
    tokens = words(stripped)
    return (
        0 < len(tokens) <= 16
        and len(stripped) <= 140
        and not ends_sentence(stripped)
        and not stripped.endswith((":", ",", ";"))
        and "|" not in stripped
        and not stripped[:1].islower()
        and stopword_ratio(tokens) <= 0.5
    )


def _mark_headings(parts: list[Part]) -> None:
    """A kept title-like line before kept prose (or before such a heading) is a heading.

    A line ending in a colon introduces what follows ("He told reporters:"); it is
    part of the prose, not a heading. Two headings may stack (a part and its first
    section), not more.
    """
    kept = [p for p in parts if not p.boilerplate]
    stacked = False  # the line below is itself a heading over a heading
    for k in range(len(kept) - 2, -1, -1):
        here, after = kept[k], kept[k + 1]
        over_prose = after.kind != "heading" and is_prose(after.text)
        over_heading = after.kind == "heading" and not stacked
        if here.kind == "paragraph" and _heading_like(here.text) and (over_prose or over_heading):
            here.kind = "heading"
            here.level = 2
            stacked = over_heading
        else:
            stacked = False
