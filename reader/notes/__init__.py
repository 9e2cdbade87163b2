"""Annotations stored as YAML next to the library, and re-anchored after edits.

No Textual here: the CLI and the TUI both build on this package.
"""

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
