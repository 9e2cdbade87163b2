"""Kindle's `My Clippings.txt`: clippings between lines of `==========`, each a
`Title (Author)` line, a `- Your Highlight on page 3 | Location 40-42 | Added on …`
line, a blank line and the text. The header's words say the clipping's kind in the
languages a Kindle is most often set to (`_KINDS`: English, German, French, Spanish,
Italian, Portuguese, Dutch, Russian, Japanese, Chinese); in another, its shape does: a
range of locations with text is a highlight, no text a bookmark, and a single location
with text (a note, or a highlight of a few words) is rejected as not read. A note
(`- Your Note on …`) is attached to the highlight of the same book whose location range
holds the note's location (the last such highlight before it, else the first after; a
Kindle adds a note at the end of its highlight), or, in a file that gives no locations,
to the highlight it follows; a note with no highlight to go with is reported. Bookmarks
are passed over."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from dateutil import parser

from reader.importing.records import (
    Export,
    Highlight,
    ImportFormatError,
    Origin,
    content_id,
)
from reader.importing.sources import read_bytes, text_of, when, whole_number
from reader.search.cjk import has_cjk as _has_cjk

SERVICE = "kindle"
SEPARATOR = "=========="
_HEADER = re.compile(r"^-\s*\S")
# The words of a clipping's header that say its kind, by language (in a Chinese or
# Japanese header they stand among other words: looked for as they are).
_KINDS = {
    "highlight": "highlight markierung surlignement subrayado evidenziazione destaque "
    "markering выделенный выделение ハイライト 标注 標註 劃線",
    "note": "note notiz nota notitie заметка メモ 笔记 筆記",
    "bookmark": "bookmark lesezeichen signet marcador segnalibro bladwijzer закладка "
    "ブックマーク 书签 書籤",
    "clip": "clip",
}
_NUMBER = r"\d(?:[\d,.]*\d)?"
_LOCATION = re.compile(
    r"(?:locations?|loc\.|position|emplacement|posición|posizione|posição|locatie|позиция|位置)"
    rf"\s*(?:no\.|#)?\s*({_NUMBER}(?:-{_NUMBER})?)",
    re.IGNORECASE,
)
_ADDED = re.compile(
    r"(?:Added on|Hinzugefügt am|Ajouté le|Añadido el|Aggiunto in data|Aggiunto il|"
    r"Adicionado(?: em)?:?|Toegevoegd op|Добавлено:?|作成日[:：]|添加于)\s*(.+)$",
    re.IGNORECASE,
)
_AUTHOR = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_START = re.compile(rf"(?:\A|^{SEPARATOR}\n)[^\n]+\n- ", re.MULTILINE)
NOT_READ = "a clipping whose kind is not read: its header's language is not one reader knows"


def looks_like(text: str) -> bool:
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    return SEPARATOR in text and bool(_START.search(text))


def read(path: Path) -> Export:
    text = text_of(path, read_bytes(path)).replace("\r\n", "\n").replace("\ufeff", "")
    export = Export(SERVICE)
    last: _Clipping | None = None
    clippings: list[_Clipping] = []  # the highlights, each with where it stands
    notes: list[tuple[str, _Clipping, _Clipping | None, str]] = []
    blocks = text.split(SEPARATOR)
    for i, block in enumerate(blocks, 1):
        lines = block.strip("\n").split("\n")
        if not block.strip():
            continue
        where = f"clipping {i}"
        if len(lines) < 2 or not _HEADER.match(lines[1].strip()):
            raise ImportFormatError(path, f"{where}: no '- Your Highlight …' line under the title")
        title, author = _title(lines[0].strip())
        info = lines[1].strip()
        said = _said_kind(info)
        # (A header of a language not known is read by its shape: its range of locations.)
        m = _LOCATION.search(info) or (_range(info) if said is None else None)
        location = m.group(1) if m else ""
        added = _added(m.group(1).strip()) if (m := _ADDED.search(info)) else None
        body = "\n".join(lines[2:]).strip()
        here = _Clipping(i, title, _span(location))
        kind = said or _shaped_kind(body, here.span)
        if kind is None:
            export.reject(where, NOT_READ)
            continue
        if kind == "note":
            notes.append(
                (where, here, last if last is not None and last.title == title else None, body)
            )
            continue
        if kind != "highlight":
            export.reject(where, f"a {kind}, not a highlight")
            continue
        if not body:
            export.reject(where, "no highlighted text")
            continue
        here.highlight = Highlight(
            Origin(SERVICE, content_id(title, _id_part(location), body)),
            body,
            created=added,
            title=title,
            author=author,
        )
        last = here
        clippings.append(here)
    for where, note, previous, body in notes:
        highlight = previous if note.span is None else _noted(note, note.span[0], clippings)
        if highlight is None:
            export.reject(where, "a note without a highlight at its location")
            continue
        highlight.notes.append(body)
    for clipping in clippings:
        found = clipping.highlight
        if found is None:
            continue
        if clipping.notes:
            found = replace(found, note="\n\n".join(n for n in clipping.notes if n))
        export.highlights.append(found)
    return export


@dataclass(slots=True)
class _Clipping:
    """A clipping: its place in the file, its book and location range, and (for a
    highlight) the highlight and the notes found for it."""

    order: int
    title: str
    span: tuple[int, int] | None
    highlight: Highlight | None = None
    notes: list[str] = field(default_factory=list)


# Month names in the languages of `_KINDS` (a Kindle writes the date in its own).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janvier enero gennaio janeiro januari января январь янв",
            "february feb februar février febrero febbraio fevereiro februari февраля февраль фев",
            "march mar märz mars marzo março maart марта март мар",
            "april apr avril abril aprile апреля апрель апр",
            "may mai mayo maggio maio mei мая май",
            "june jun juni juin junio giugno junho июня июнь июн",
            "july jul juli juillet julio luglio julho июля июль июл",
            "august aug août agosto augustus августа август авг",
            "september sep sept septembre septiembre settembre setembro сентября сентябрь сен сент",
            "october oct oktober octobre octubre ottobre outubro октября октябрь окт",
            "november nov novembre noviembre novembro ноября ноябрь ноя",
            "december dec dezember décembre diciembre dicembre dezembro декабря декабрь дек",
        ),
        1,
    )
    for name in names.split()
}


class _Months(parser.parserinfo):
    def month(self, name: str) -> int | None:
        return _MONTHS.get(name.casefold())


_WORD = re.compile(r"[^\W\d_]+")
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_CJK_DATE = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日\D*?(上午|下午|午前|午後)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?"
)


def _added(text: str) -> datetime | None:
    """The date a clipping was added, as its Kindle writes it in its language (the
    weekday and such words aside); None when it cannot be read."""
    if (found := when(text)) is not None:
        return found
    if m := _CJK_DATE.search(text):
        year, month, day, half, hour, minute, second = m.groups()
        hours = int(hour)
        if half:  # 上午 12:05 is five past midnight, 下午 12:05 five past noon
            hours = hours % 12 + (12 if half in ("下午", "午後") else 0)
        try:
            moment = datetime(int(year), int(month), int(day), hours, int(minute), int(second or 0))
        except ValueError:
            return None
        return moment.replace(tzinfo=UTC)
    words = _WORD.findall(text)
    if not (_NUMERIC_DATE.search(text) or any(w.casefold() in _MONTHS for w in words)):
        return None  # a month in a language not read: a guess would take the day for it
    try:
        moment = parser.parse(text, parserinfo=_Months(), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _range(info: str) -> re.Match[str] | None:
    """A range of locations in a header whose word for location is not known: in any
    part of it but the last (the date it was added)."""
    parts = info.rsplit("|", 1)[0] if "|" in info else info
    return re.search(rf"(?<![\d,.])({_NUMBER}-{_NUMBER})", parts)


def _said_kind(info: str) -> str | None:
    """The clipping's kind as its header's words say it, None in a language not known."""
    words = set(re.findall(r"\w+", info.casefold()))
    for kind, said in _KINDS.items():
        for word in said.split():
            if word in info if _has_cjk(word) else word in words:
                return kind
    return None


def _shaped_kind(body: str, span: tuple[int, int] | None) -> str | None:
    """The clipping's kind by its shape (see the module's docstring); None when it does
    not tell."""
    if not body:
        return "bookmark"
    if span is not None and span[1] > span[0]:
        return "highlight"
    return None


def _id_part(location: str) -> str:
    """The location as the highlight's id has always taken it: up to a thousands
    separator (`1,223-1,230` as `1`), so that ids of highlights imported before hold."""
    return re.match(r"[\d-]*", location).group()  # type: ignore[union-attr]


def _span(location: str) -> tuple[int, int] | None:
    """A location (`40`) or range (`40-42`; `1234-36` as older Kindles shorten it)."""
    first, _, last = location.replace(",", "").replace(".", "").partition("-")
    start = whole_number(first)
    if start is None:
        return None
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    end = whole_number(last)
    return start, start if end is None else end


def _noted(note: _Clipping, at: int, highlights: list[_Clipping]) -> _Clipping | None:
    """The highlight a note at location `at` goes with: of its book, its range holding
    `at`; the last such before the note, else the first after."""
    holding = [
        h
        for h in highlights
        if h.title == note.title and h.span is not None and h.span[0] <= at <= h.span[1]
    ]
    before = [h for h in holding if h.order < note.order]
    if before:
        return before[-1]
    return holding[0] if holding else None


def _title(line: str) -> tuple[str, str]:
    if m := _AUTHOR.match(line):
        return m.group(1), m.group(2)
    return line, ""
