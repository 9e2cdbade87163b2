"""wallabag's JSON export: a list of entries, each with its HTML `content`, `url`,
`title`, `tags`, dates and `annotations` (`quote`, `text`, `ranges`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.importing.records import (
    Export,
    Highlight,
    ImportFormatError,
    Origin,
    SavedArticle,
    tag_list,
)
from reader.importing.sources import entries, first_has, load_json, string, when

SERVICE = "wallabag"


def looks_like(data: Any) -> bool:
    return first_has(data, "content", "url") and any(
        key in data[0] for key in ("annotations", "is_archived", "domain_name")
    )


def read(path: Path, data: Any = None) -> Export:
    data = load_json(path) if data is None else data
    export = Export(SERVICE)
    for i, entry in enumerate(entries(path, data, None, "entry"), 1):
        where = f"entry {i}"
        entry_id = string(path, entry, "id", where) or str(i)
        url = string(path, entry, "url", where)
        html = string(path, entry, "content", where)
        origin = Origin(SERVICE, entry_id, url)
        if not html.strip():
            export.reject(f"{where} ({url or entry_id})", "no content")
            continue
        notes = entry.get("annotations") or []
        if not isinstance(notes, list):
            raise ImportFormatError(path, f"{where}: 'annotations' must be a list")
        highlights = []
        for j, note in enumerate(notes, 1):
            here = f"{where}, annotation {j}"
            if not isinstance(note, dict):
                raise ImportFormatError(path, f"{here}: not an object")
            quote = string(path, note, "quote", here)
            if not quote.strip():
                export.reject(here, "no quote")
                continue
            given = string(path, note, "id", here)
            highlights.append(
                Highlight(
                    Origin(SERVICE, f"{entry_id}/{given or j}", url),
                    quote,
                    string(path, note, "text", here),
                    created=when(note.get("created_at")),
                    given_id=bool(given),
                )
            )
        export.articles.append(
            SavedArticle(
                origin,
                string(path, entry, "title", where),
                html,
                tag_list(entry.get("tags")),
                author=", ".join(tag_list(entry.get("published_by"))),
                saved=when(entry.get("created_at")),
                published=string(path, entry, "published_at", where),
                highlights=tuple(highlights),
            )
        )
    return export
