"""Hypothesis' JSON export: an object whose `annotations` each have `id`, `uri`,
`text`, `tags`, `created`, `document.title` and `target[].selector[]` (the quote is
the TextQuoteSelector's `exact`; the TextPositionSelector's `start`, where it starts in
the text, places a phrase the article holds more than once on that occurrence, as
reader's own export writes it). A bare list of annotations (the API's `rows`) is read
too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.importing.records import Export, Highlight, ImportFormatError, Origin
from reader.importing.sources import entries, first_has, load_json, offset, string, when

SERVICE = "hypothesis"


def looks_like(data: Any) -> bool:
    items = data.get("annotations", data.get("rows")) if isinstance(data, dict) else data
    return first_has(items, "target", "uri")


def read(path: Path, data: Any = None) -> Export:
    data = load_json(path) if data is None else data
    key = None
    if isinstance(data, dict):
        key = "rows" if "rows" in data and "annotations" not in data else "annotations"
    export = Export(SERVICE)
    for i, entry in enumerate(entries(path, data, key, "annotation"), 1):
        where = f"annotation {i}"
        uri = string(path, entry, "uri", where)
        given = string(path, entry, "id", where)
        origin = Origin(SERVICE, given or str(i), uri)
        quote, prefix, suffix, at = _quote(path, entry, where)
        if not quote.strip():
            export.reject(f"{where} ({origin.id})", "a page note, no quote")
            continue
        tags = entry.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ImportFormatError(path, f"{where}: 'tags' must be a list of text")
        export.highlights.append(
            Highlight(
                origin,
                quote,
                string(path, entry, "text", where),
                tuple(tags),
                when(entry.get("created")),
                title=_title(entry.get("document")),
                prefix=prefix,
                suffix=suffix,
                at=at,
                given_id=bool(given),
            )
        )
    return export


def _quote(path: Path, entry: dict[str, Any], where: str) -> tuple[str, str, str, int | None]:
    """The quote, its prefix and suffix, and where it starts (None when not said, or
    not as a place in a text: see `offset`), from the first target quoting one."""
    targets = entry.get("target") or []
    if not isinstance(targets, list):
        raise ImportFormatError(path, f"{where}: 'target' must be a list")
    for target in targets:
        selectors = target.get("selector") if isinstance(target, dict) else None
        if target is not None and not isinstance(target, dict):
            raise ImportFormatError(path, f"{where}: a target must be an object")
        if selectors is not None and not isinstance(selectors, list):
            raise ImportFormatError(path, f"{where}: 'selector' must be a list")
        found = [s for s in selectors or [] if isinstance(s, dict)]
        quoted = next((s for s in found if s.get("type") == "TextQuoteSelector"), None)
        if quoted is not None:
            here = f"{where}, TextQuoteSelector"
            position = next((s for s in found if s.get("type") == "TextPositionSelector"), {})
            return (
                string(path, quoted, "exact", here),
                string(path, quoted, "prefix", here),
                string(path, quoted, "suffix", here),
                offset(position.get("start")),
            )
    return "", "", "", None


def _title(document: object) -> str:
    if not isinstance(document, dict):
        return ""
    title = document.get("title")
    if isinstance(title, list):
        title = next((t for t in title if isinstance(t, str)), "")
    return title if isinstance(title, str) else ""
