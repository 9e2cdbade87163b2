"""Saved links from a CSV export (Instapaper, Pocket): each row a link entry."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from reader.importing.records import Export, Link, Origin, Rejected, tag_list
from reader.importing.sources import csv_rows, when


def read_links(
    path: Path, service: str, columns: tuple[str, ...], *, url: str, saved: str, folder: str
) -> Export:
    """The rows of a links CSV as `Link`s; a row without an http(s) url is rejected.
    The url is the link's id at its service (neither export gives another)."""
    export = Export(service)
    for line, row in csv_rows(path, columns):
        address = row.get(url, "").strip()
        if urlsplit(address).scheme not in ("http", "https"):
            export.rejected.append(Rejected(f"line {line}", f"not a web address: {address!r}"))
            continue
        export.links.append(
            Link(
                Origin(service, address, address),
                address,
                row.get("title", "").strip(),
                tag_list(row.get("tags", "")),
                row.get(folder, "").strip(),
                when(row.get(saved, "").strip()),
            )
        )
    return export
