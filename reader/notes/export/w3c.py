"""W3C Web Annotation JSON: an `AnnotationCollection` for other annotation tools."""

from __future__ import annotations

from reader.notes.export.grouping import by_article, json_document, local_uri, position_selectors
from reader.notes.records import NoteRecord
from reader.notes.timestamps import format_utc

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _w3c_annotation(record: NoteRecord) -> dict:
    a = record.annotation
    body: list[dict] = []
    if a.has_note:
        body.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    body.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags)
    target = a.target
    source = local_uri(record)
    item: dict[str, object] = {
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": "commenting" if a.has_note else ("tagging" if a.tags else "highlighting"),
        "created": format_utc(a.created),
        "modified": format_utc(a.modified),
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": target.exact,
                    "prefix": target.prefix,
                    "suffix": target.suffix,
                },
                *position_selectors(record),
            ],
        },
    }
    if body:
        item["body"] = body
    return item


def to_json(records: list[NoteRecord]) -> str:
    """A W3C Web Annotation `AnnotationCollection` (JSON-LD)."""
    items = [_w3c_annotation(r) for _, group in by_article(records) for r in group]
    collection = {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": "reader notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json_document(collection)
