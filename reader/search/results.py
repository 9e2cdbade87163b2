"""What the index hands back: search hits and update counts."""

from __future__ import annotations

from dataclasses import dataclass

from reader.search.query import Query
from reader.search.snippet import Span


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching article.

    `score` is the negated bm25 rank: higher is better (0.0 when the hit was not
    ranked: the query had no words, it was the only match, or its words are in most
    articles). `snippet` is plain text from the body around the match (None
    until it is cut: see LibraryIndex.excerpts), and `spans` the (start, end) ranges
    of matched words in it; `title_spans` the same for the title. No markup is ever
    put into the text itself.
    """

    id: str
    title: str
    source: str
    author: str | None
    date: str | None
    score: float
    snippet: str | None
    spans: tuple[Span, ...] = ()
    title_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The best hits, how many articles matched in all, and a note for the user, if any.

    `total` is at least this many when `more` is True (counting stops at a cap, or has
    not been done: `counted` False, see LibraryIndex.complete).
    """

    hits: list[Hit]
    total: int
    message: str | None
    query: Query
    more: bool = False
    counted: bool = True


@dataclass(frozen=True, slots=True)
class UpdateStats:
    """What an update did.

    `unchanged` counts indexed articles whose content did not change (including files
    that were touched but re-read the same); `skipped` counts the files passed over,
    `ignored` the files read with something left out (see `LibraryIndex.ignored`).
    """

    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: int = 0
    unchanged: int = 0
    ignored: int = 0
    renamed: tuple[tuple[str, str], ...] = ()  # (old id, new id): the same text moved
