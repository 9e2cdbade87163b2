"""Exporting notes: Markdown to read, W3C Web Annotation JSON to share, CSV, one YAML file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

import yaml

from reader.notes.atomic import atomic_write, remove_abandoned_temps
from reader.notes.records import NoteRecord
from reader.notes.schema import SCHEMA_VERSION, ArticleRef, NotesFile, Stamp, to_data
from reader.notes.timestamps import format_utc
from reader.notes.yamlio import NotesDumper

FORMATS = ("markdown", "json", "csv", "yaml")
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _by_article(records: list[NoteRecord]) -> list[tuple[str, list[NoteRecord]]]:
    ordered = sorted(records, key=lambda r: (r.article_id, r.status == "orphaned", r.start, r.end))
    return [(aid, list(group)) for aid, group in groupby(ordered, key=lambda r: r.article_id)]


def to_markdown(records: list[NoteRecord]) -> str:
    """One section per article; each note as a block quote, its note, and #tags."""
    lines = ["# Notes", ""]
    for _, group in _by_article(records):
        first = group[0]
        lines.append(f"## {_one_line(first.title)}")
        lines.append("")
        meta = " · ".join(p for p in (first.source, first.date) if p)
        lines.append(
            f"*{meta}* — `{first.path or first.article_id}`"
            if meta
            else f"`{first.path or first.article_id}`"
        )
        lines.append("")
        for record in group:
            quote = record.quote.strip().splitlines() or [""]
            lines.extend(f"> {line}".rstrip() for line in quote)
            if record.status == "orphaned":
                lines.append(">")
                lines.append("> *(no longer found in the article)*")
            lines.append("")
            if record.annotation.note.strip():
                lines.extend(record.annotation.note.rstrip().splitlines())
                lines.append("")
            if record.annotation.tags:
                lines.append(" ".join(f"#{_tag(t)}" for t in record.annotation.tags))
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tag(tag: str) -> str:
    return "-".join(tag.split())


def _w3c_annotation(record: NoteRecord) -> dict:
    a = record.annotation
    body: list[dict] = []
    if a.note.strip():
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
    source = Path(record.path).as_uri() if record.path.startswith("/") else record.article_id
    item: dict[str, object] = {
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": "commenting" if a.note.strip() else ("tagging" if a.tags else "highlighting"),
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
                {"type": "TextPositionSelector", "start": record.start, "end": record.end},
            ],
        },
    }
    if body:
        item["body"] = body
    return item


def to_json(records: list[NoteRecord]) -> str:
    """A W3C Web Annotation `AnnotationCollection` (JSON-LD)."""
    items = [_w3c_annotation(r) for _, group in _by_article(records) for r in group]
    collection = {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": "reader notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id",
    "article",
    "title",
    "source",
    "date",
    "status",
    "quote",
    "note",
    "tags",
    "color",
    "created",
    "modified",
    "start",
    "end",
)


def to_csv(records: list[NoteRecord]) -> str:
    """One row per annotation, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for _, group in _by_article(records):
        for r in group:
            a = r.annotation
            writer.writerow(
                [
                    a.id,
                    r.article_id,
                    r.title,
                    r.source,
                    r.date or "",
                    str(r.status),
                    a.quote,
                    a.note,
                    ", ".join(a.tags),
                    a.color,
                    format_utc(a.created),
                    format_utc(a.modified),
                    r.start,
                    r.end,
                ]
            )
    return out.getvalue()


def to_yaml(records: list[NoteRecord]) -> str:
    """Every exported note in one YAML document, grouped by article, in the notes schema."""
    articles = []
    for aid, group in _by_article(records):
        first = group[0]
        notes = NotesFile(
            ArticleRef(aid, first.path, "", first.title), [r.annotation for r in group]
        )
        data = to_data(notes)
        data["article"].pop("sha256", None)
        data.pop("schema_version", None)
        articles.append(data)
    document = {
        "schema_version": SCHEMA_VERSION,
        "exported": Stamp(format_utc(datetime.now(UTC))),
        "articles": articles,
    }
    return yaml.dump(
        document, Dumper=NotesDumper, allow_unicode=True, sort_keys=False, width=1 << 30
    )


EXPORTERS: dict[str, Callable[[list[NoteRecord]], str]] = {
    "markdown": to_markdown,
    "json": to_json,
    "csv": to_csv,
    "yaml": to_yaml,
}


def export(records: list[NoteRecord], fmt: str) -> str:
    return EXPORTERS[fmt](records)


def write_export(text: str, path: Path, *, force: bool = False) -> None:
    """Write atomically; FileExistsError when `path` exists and `force` is not given.

    Temp files left by an export that was killed half-way are removed first.
    """
    remove_abandoned_temps(path)
    if path.exists() and not force:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
