"""Annotations stored as YAML next to the library, and re-anchored after edits.

No Textual here: the CLI and the TUI both build on this package. Its names are loaded
on first use, so importing one light module (graphemes, say) does not load them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.infra.lazy import lazy_names

_EXPORTS = {
    "Anchor": "anchoring",
    "AnchorStatus": "anchoring",
    "Anchorer": "anchoring",
    "find_quote": "anchoring",
    "make_target": "anchoring",
    "reanchor": "anchoring",
    "notes_path": "location",
    "SCHEMA_VERSION": "schema",
    "Annotation": "schema",
    "ArticleRef": "schema",
    "NotesFile": "schema",
    "Target": "schema",
    "NotesStore": "store",
    "dump_notes": "yamlio",
    "parse_notes": "yamlio",
}

__all__ = [
    "SCHEMA_VERSION",
    "Anchor",
    "AnchorStatus",
    "Anchorer",
    "Annotation",
    "ArticleRef",
    "NotesFile",
    "NotesStore",
    "Target",
    "dump_notes",
    "find_quote",
    "make_target",
    "notes_path",
    "parse_notes",
    "reanchor",
]


__getattr__ = lazy_names(__name__, _EXPORTS)


if TYPE_CHECKING:
    from reader.notes.anchoring import (
        Anchor,
        Anchorer,
        AnchorStatus,
        find_quote,
        make_target,
        reanchor,
    )
    from reader.notes.location import notes_path
    from reader.notes.schema import SCHEMA_VERSION, Annotation, ArticleRef, NotesFile, Target
    from reader.notes.store import NotesStore
    from reader.notes.yamlio import dump_notes, parse_notes
