"""Every exported note in one YAML document, in the notes file schema."""

from __future__ import annotations

from datetime import UTC, datetime

import yaml

from reader.notes.export.grouping import by_article
from reader.notes.records import NoteRecord
from reader.notes.schema import SCHEMA_VERSION, ArticleRef, NotesFile, Stamp, to_data
from reader.notes.timestamps import format_utc
from reader.notes.yamlio import NotesDumper


def to_yaml(records: list[NoteRecord]) -> str:
    """Every exported note in one YAML document, grouped by article, in the notes schema."""
    articles = []
    for aid, group in by_article(records):
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
