"""Kindle's `My Clippings.txt`: clippings between lines of `==========`, each a
`Title (Author)` line, a `- Your Highlight on page 3 | Location 40-42 | Added on …`
line, a blank line and the text. A note (`- Your Note on …`) is attached to the
highlight it follows at the same location; bookmarks are passed over."""

from __future__ import annotations

import re
from pathlib import Path

from reader.importing.records import (
    Export,
    Highlight,
    ImportFormatError,
    Origin,
    content_id,
)
from reader.importing.sources import read_bytes, text_of, when

SERVICE = "kindle"
SEPARATOR = "=========="
_KIND = re.compile(r"^-\s*(?:Your\s+)?(\w+)", re.IGNORECASE)
_LOCATION = re.compile(r"Location\s+([\d-]+)", re.IGNORECASE)
_ADDED = re.compile(r"Added on\s+(.+)$", re.IGNORECASE)
_AUTHOR = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def looks_like(text: str) -> bool:
    return SEPARATOR in text and bool(re.search(r"^- Your \w+", text, re.MULTILINE))


def read(path: Path) -> Export:
    text = text_of(path, read_bytes(path)).replace("\r\n", "\n").replace("\ufeff", "")
    export = Export(SERVICE)
    last: Highlight | None = None
    blocks = text.split(SEPARATOR)
    for i, block in enumerate(blocks, 1):
        lines = block.strip("\n").split("\n")
        if not block.strip():
            continue
        where = f"clipping {i}"
        if len(lines) < 2 or not _KIND.match(lines[1].strip()):
            raise ImportFormatError(path, f"{where}: no '- Your Highlight …' line under the title")
        title, author = _title(lines[0].strip())
        info = lines[1].strip()
        kind = _KIND.match(info).group(1).lower()  # type: ignore[union-attr]
        location = m.group(1) if (m := _LOCATION.search(info)) else ""
        added = when(m.group(1).strip()) if (m := _ADDED.search(info)) else None
        body = "\n".join(lines[2:]).strip()
        if kind == "note":
            if last is not None and last.title == title:
                i_last = export.highlights.index(last)
                last = export.highlights[i_last] = _with_note(last, body)
            else:
                export.reject(where, "a note without a highlight")
            continue
        if kind != "highlight":
            export.reject(where, f"a {kind}, not a highlight")
            continue
        if not body:
            export.reject(where, "no highlighted text")
            continue
        last = Highlight(
            Origin(SERVICE, content_id(title, location, body)),
            body,
            created=added,
            title=title,
            author=author,
        )
        export.highlights.append(last)
    return export


def _title(line: str) -> tuple[str, str]:
    if m := _AUTHOR.match(line):
        return m.group(1), m.group(2)
    return line, ""


def _with_note(highlight: Highlight, note: str) -> Highlight:
    from dataclasses import replace

    return replace(highlight, note=note)
