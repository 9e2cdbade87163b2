"""Merging two versions of a notes file by annotation id."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from reader.notes.schema import Annotation, ArticleRef, NotesFile
from reader.notes.timestamps import parse_utc

REVIEW_KEY = "review"  # a note's review schedule (see reader.review.card)


def newer(ours: Annotation, theirs: Annotation) -> Annotation:
    """The copy to keep: the later `modified` wins; on a tie a tombstone wins, then
    theirs (the copy on disk: an edit made by hand there leaves `modified` as it was,
    and is not to be undone by a stale copy of the note).

    The ``review:`` schedule is not part of the note's content: it goes its own way,
    the later review kept, with the grades of both sides in its history.
    """
    if ours.modified != theirs.modified:
        kept, other = (ours, theirs) if ours.modified > theirs.modified else (theirs, ours)
    elif ours.deleted and not theirs.deleted:
        kept, other = ours, theirs
    else:
        kept, other = theirs, ours
    review = later_review(kept.extra.get(REVIEW_KEY), other.extra.get(REVIEW_KEY))
    if review is kept.extra.get(REVIEW_KEY):
        return kept
    return replace(kept, extra={**kept.extra, REVIEW_KEY: review})


def later_review(mine: Any, other: Any) -> Any:
    """Of two ``review:`` mappings, the one reviewed last (mine on a tie), holding the
    history lines of both (and counting the other's grades it lacked in its `reps`), and
    suspended or not as the side suspended or resumed last says (see `_suspension`)."""
    if not isinstance(other, dict):
        return mine
    if not isinstance(mine, dict):
        return other
    kept, dropped = (other, mine) if _reviewed(other) > _reviewed(mine) else (mine, other)
    history = _history(kept)
    extra_lines = [h for h in _history(dropped) if h not in history]
    if extra_lines:
        merged = sorted([*history, *extra_lines])
        reps = kept.get("reps")
        if isinstance(reps, int) and not isinstance(reps, bool):
            kept = {**kept, "reps": reps + len(extra_lines), "history": merged}
        else:
            kept = {**kept, "history": merged}
    return _suspension(kept, dropped)


_SUSPENSION_KEYS = ("suspended", "suspended_at", "resumed_at")


def _suspension(kept: dict, dropped: dict) -> dict:
    """`kept` with the suspension of whichever side suspended or resumed the card last: a
    suspend is not a review, and must not be lost under a grade given elsewhere. A
    suspension without its time still wins over a side never resumed."""
    if _suspension_event(dropped) <= _suspension_event(kept):
        return kept
    merged = {k: v for k, v in kept.items() if k not in _SUSPENSION_KEYS}
    for key in _SUSPENSION_KEYS:
        if key in dropped:
            merged[key] = dropped[key]
    return merged


def _suspension_event(review: dict) -> tuple[datetime, bool]:
    """When the card was last suspended or resumed (the earliest time when not said), and
    whether suspended: a suspension wins a tie."""
    suspended = review.get("suspended") is True
    return _time(review.get("suspended_at" if suspended else "resumed_at")), suspended


def _reviewed(review: dict) -> datetime:
    return _time(review.get("last_review"))


def _time(value: Any) -> datetime:
    try:
        return parse_utc(value)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)


def grades_in(review: object) -> int:
    """How many grades a ``review:`` mapping's history holds (0 for anything odd)."""
    return len(_history(review)) if isinstance(review, dict) else 0


def _history(review: dict) -> list[str]:
    lines = review.get("history")
    return [h for h in lines if isinstance(h, str)] if isinstance(lines, list) else []


def merge(disk: NotesFile, ours: NotesFile) -> NotesFile:
    """`ours` merged into what is on `disk`.

    Annotations only one side has are kept (deletion is a tombstone, never an
    absence), so a merge loses nothing; disk order is kept, new ones appended.
    Article fields and top-level unknown keys come from `ours` where it has them.
    """
    by_id = {a.id: a for a in disk.annotations}
    order = [a.id for a in disk.annotations]
    for ann in ours.annotations:
        if ann.id in by_id:
            by_id[ann.id] = newer(ann, by_id[ann.id])
        else:
            by_id[ann.id] = ann
            order.append(ann.id)
    return NotesFile(
        article=_article(disk.article, ours.article),
        annotations=[by_id[i] for i in order],
        schema_version=ours.schema_version,
        extra={**disk.extra, **ours.extra},
        broken=disk.broken,  # the notes on disk not readable, kept as written there
    )


def _article(disk: ArticleRef, ours: ArticleRef) -> ArticleRef:
    return ArticleRef(
        id=ours.id or disk.id,
        path=ours.path or disk.path,
        sha256=ours.sha256 or disk.sha256,
        title=ours.title or disk.title,
        extra={**disk.extra, **ours.extra},
    )
