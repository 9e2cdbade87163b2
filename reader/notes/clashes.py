"""A note edited in two places at once (a dialog open while the note was changed in its
file, by hand or by another window): what clashes, and the other side's version kept as
a second note on the same passage, so that neither text is dropped."""

from __future__ import annotations

import uuid
from dataclasses import replace

from reader.notes.merge import REVIEW_KEY
from reader.notes.schema import Annotation
from reader.notes.timestamps import utc_now

EDITABLE = ("note", "tags", "color", "target")  # what a reader edits (see placement.Changes)


def content(annotation: Annotation) -> tuple[object, ...]:
    """What a reader edits of a note, to tell whether it was changed."""
    return tuple(getattr(annotation, f) for f in EDITABLE)


def clashing(current: Annotation, mine: Annotation, was: Annotation) -> list[str]:
    """The fields `mine` (an edit of `was`) changed that `current` (the note in its file
    now) changed otherwise since `was` was read."""
    return [
        f
        for f in EDITABLE
        if getattr(mine, f) != getattr(was, f)
        and getattr(current, f) != getattr(was, f)
        and getattr(current, f) != getattr(mine, f)
    ]


def theirs_kept(
    current: Annotation | None, mine: Annotation, was: Annotation | None
) -> Annotation | None:
    """The note as its file has it (`current`) as a second note, when `mine` (an edit of
    `was`) clashes with it; None when nothing clashes, or there is no `was` to tell by,
    or no live note."""
    if was is None or current is None or current.deleted or not clashing(current, mine, was):
        return None
    return second_note(current)


def second_note(theirs: Annotation) -> Annotation:
    """`theirs` as a note of its own beside the one it was: a new id, new now; its Review
    schedule stays with the note it was."""
    now = utc_now()
    extra = {k: v for k, v in theirs.extra.items() if k != REVIEW_KEY}
    return replace(
        theirs,
        id=str(uuid.uuid4()),
        created=now,
        modified=now,
        deleted=False,
        extra=extra,
        unwritten={},
        as_written={},
    )


def placed_elsewhere(current: Annotation, was: Annotation) -> Annotation:
    """`current`, the note an edit of `was` is for, found in another notes file (attached
    since, placed on its article's text), as an edit tells it from `was`: its passage
    there is where the note went, not an edit that clashes (it stays as placed)."""
    return replace(current, target=was.target)
