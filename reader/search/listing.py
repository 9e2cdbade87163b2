"""The library as the source list shows it: articles grouped by source, in one flat list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from reader.text.natural import natural_key

# (id, title, date): plain tuples, since a listing of 100k articles is built at start-up
# and each row is read only when drawn. The source is the row's group's.
ListingRow = tuple[str, str, "str | None"]
ID: Final = 0  # the position of the id in a row
_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class Group:
    """One source's articles: rows[start:end] of the listing."""

    source: str
    start: int
    end: int
    total: int  # articles of this source in the library (more than end - start when partial)


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows in source-list order (sources A-Z, newest first, then title) and their groups.

    `partial` is True for the first page shown while the rest is read.
    """

    rows: list[ListingRow] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    total: int = 0  # articles in the library
    partial: bool = False

    @classmethod
    def of(
        cls, rows: list[ListingRow], counts: Iterable[tuple[str, int]], partial: bool = False
    ) -> Listing:
        """Rows in listing order with (source, articles) in the same order: the rows of
        each source follow each other. With a first page, later sources have no rows."""
        groups = []
        start = total = 0
        for source, count in counts:
            total += count
            if start < len(rows):
                end = min(start + count, len(rows))
                groups.append(Group(source, start, end, count))
                _in_natural_order(rows, start, end)
                start = end
        return cls(rows, groups, total, partial)

    def index_of(self, article_id: str) -> int | None:
        """The position of an article in rows, or None."""
        return next((i for i, row in enumerate(self.rows) if row[ID] == article_id), None)

    def group_at(self, position: int) -> Group:
        """The group of the row at position."""
        return next(group for group in self.groups if group.end > position)


def _in_natural_order(rows: list[ListingRow], start: int, end: int) -> None:
    """Put the rows of one source that share a date (or have none) in natural order of
    title, then of file name ("Tiny 2" before "Tiny 10"); they come sorted by date, then
    title by letters. Only runs with a digit in them are sorted again: few are."""
    run = start
    for n in range(start + 1, end + 1):
        if n < end and rows[n][2] == rows[run][2]:
            continue
        if n - run > 1 and any(
            _DIGIT.search(row[1]) or _DIGIT.search(row[0]) for row in rows[run:n]
        ):
            rows[run:n] = sorted(
                rows[run:n], key=lambda row: (natural_key(row[1]), natural_key(row[0]))
            )
        run = n
