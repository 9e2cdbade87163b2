"""Builders shared by the notes tests."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from reader.ingest.formats import load_article
from reader.notes import Annotation, ArticleRef, NotesFile, Target
from reader.notes.anchoring import make_target
from tests.conftest import AFP_ID, BUNDLED

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


def many_notes(count: int) -> NotesFile:
    """`count` notes on spans of the bundled AFP article, in four colours, a third with a
    note of two lines, half with tags."""
    article = load_article(BUNDLED / AFP_ID, BUNDLED)
    text, rng = article.text, random.Random(count)
    colours = ("yellow", "green", "blue", "pink")
    annotations = []
    for n in range(count):
        start = rng.randrange(len(text) - 60)
        target = make_target(text, start, start + rng.randint(5, 50))
        note = f"note {n}\nsecond line" if n % 3 == 0 else ""
        tags = ("people", str(n % 7)) if n % 2 else ()
        annotations.append(Annotation.new(target, note, tags, colours[n % len(colours)]))
    return NotesFile(ArticleRef.from_article(article), annotations)
