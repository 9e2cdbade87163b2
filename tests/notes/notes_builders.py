"""Builders shared by the notes tests."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.notes import Annotation, ArticleRef, NotesFile, Target

WHEN = datetime(2026, 11, 26, 8, 1, 2, tzinfo=UTC)


def annotation(ann_id: str = "a1", note: str = "a note", **changes: object) -> Annotation:
    fields: dict = {
        "id": ann_id,
        "created": WHEN,
        "modified": WHEN,
        "target": Target("quoted words", "before ", " after", 7, 19),
        "note": note,
        "tags": ("t",),
    }
    fields.update(changes)
    return Annotation(**fields)


def article(article_id: str = "AFP/story.txt") -> ArticleRef:
    return ArticleRef(article_id, f"/library/{article_id}", "0" * 64, "A story")


def notes_file(*annotations: Annotation, article_id: str = "AFP/story.txt") -> NotesFile:
    return NotesFile(article(article_id), list(annotations))
