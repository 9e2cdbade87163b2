"""Hypothesis' JSON export: an object whose `annotations` each have `id`, `uri`,
`text`, `tags`, `created`, `document.title` and `target[].selector[]` (the quote is
the TextQuoteSelector's `exact`). A bare list of annotations (the API's `rows`) is
read too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.importing.records import Export, Highlight, ImportFormatError, Origin
from reader.importing.sources import entries, first_has, load_json, string, when

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
        origin = Origin(SERVICE, string(path, entry, "id", where) or str(i), uri)
        quote, prefix, suffix = _quote(path, entry, where)
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
            )
        )
    return export


def _quote(path: Path, entry: dict[str, Any], where: str) -> tuple[str, str, str]:
    targets = entry.get("target") or []
    if not isinstance(targets, list):
        raise ImportFormatError(path, f"{where}: 'target' must be a list")
    for target in targets:
        selectors = target.get("selector") if isinstance(target, dict) else None
        if target is not None and not isinstance(target, dict):
            raise ImportFormatError(path, f"{where}: a target must be an object")
        if selectors is not None and not isinstance(selectors, list):
            raise ImportFormatError(path, f"{where}: 'selector' must be a list")
        for selector in selectors or []:
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                here = f"{where}, TextQuoteSelector"
                return (
                    string(path, selector, "exact", here),
                    string(path, selector, "prefix", here),
                    string(path, selector, "suffix", here),
                )
    return "", "", ""


def _title(document: object) -> str:
    if not isinstance(document, dict):
        return ""
    title = document.get("title")
    if isinstance(title, list):
        title = next((t for t in title if isinstance(t, str)), "")
    return title if isinstance(title, str) else ""
