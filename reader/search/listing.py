"""The library as the source list shows it: articles grouped by source, in one flat list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

# (id, title, date): plain tuples, since a listing of 100k articles is built at start-up
# and each row is read only when drawn. The source is the row's group's.
ListingRow = tuple[str, str, "str | None"]
ID: Final = 0  # the position of the id in a row


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
                start = end
        return cls(rows, groups, total, partial)

    def index_of(self, article_id: str) -> int | None:
        """The position of an article in rows, or None."""
        return next((i for i, row in enumerate(self.rows) if row[ID] == article_id), None)

    def group_at(self, position: int) -> Group:
        """The group of the row at position."""
        return next(group for group in self.groups if group.end > position)
