"""The library as the source list shows it: articles grouped by source, in one flat list."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

# (id, title, source, date): plain tuples, since a listing of 100k articles is built
# at start-up and each row is read only when drawn.
ListingRow = tuple[str, str, str, "str | None"]
ID, TITLE, SOURCE, DATE = range(4)


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
        cls, rows: list[ListingRow], totals: dict[str, int] | None = None, partial: bool = False
    ) -> Listing:
        """Group rows that are already in listing order (each source's rows together)."""
        groups = []
        start = 0
        for source, members in groupby(rows, key=itemgetter(SOURCE)):
            end = start + sum(1 for _ in members)
            total = totals.get(source, end - start) if totals else end - start
            groups.append(Group(source, start, end, total))
            start = end
        total = sum(totals.values()) if totals else len(rows)
        return cls(rows, groups, total, partial)

    def index_of(self, article_id: str) -> int | None:
        """The position of an article in rows, or None."""
        return next((i for i, row in enumerate(self.rows) if row[ID] == article_id), None)
