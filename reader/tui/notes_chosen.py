"""Which notes the Notes screen shows, and in what order: the filter's words, the tag and
status picked, and the sort, taken together at one moment, so that they can be applied
away from the interface's thread while the typing goes on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.notes.filtering import NoteFilter
from reader.notes.records import NoteRecord
from reader.notes.tags import has_all_tags

SORTS: dict[str, Callable[[NoteRecord], float | tuple[str, int] | tuple[str, str, int]]] = {
    "date": lambda r: r.annotation.modified.timestamp() * -1,
    "article": lambda r: (r.title.lower(), r.start),
    "source": lambda r: (r.source.lower(), r.title.lower(), r.start),
}


def note_key(record: NoteRecord) -> tuple[str, str]:
    """A note as the Review's notes of the day name it: (article id, note id)."""
    return record.article_id, record.annotation.id


@dataclass(frozen=True, slots=True)
class Choice:
    """The notes and what picks among them: `searched[i]` is the words of `records[i]`
    as the filter reads them (`searched_text`), `today` the notes due in the Review."""

    records: list[NoteRecord]
    searched: list[str]
    words: str
    tag: str | None
    status: str | None
    due_only: bool
    today: set[tuple[str, str]]
    sort: str

    def chosen(self) -> list[NoteRecord]:
        """The notes left, sorted."""
        words = NoteFilter.parse(self.words)
        tags = (self.tag,) if self.tag else ()
        shown = [
            record
            for record, searched in zip(self.records, self.searched, strict=True)
            if self.status in (None, record.shown_status)
            and (not self.due_only or note_key(record) in self.today)
            and (not tags or has_all_tags(record.annotation.tags, tags))
            and (words.empty or words.passes(record, searched))
        ]
        if self.sort == "date":  # of notes of the same time, the one written later first
            shown.reverse()
        shown.sort(key=SORTS[self.sort])
        return shown
