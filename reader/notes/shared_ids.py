"""A note id held by more than one notes file: a note copied by hand into another
article's notes file. Each copy is listed and reviewed under its own article; the id is
named with the files that hold it, so that the copy is given an id of its own."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.notes.records import NoteRecord
from reader.notes.store import NotesStore
from reader.text.safe import escaped


@dataclass(frozen=True, slots=True)
class SharedId:
    """A note id and the notes files that hold it, in the order their notes are listed."""

    note_id: str
    paths: tuple[str, ...]

    def line(self, base: Path | None = None) -> str:
        """One line naming the files (relative to `base` when under it) and the id."""
        return f"{', '.join(self.names(base))} {self.held()}"

    def held(self) -> str:
        """What the files hold, and what to do about it (after their names)."""
        return f"hold note id {escaped(self.note_id)}; {self.fix()}"

    def names(self, base: Path | None = None) -> list[str]:
        """The files, shown relative to `base` when under it."""
        return [escaped(_named(path, base)) for path in self.paths]

    def fix(self) -> str:
        """What to do about it."""
        return "give the copy a new id" if len(self.paths) == 2 else "give the copies new ids"

    def __str__(self) -> str:
        return self.line()


def shared_ids(records: Iterable[NoteRecord], store: NotesStore) -> list[SharedId]:
    """The ids among `records` that more than one article's notes file holds."""
    return [
        SharedId(note_id, tuple(str(store.path_for(a)) for a in articles))
        for note_id, articles in _holders(records).items()
        if len(articles) > 1
    ]


def unshared(records: Iterable[NoteRecord]) -> list[NoteRecord]:
    """The records whose note id no other article's notes file holds: a copy cannot be
    graded (the id names two notes), so neither copy is a card of the Review."""
    records = list(records)
    holders = _holders(records)
    return [r for r in records if len(holders[r.annotation.id]) == 1]


def _holders(records: Iterable[NoteRecord]) -> dict[str, list[str]]:
    """Each note id and the articles whose notes files hold it, in the order listed."""
    holders: dict[str, list[str]] = {}
    for record in records:
        articles = holders.setdefault(record.annotation.id, [])
        if record.article_id not in articles:
            articles.append(record.article_id)
    return holders


def _named(path: str, base: Path | None) -> str:
    if base is not None:
        with contextlib.suppress(ValueError):
            return str(Path(path).relative_to(base))
    return path
