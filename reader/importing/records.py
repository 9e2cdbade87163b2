"""What an export holds, read into plain records before anything is written."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from reader.errors import ReaderError


class ImportFormatError(ReaderError):
    """An export file that cannot be read as its format: nothing of it is imported."""

    def __init__(self, path: object, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an item came from: the service, its id there and the page's url."""

    service: str
    id: str
    url: str = ""

    def as_data(self) -> dict[str, str]:
        data = {"service": self.service, "id": self.id}
        if self.url:
            data["url"] = self.url
        return data


@dataclass(frozen=True, slots=True)
class Highlight:
    """A quoted passage, with the reader's note, from a service."""

    origin: Origin
    quote: str
    note: str = ""
    tags: tuple[str, ...] = ()
    created: datetime | None = None
    title: str = ""  # of the article or book it was made in
    author: str = ""
    prefix: str = ""  # the text just before the quote, when the service kept it
    suffix: str = ""
    # Where the quote starts in its article's text, as reader's own exports write it: a
    # phrase the article holds twice is placed on this occurrence when it is there.
    at: int | None = None
    # Whether the id is the service's own for the highlight (Hypothesis'), not made of
    # what it says: two of distinct ids are two notes, however alike.
    given_id: bool = False
    # The file the export says the quote was highlighted in (KOReader's `file`).
    file: str = ""
    color: str = ""  # reader's colour for it, when the export says one (KOReader's)


@dataclass(frozen=True, slots=True)
class SavedArticle:
    """An article with its HTML, and the highlights made in it."""

    origin: Origin
    title: str
    html: str
    tags: tuple[str, ...] = ()
    author: str = ""
    saved: datetime | None = None
    published: str = ""
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """A saved link without its page: fetched later by `reader add --pending`."""

    origin: Origin
    title: str = ""
    tags: tuple[str, ...] = ()
    folder: str = ""
    saved: datetime | None = None

    @property
    def url(self) -> str:
        return self.origin.url


@dataclass(frozen=True, slots=True)
class Rejected:
    """An entry passed over, and why."""

    entry: str
    reason: str


@dataclass(slots=True)
class Export:
    """Everything read from one export file."""

    service: str
    articles: list[SavedArticle] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    repeated: int = 0  # links whose url came before in the same file

    def __len__(self) -> int:
        return len(self.articles) + len(self.links) + len(self.highlights)

    def reject(self, entry: str, reason: str) -> None:
        """Pass over `entry` (where it stands in the file), saying why."""
        self.rejected.append(Rejected(entry, reason))


def content_id(*parts: str) -> str:
    """A stable id for an entry its service gives none: a digest of what it says."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def told_apart(export: Export) -> None:
    """Give each highlight of the export an id of its own. An id made of what a highlight
    says (`content_id`) is shared by a phrase highlighted twice where the export gives no
    place; the later ones take their date as well, else (undated, or of one date) their
    note: both kept, and the same file imported again gives the same ids. The first keeps
    the id it always had (imports made before find it); a highlight repeated as it is
    keeps it too (a duplicate)."""
    seen: dict[str, list[tuple[str, str]]] = {}

    def own(h: Highlight) -> Highlight:
        marks = seen.setdefault(h.origin.id, [])
        mark = (h.created.isoformat() if h.created else "", h.note)
        if not marks or mark in marks:
            marks.append(mark)
            return h
        dated = mark[0] and all(date != mark[0] for date, _ in marks)
        marks.append(mark)
        key = content_id(h.origin.id, mark[0]) if dated else content_id(h.origin.id, *mark)
        return replace(h, origin=replace(h.origin, id=key))

    export.articles = [
        replace(a, highlights=tuple(map(own, a.highlights))) if a.highlights else a
        for a in export.articles
    ]
    export.highlights = [own(h) for h in export.highlights]


def tag_list(value: object) -> tuple[str, ...]:
    """Tags from a list of strings or of {label|name|slug} mappings, or a string split
    on pipes or commas, or holding a JSON list (as the CSV exports write them)."""
    if isinstance(value, str) and value.strip().startswith("["):  # Instapaper: a JSON list
        with contextlib.suppress(ValueError):
            value = json.loads(value)
    if isinstance(value, str):
        sep = "|" if "|" in value else ("," if "," in value else None)
        items: list[object] = list(value.split(sep))
    elif isinstance(value, list):
        items = value
    else:
        return ()
    tags: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("label") or item.get("name") or item.get("slug") or ""
        text = str(item).strip() if isinstance(item, str | int) else ""
        if text and text not in tags:
            tags.append(text)
    return tuple(tags)
