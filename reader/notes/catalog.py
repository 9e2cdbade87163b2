"""All live annotations of a notes directory, re-read only when a notes file changed."""

from __future__ import annotations

import os
import threading

from reader.notes.location import notes_files
from reader.notes.schema import Annotation, NotesFile
from reader.notes.store import NotesStore
from reader.notes.tags import has_all_tags, has_any_tag, tally


def notes_signature(notes_dir: str | os.PathLike[str]) -> tuple:
    """The notes files' paths, sizes and times: equal until a notes file changes (no file
    is read)."""
    stamps = []
    for path in notes_files(notes_dir):
        try:
            st = path.stat()
        except OSError:
            continue
        stamps.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(sorted(stamps))


class NotesCatalog:
    """Article id -> live annotations, cached against the files' sizes and times."""

    def __init__(self, store: NotesStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._entries: dict[str, list[Annotation]] = {}

    def entries(self) -> dict[str, list[Annotation]]:
        """Live annotations per article id, over every readable notes file."""
        with self._lock:
            signature = notes_signature(self.store.where)
            if signature != self._signature:
                entries: dict[str, list[Annotation]] = {}
                for article_id, notes in self.store.all_files():
                    if isinstance(notes, NotesFile) and notes.live:
                        entries[article_id] = notes.live
                self._entries, self._signature = entries, signature
            return self._entries

    def counts(self) -> dict[str, int]:
        return {aid: len(items) for aid, items in self.entries().items()}

    def tags(self) -> list[str]:
        """Every tag in use, once each (as `tags.tally` counts them), most used first."""
        return [tag for tag, _ in tally(a.tags for items in self.entries().values() for a in items)]

    def with_tags(self, tags: tuple[str, ...]) -> set[str]:
        """Ids of articles with a note carrying every one of `tags` (see `notes.tags`)."""
        return {
            aid
            for aid, items in self.entries().items()
            if any(has_all_tags(a.tags, tags) for a in items)
        }

    def with_any_tag(self, tags: tuple[str, ...]) -> set[str]:
        """Ids of articles with a note carrying one of `tags` at least."""
        return {
            aid
            for aid, items in self.entries().items()
            if any(has_any_tag(a.tags, tags) for a in items)
        }
