"""Notes that could not be saved yet, kept aside in the notes directory until they can be.

A note that cannot reach its notes file (a full disk, a notes file broken by a merge
conflict, a lock held too long) and that can no longer wait on screen (its dialog was
closed, the app quit) is written to ``.unsaved/<article id>.<note id>.<time>.yml`` in
the notes directory, in the notes file format; a kept file never replaces another.
`retry_unsaved` merges each such file into its notes file as any save does (by note id,
the newer change winning) and removes it once saved; into the file its article's notes
followed when they moved, if it certainly belongs there (`home_of`), else it stays kept.
A kept edit or grade of a note that went to another notes file since (attached, or its
article renamed) is saved on the note where it is now, found by its id (see
`reader.notes.follow.holder_of`).
A kept file with a note that cannot be read (edited by hand) is never removed: its other
notes are saved (again at each retry, which merging by id makes harmless; counted only
when that changed the notes file), and the note is named (`unreadable`).
An edit kept aside holds the note as it was before (``was:``): it is saved only if the
note still reads so (else it stays kept, and the retry says so), and brings back a note
deleted elsewhere meanwhile (the words typed win). A long name is cut short, with a
digest of the whole. A Review grade kept aside says so
(``save_only: review``): only its notes' ``review:`` mappings are saved, as a grade is,
never the rest of the note as the Review read it (an edit made since would be undone).
The ``.yml`` ending keeps these files out of the notes listed and searched.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from reader.errors import NotesIdError, NotesSaveError, ReaderError
from reader.infra.filetypes import read_regular
from reader.infra.names import fit_name
from reader.infra.signature import file_signature
from reader.notes.atomic import atomic_write
from reader.notes.follow import home_of, moved_to
from reader.notes.location import SUFFIX, notes_path
from reader.notes.merge import REVIEW_KEY
from reader.notes.schema import (
    Annotation,
    ArticleRef,
    NotesFile,
    SchemaError,
    annotation_data,
    annotation_from_data,
)
from reader.notes.store import (
    EditOvertaken,
    NoteDeleted,
    NotesStore,
    ReviewOvertaken,
    Stamp,
    file_time,
)
from reader.notes.yamlio import broken_notes, decode, dump_notes, parse_notes

UNSAVED_DIR = ".unsaved"
UNSAVED_SUFFIX = ".yml"
ONLY_KEY = "save_only"  # top-level key of a kept file of which only part is to be saved
REVIEW_ONLY = "review"  # ... only the ``review:`` mapping of each note
REVIEW_UNDO = "review undo"  # ... that mapping put back as it was (a Review's undo)
GRADES_KEY = "grades_allowed"  # ... unless the note's review holds more grades than this
WAS_KEY = "was"  # top-level key of a kept edit: each edited note as it was read before
NAME_BYTES = 160  # of a kept file's name before its time: far below the 255 a name may have


def unsaved_dir(notes_dir: str | os.PathLike[str]) -> Path:
    return Path(notes_dir) / UNSAVED_DIR


def keep_unsaved(notes_dir: str | os.PathLike[str], notes: NotesFile) -> Path:
    """Write `notes` (one article's unsaved notes) aside; returns the file.

    Raises OSError when even that cannot be written.
    """
    first = notes.annotations[0].id if notes.annotations else "notes"
    mirror = notes_path(unsaved_dir(notes_dir), notes.article.id)
    name = f"{mirror.name.removesuffix(SUFFIX)}.{first}"
    stem = fit_name(name.replace("/", "_").replace("\0", "_"), NAME_BYTES)  # a hostile note id
    mirror.parent.mkdir(parents=True, exist_ok=True)
    path = _free_name(mirror.parent, stem)
    atomic_write(path, dump_notes(notes).encode("utf-8"))
    return path


def kept_edit(article_id: str, was: Annotation, edited: Annotation) -> NotesFile:
    """An edit of a note to keep aside, with the note as it was before (``was:``): on
    retry it is saved only if the note still reads so (see `NotesStore.apply_edit`)."""
    return NotesFile(ArticleRef(article_id), [edited], extra={WAS_KEY: [annotation_data(was)]})


def kept_review(
    article: ArticleRef,
    annotation: Annotation,
    review: dict | None,
    *,
    undo_allowing: int | None = None,
) -> NotesFile:
    """A Review grade to keep aside: of the note as the Review read it, only the
    ``review:`` mapping is saved on retry. With `undo_allowing`, an undo: `review` (None:
    none) is put back as it is, unless the note was graded more times than that since."""
    extra: dict[str, Any] = {k: v for k, v in annotation.extra.items() if k != REVIEW_KEY}
    if review is not None:
        extra[REVIEW_KEY] = review
    kept = replace(annotation, extra=extra)
    if undo_allowing is None:
        return NotesFile(article, [kept], extra={ONLY_KEY: REVIEW_ONLY})
    return NotesFile(article, [kept], extra={ONLY_KEY: REVIEW_UNDO, GRADES_KEY: undo_allowing})


def _free_name(folder: Path, stem: str) -> Path:
    """A name for a kept file that no other kept file has; names sort by the time kept,
    so that a retry applies them in that order."""
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stem}.{moment}{UNSAVED_SUFFIX}"
    count = 1
    while os.path.lexists(path):
        path = folder / f"{stem}.{moment}-{count:04d}{UNSAVED_SUFFIX}"
        count += 1
    return path


def kept_unsaved(notes_dir: str | os.PathLike[str]) -> list[Path]:
    """The files of notes kept aside, oldest name first (a FIFO or a device with such a
    name too, so that a retry names it)."""
    where = unsaved_dir(notes_dir)
    if not where.is_dir():
        return []
    return sorted(p for p in where.rglob("*" + UNSAVED_SUFFIX) if p.exists() and not p.is_dir())


@dataclass(slots=True)
class RetryResult:
    """What a retry saved, a line for each file (or item) still kept, and how many notes
    wait still; apart, what was kept and never will be saved, no longer kept."""

    saved: list[str] = field(default_factory=list)  # article ids
    counts: dict[Path, int] = field(default_factory=dict)  # notes saved, by file saved from
    problems: list[str] = field(default_factory=list)
    waiting: int = 0  # notes still kept, in the files (or items) that could be read
    unread: int = 0  # files (or items) still kept that could not be read as notes
    done_with: list[str] = field(default_factory=list)  # a grade that never will apply
    idle: dict[Path, Stamp | None] = field(default_factory=dict)  # files with nothing new to try
    notices: list[str] = field(default_factory=list)  # saved, but to be told


class Saved(NamedTuple):
    """Where a kept notes file was saved, and how many of its notes that saved."""

    article_id: str
    notes: int  # how many of its notes; 0 when all were there already (see `save_kept`)


def retry_unsaved(store: NotesStore) -> RetryResult:
    """Save every note kept aside into its notes file; the files saved whole are removed."""
    result = RetryResult()
    for path in kept_unsaved(store.where):
        stamp = file_signature(path)  # (before it is read: a change meanwhile is seen)
        try:
            text = decode(read_regular(path), str(path))
            notes = parse_notes(text, str(path), file_time(path))  # a note undated is the file's
        except ReaderError as error:
            result.problems.append(str(error))
            result.unread += 1
            result.idle[path] = stamp
            continue
        except OSError as error:
            result.problems.append(f"cannot read {path}: {error.strerror or error}")
            result.unread += 1
            continue
        saved = save_kept(store, notes, str(path), result)
        if notes.broken and (not notes.annotations if saved is None else not saved.notes):
            result.idle[path] = stamp  # stays, with nothing new to save (none that failed)
        if saved is None:
            continue
        if saved.notes:
            result.saved.append(saved.article_id)
            result.counts[path] = saved.notes
        if notes.broken:  # said in `result.problems`: the note would be lost
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        _remove_empty_parents(path.parent, unsaved_dir(store.where))
    return result


def unreadable(notes: NotesFile, where: str) -> str:
    """The line naming the notes of a kept file (read from `where`) that could not be
    read, and saying that it stays as it is."""
    first = broken_notes(notes, where)[0]
    more = f" (and {len(notes.broken) - 1} more)" if len(notes.broken) > 1 else ""
    saved = "the notes that can be read are saved, and " if notes.annotations else ""
    return f"{first}{more}: {saved}it stays as written until corrected"


def save_kept(store: NotesStore, notes: NotesFile, where: str, result: RetryResult) -> Saved | None:
    """Save one kept notes file (read from `where`) into its notes file, or where its
    article's notes followed it; where it went, or None when it stays kept (a line in
    `result.problems` says why). One that never will be saved (a grade of a note deleted
    since) is done with too: said in `result.problems`. Of one with a note that cannot
    be read (said there too), the other notes are saved: counted only when that changed
    the notes file, as it stays kept and is saved again at every retry. The notes that
    stay kept are counted in `result.waiting`."""
    saved = _saved_kept(store, notes, where, result)
    result.waiting += len(notes.broken) + (len(notes.annotations) if saved is None else 0)
    return saved


def _saved_kept(
    store: NotesStore, notes: NotesFile, where: str, result: RetryResult
) -> Saved | None:
    if notes.broken:
        result.problems.append(unreadable(notes, where))
        if not notes.annotations:
            return None
    try:
        home = home_of(store, notes)
    except NotesIdError as error:  # written by hand: it could lead out of the notes folder
        result.problems.append(f"{where}: {error}")
        return None
    if home is None:
        to = moved_to(store, notes.article.id)
        result.problems.append(
            f"the notes of {notes.article.id} followed it to {to}, and it is not certain "
            f"that this note belongs there: it stays kept in {where} (set its article.id "
            f"to {to} to save it there)"
        )
        return None
    if home != notes.article.id:  # its article's notes followed it, renamed or moved
        notes = replace(notes, article=ArticleRef(home))
    before = store.stamp(home)
    try:
        moot = _save_kept(store, notes, result.notices)
    except EditOvertaken as error:
        result.problems.append(f"{error}: the edit stays kept in {where}")
    except SchemaError as error:
        result.problems.append(f"{where}: {error.message}")
    except KeyError:
        result.problems.append(f"{where}: its note is no longer in {notes.article.id}'s notes")
    except (ReaderError, ValueError) as error:
        result.problems.append(str(error))
    except OSError as error:
        result.problems.append(str(NotesSaveError(store.path_for(notes.article.id), error)))
    else:
        result.done_with.extend(moot)
        anew = not notes.broken or store.stamp(home) != before
        return Saved(home, len(notes.annotations) - len(moot) if anew else 0)
    return None


def _save_kept(store: NotesStore, notes: NotesFile, notices: list[str]) -> list[str]:
    """Save a kept file: whole, or (a kept edit) each edit on the note as it was, or (a
    kept grade) only each note's ``review:``, or (a kept undo) that mapping put back;
    returns what could not be done and never will be, and adds to `notices` what was
    done but is to be told. Raises KeyError for an edit or a grade of a note no longer in
    its notes file, EditOvertaken for an edit of a note changed since, SchemaError for a
    ``was:`` that cannot be read."""
    only = notes.extra.get(ONLY_KEY)
    if WAS_KEY in notes.extra:
        _save_edits(store, notes, notices)
        return []
    if only not in (REVIEW_ONLY, REVIEW_UNDO):
        store.save(notes, whole=False)
        return []
    moot = []
    for annotation in notes.annotations:
        review = annotation.extra.get(REVIEW_KEY)
        allowed = notes.extra.get(GRADES_KEY)
        try:
            if only == REVIEW_ONLY:
                store.set_review(notes.article.id, annotation.id, review)
                continue
            store.restore_review(
                notes.article.id,
                annotation.id,
                review,
                grades_allowed=allowed if isinstance(allowed, int) else 0,
            )
        except ReviewOvertaken as error:
            moot.append(f"an undo of a Review grade kept aside is not applied: {error}")
        except NoteDeleted as error:
            moot.append(f"a Review grade kept aside is not applied: {error}")
    return moot


def _save_edits(store: NotesStore, notes: NotesFile, notices: list[str]) -> None:
    """Apply each kept edit on the note as it was read (a note without one is saved as a
    new note is); a note deleted elsewhere meanwhile comes back with the edit."""
    was = _was(notes.extra[WAS_KEY])
    article_id = notes.article.id
    for annotation in notes.annotations:
        before = was.get(annotation.id)
        if before is None:
            store.save(replace(notes, annotations=[annotation], extra={}), whole=False)
        elif store.apply_edit(article_id, annotation, was=before).undeleted:
            notices.append(
                "A note deleted elsewhere was kept because it had unsaved edits: "
                f"note {annotation.id[:8]} of {article_id} is back, with your edit."
            )


def _was(data: object) -> dict[str, Annotation]:
    """The notes of a ``was:`` list by id; raises SchemaError."""
    if not isinstance(data, list):
        raise SchemaError(f"{WAS_KEY} must be a list of notes", (WAS_KEY,))
    notes = [annotation_from_data(item, (WAS_KEY, i)) for i, item in enumerate(data)]
    return {note.id: note for note in notes}


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top.parent and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
