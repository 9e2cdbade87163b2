"""The library as its files name it: the source list while an index is built anew, before
the index can list it. Each file is under its folder's source, with its name for title,
as the index lists a file without a source or title of its own."""

from __future__ import annotations

import string
from pathlib import Path

from reader.ingest.scan import walk
from reader.model import UNSORTED, Skipped, folder_source, name_title
from reader.search.listing import Listing, ListingRow

# SQLite's NOCASE, by which the index orders its listing, folds ASCII letters only.
_NOCASE = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def files_listing(root: Path) -> Listing:
    """Every supported file under root, in the source list's order (one walk, no file read)."""
    sources: dict[str, list[ListingRow]] = {}
    skipped: list[Skipped] = []  # (listed by the update, not here)
    for entry in walk(root, skipped):
        site, folder = folder_source(entry.id)
        row = (entry.id, name_title(entry.id), None)
        sources.setdefault(site or folder or UNSORTED, []).append(row)
    rows: list[ListingRow] = []
    counts = []
    for source in sorted(sources, key=lambda name: (name.translate(_NOCASE), name)):
        group = sorted(sources[source], key=lambda row: (row[1].translate(_NOCASE), row[0]))
        rows += group
        counts.append((source, len(group)))
    return Listing.of(rows, counts)
