"""All live annotations of a notes directory: a notes file is read again only when it
changed, and not even then when this program's store wrote it (the notes it wrote are
taken instead: a note saved in a file of thousands is counted at once)."""

from __future__ import annotations

import os
import threading

from reader.errors import NotesFileError
from reader.infra.signature import file_signature
from reader.notes.location import article_id_for, notes_files
from reader.notes.schema import Annotation, NotesFile
from reader.notes.store import NotesStore, Stamp, Written
from reader.notes.tags import has_all_tags, has_any_tag, tally


def notes_signature(notes_dir: str | os.PathLike[str]) -> tuple:
    """The notes files' paths and signatures: equal until a notes file changes (no file
    is read)."""
    stamps = []
    for path in notes_files(notes_dir):
        if (stamp := file_signature(path)) is not None:
            stamps.append((str(path), stamp))
    return tuple(sorted(stamps))


class NotesCatalog:
    """Article id -> live annotations, each file's kept against its signature and brought
    up to date by the store's own writes."""

    def __init__(self, store: NotesStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        # Notes file path -> (its stamp when read, its article id, its live notes).
        self._files: dict[str, tuple[Stamp, str, list[Annotation]]] = {}
        self._stamps: dict[str, Stamp | None] | None = None  # every file's, when listed
        self._entries: dict[str, list[Annotation]] = {}
        store.on_written(self._written)

    def entries(self) -> dict[str, list[Annotation]]:
        """Live annotations per article id, over every readable notes file."""
        with self._lock:
            where = self.store.where
            stamps = {str(path): file_signature(path) for path in notes_files(where)}
            if stamps == self._stamps:
                return self._entries
            files: dict[str, tuple[Stamp, str, list[Annotation]]] = {}
            for path, stamp in stamps.items():
                if stamp is None:  # gone meanwhile
                    continue
                known = self._files.get(path)
                files[path] = known if known and known[0] == stamp else self._read(path, stamp)
            self._files, self._stamps = files, stamps
            self._entries = {aid: live for _, aid, live in files.values() if live}
            return self._entries

    def _read(self, path: str, stamp: Stamp) -> tuple[Stamp, str, list[Annotation]]:
        """A notes file read (taken as of `stamp`, read after it: a change made meanwhile
        is read again next time); a file that cannot be read has no notes here."""
        article_id = article_id_for(self.store.where, path)
        try:
            notes = self.store.load(article_id)
        except NotesFileError:
            return stamp, article_id, []
        return stamp, article_id, notes.live

    def _written(self, written: Written) -> None:
        """A notes file the store wrote: its notes taken from what was written when they
        are all there, or when the file was, before, the one last read here (else another
        program changed it meanwhile: it is read again)."""
        if written.after is None:
            return
        path = str(self.store.path_for(written.article_id))
        with self._lock:
            known = self._files.pop(path, None)
            self._stamps = None
            if written.touched is None or written.before is None:
                live = written.notes.live
            elif known is not None and known[0] == written.before:
                live = _with(known[2], written.notes, written.touched)
            else:
                return
            self._files[path] = (written.after, written.article_id, live)

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


def _with(live: list[Annotation], written: NotesFile, touched: frozenset[str]) -> list[Annotation]:
    """The live notes of a file once the notes of the ids `touched` are as `written` has
    them: each in its place, those new to the file after the others."""
    now = {a.id: a for a in written.annotations if a.id in touched}
    kept = [now.pop(a.id, a) if a.id in touched else a for a in live]
    return [a for a in [*kept, *now.values()] if not a.deleted]
