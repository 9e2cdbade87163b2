"""Markdown to read: a section per article, each note as a block quote, its note and #tags.
A quote's and a note's lines stay lines (a hard line break ends each that another follows).

The notes, quotes and titles are plain text made inert (`markup`): a line of a note that
starts with `#` or `-` is no heading nor list item, nor one indented a code block; tags
are written as the Obsidian export writes them, each one `#tag` to a Markdown app.
"""

from __future__ import annotations

from reader.notes.export.grouping import by_article, one_line
from reader.notes.export.markup import (
    code_span,
    commonmark_inert,
    hard_broken,
    inert_lines,
    markdown_tags,
)
from reader.notes.records import NoteRecord
from reader.text.safe import name_escaped


def to_markdown(records: list[NoteRecord]) -> str:
    """One section per article; each note as a block quote, its note, and #tags."""
    lines = ["# Notes", ""]
    for _, group in by_article(records):
        first = group[0]
        lines.append(f"## {commonmark_inert(one_line(first.title))}")
        lines.append("")
        meta = " · ".join(commonmark_inert(one_line(p)) for p in (first.source, first.date) if p)
        # Named as `reader list` names it: a newline or a bidi control as an escape.
        where = code_span(name_escaped(first.path or first.article_id))
        lines.append(f"*{meta}* — {where}" if meta else where)
        lines.append("")
        for record in group:
            quoted = hard_broken(inert_lines(record.quote.strip(), commonmark_inert))
            lines.extend(f"> {line}".rstrip() for line in quoted)
            if record.shown_status == "orphaned":
                lines.append(">")
                lines.append("> *(no longer found in the article)*")
            lines.append("")
            if record.annotation.has_note:
                lines.extend(hard_broken(inert_lines(record.annotation.note, commonmark_inert)))
                lines.append("")
            tags = markdown_tags(record.annotation.tags)
            if tags:
                lines.append(" ".join(f"#{t}" for t in tags))
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"
