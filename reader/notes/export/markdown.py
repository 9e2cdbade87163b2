"""Markdown to read: a section per article, each note as a block quote, its note and #tags."""

from __future__ import annotations

from reader.notes.export.grouping import by_article, one_line, tag_word
from reader.notes.records import NoteRecord


def to_markdown(records: list[NoteRecord]) -> str:
    """One section per article; each note as a block quote, its note, and #tags."""
    lines = ["# Notes", ""]
    for _, group in by_article(records):
        first = group[0]
        lines.append(f"## {one_line(first.title)}")
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
            if record.shown_status == "orphaned":
                lines.append(">")
                lines.append("> *(no longer found in the article)*")
            lines.append("")
            if record.annotation.note.strip():
                lines.extend(record.annotation.note.rstrip().splitlines())
                lines.append("")
            if record.annotation.tags:
                lines.append(" ".join(f"#{tag_word(t)}" for t in record.annotation.tags))
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"
