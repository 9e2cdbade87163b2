"""Saved links from a CSV export (Instapaper, Pocket): each row a link entry (and the
text selected when it was saved, a highlight)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reader.importing.records import Export, Highlight, Link, Origin, content_id, tag_list
from reader.importing.sources import csv_rows, when


def is_web_address(url: str) -> bool:
    """Whether `url` is an http(s) address with a host and no space or control character
    (an ESC kept at import would only be refused when fetched): the one check of both
    `reader import` and `reader add`."""
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme, parts.hostname
    except ValueError:  # an unclosed [ of an IPv6 address, a bad port
        return False
    unsafe = any(c.isspace() or not c.isprintable() for c in url)
    return scheme in ("http", "https") and bool(host) and not unsafe


def read_links(
    path: Path,
    service: str,
    columns: tuple[str, ...],
    *,
    url: str,
    saved: str,
    folder: str,
    selection: str = "",
) -> Export:
    """The rows of a links CSV as `Link`s; a row without an http(s) url is rejected, one
    whose url came before in the file counted as repeated. The url is the link's id at
    its service (neither export gives another). The text selected on a page when it was
    saved (Instapaper's `selection`) is a highlight made in it."""
    export = Export(service)
    seen: set[str] = set()
    for line, row in csv_rows(path, columns):
        address = row.get(url, "").strip()
        if not is_web_address(address):
            export.reject(f"line {line}", f"not a web address: {address!r}")
            continue
        title = row.get("title", "").strip()
        moment = when(row.get(saved, "").strip())
        quote = row.get(selection, "").strip() if selection else ""
        if quote:
            origin = Origin(service, content_id(address, quote), address)
            export.highlights.append(Highlight(origin, quote, created=moment, title=title))
        if address in seen:
            export.repeated += 1
            continue
        seen.add(address)
        export.links.append(
            Link(
                Origin(service, address, address),
                title,
                tag_list(row.get("tags", "")),
                row.get(folder, "").strip(),
                moment,
            )
        )
    return export


@dataclass(frozen=True)
class LinksCsv:
    """A service's links CSV: its header (the columns it must have, comma-separated), the
    column of the time a link was saved, that of its folder and that of the text selected
    when it was saved, if it has one; the url is in `url`."""

    service: str
    header: str
    saved: str
    folder: str
    selection: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.header.split(","))

    def looks_like(self, header: list[str]) -> bool:
        return all(c in header for c in self.columns)

    def read(self, path: Path) -> Export:
        return read_links(
            path,
            self.service,
            self.columns,
            url="url",
            saved=self.saved,
            folder=self.folder,
            selection=self.selection,
        )


# Instapaper's header: `URL,Title,Selection,Folder,Timestamp[,Tags]`; Pocket's:
# `title,url,time_added,tags,status` (headers are matched in lower case).
INSTAPAPER = LinksCsv(
    "instapaper", "url,title,selection,folder,timestamp", "timestamp", "folder", "selection"
)
POCKET = LinksCsv("pocket", "title,url,time_added,tags,status", "time_added", "status")
