"""A notes file read for a change to a few of its notes: every note checked as reading
the whole file checks it, only the notes the change is about built.

Adding one note to a file of 10,000 built every note (its values, then the note) only
to write all but one back as they were. Here the notes are checked from the YAML's
events (`reader.infra.yamlevents.Skim`: anything the full reading would refuse, or
might read otherwise, is not read here), each known by its id as written; those with an
id the change is about are read from their own text, with the file's header. A file
not read so is read whole, which accepts it or says why not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.errors import NotesFileError
from reader.infra.collector import collector_held
from reader.infra.yamlevents import NotPlain, Skim, Unbuilt
from reader.infra.yamloutline import Outline, OutlineTaker
from reader.infra.yamlsafe import skim_yaml
from reader.notes.schema import Annotation, NotesFile
from reader.notes.splice import notes_alone, saved_items
from reader.notes.yamlio import conflict_line, parse_notes

_NOTES = Skim("annotations", "id")


@dataclass(slots=True)
class Skimmed:
    """A notes file read in part: `notes` its header and the notes asked for (those it
    holds), `items` every note in the file's order (a note not read is an `Unbuilt`),
    `outline` where each is in its `text`."""

    notes: NotesFile
    items: list[Any]
    outline: Outline
    text: str

    def saved(self, changed: NotesFile) -> bytes | None:
        """The bytes to write over the file for `changed` (what a change made of
        `notes`), or None when they cannot be proved without reading the file whole
        (see `saved_items`)."""
        after = self._after(changed)
        return saved_items(self.text, self.notes, changed, (self.items, after), self.outline)

    def _after(self, changed: NotesFile) -> list[Any]:
        """The file's notes once `changed` is written: each note read in its place as
        changed (or gone), the others as they are, the new ones last, as a merge puts
        them (see `reader.notes.merge`)."""
        left = {a.id: a for a in changed.annotations}
        items = []
        for item in self.items:
            if not isinstance(item, Annotation):
                items.append(item)
            elif (kept := left.pop(item.id, None)) is not None:
                items.append(kept)
        return items + list(left.values())


def skim_notes(
    text: str, path: str, undated: datetime | None, ids: Collection[str]
) -> Skimmed | None:
    """The file's `text` read with only its notes of `ids` built (`undated` as for
    `parse_notes`), or None when it is not read so: not a file of notes as reader
    writes them (a byte order mark, a note whose id is written twice, a note asked for
    that cannot be read, an alias, a tag…), or one the full reading refuses."""
    if text.startswith("\ufeff") or conflict_line(text) is not None:
        return None
    taker = OutlineTaker()
    try:
        with collector_held():
            data = skim_yaml(text, _NOTES, taker)
    except NotPlain:
        return None
    shape = taker.outline()
    items = data.get("annotations") if isinstance(data, dict) else None
    seq = next((k for k in shape.keys if k.name == _NOTES.key), None) if shape else None
    if shape is None or seq is None or not isinstance(items, list) or not items:
        return None
    labels = [item.label for item in items if isinstance(item, Unbuilt) and item.label is not None]
    if len(set(labels)) != len(labels):
        return None  # (two notes of one id, read whole, may be refused)
    wanted = [i for i, item in enumerate(items) if item.label in ids]
    alone = notes_alone(text, seq, wanted)
    if alone is None:
        return None
    try:
        read = parse_notes(alone, path, undated)
    except NotesFileError:
        return None
    if read.broken or len(read.annotations) != len(wanted):
        return None
    for at, note in zip(wanted, read.annotations, strict=True):
        items[at] = note
    return Skimmed(read, items, shape, text)
