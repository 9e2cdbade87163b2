"""`NotesStore`: load, change and list notes files safely alongside other writers."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import NamedTuple

from reader.errors import NotesChangingError, NotesFileError, NotesFolderError, NotRegularFileError
from reader.infra.filetypes import read_regular_stat
from reader.infra.signature import file_signature, signature
from reader.infra.yamloutline import OutlineTaker
from reader.notes.atomic import (
    KILLED_AFTER,
    Overtaken,
    atomic_write,
    backup_path,
    remove_killed_temps,
    remove_stale_temps,
)
from reader.notes.clashes import EDITABLE, content, placed_elsewhere, theirs_kept
from reader.notes.folder_gone import make_folder, remember
from reader.notes.follow import holder_of, moved_to
from reader.notes.location import article_id_for, notes_dir_problem, notes_files, notes_path
from reader.notes.lock import notes_lock
from reader.notes.merge import REVIEW_KEY, grades_in, later_review, merge
from reader.notes.parsed import Parsed, ParsedNotes
from reader.notes.schema import Annotation, ArticleRef, NotesFile
from reader.notes.skim import skim_notes
from reader.notes.splice import saved_bytes
from reader.notes.stamps import Stamp, still_as_read
from reader.notes.timestamps import later_than
from reader.notes.yamlio import decode, line_of, parse_notes

LOCK_NAME = ".reader.lock"
SAVE_TRIES = 10  # a file another program changes while it is saved: read, merged, tried again


class ReviewOvertaken(ValueError):
    """An undo of a Review grade refused: the card was graded elsewhere since."""


class NoteDeleted(KeyError):
    """A review refused: the note is deleted (a tombstone), which takes no review data."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "the note was deleted"


class EditOvertaken(ValueError):
    """An edit kept aside refused: the note was changed elsewhere since it was read."""


class Written(NamedTuple):
    """A notes file a store wrote: its stamp before (None: there was none) and after, and
    the notes written: all of the file's, or, with `touched`, those of these ids at least
    (the file's other notes are as they were)."""

    article_id: str
    before: Stamp | None
    after: Stamp | None
    notes: NotesFile
    touched: frozenset[str] | None


class Updated(NamedTuple):
    """What `updated` wrote, and the note as another edit left it, kept beside it when
    both changed the same field (None when they did not)."""

    notes: NotesFile
    theirs: Annotation | None


class EditApplied(NamedTuple):
    """What `apply_edit` wrote, and whether the note had been deleted meanwhile (and was
    brought back with the edit)."""

    notes: NotesFile
    undeleted: bool


class NotesStore:
    """All notes files under one directory.

    Every change takes an exclusive lock (one hidden ``.reader.lock`` for the whole
    directory, so no lock files pile up beside the notes), re-reads the file,
    merges by annotation id and writes atomically, so concurrent writers lose
    nothing. A file that fails to parse or validate is never overwritten: its
    article becomes read-only here until it parses again. The lock is waited for a
    few seconds at most (see `reader.notes.lock`); `program` is the name it is held
    under, shown to a writer that gives up waiting.
    """

    def __init__(self, notes_dir: str | os.PathLike[str], *, program: str = "reader") -> None:
        self._dir = Path(notes_dir)
        self._program = program
        self._broken: dict[str, NotesFileError] = {}
        self._written: dict[str, Stamp | None] = {}  # article id -> the file last written
        self._held = threading.local()  # how deep this thread is in `locked()`
        self._parsed = ParsedNotes()
        self._swept = float("-inf")  # when the temp files of killed saves were last looked for
        self._listeners: list[Callable[[Written], None]] = []
        if self._dir.is_dir():  # seen: never made again by a save once gone
            remember(self._dir)

    def on_written(self, listener: Callable[[Written], None]) -> None:
        """Have `listener` told of every notes file a change of this store writes (in the
        thread that writes it, under the lock)."""
        self._listeners.append(listener)

    @property
    def where(self) -> Path:
        """The notes directory."""
        return self._dir

    def path_for(self, article_id: str) -> Path:
        return notes_path(self._dir, article_id)

    def stamp(self, article_id: str) -> Stamp | None:
        """What tells this version of the article's notes file from the next, without
        reading it (None when there is no file)."""
        return file_signature(self.path_for(article_id))

    def written_stamp(self, article_id: str) -> Stamp | None:
        """The stamp of the article's notes file as this store last wrote it."""
        return self._written.get(article_id)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the notes directory's lock, so that several reads and changes are one step
        to other writers. Within it, this store's changes (in this thread) use the lock
        held; another store on the same directory would wait for it."""
        depth = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        with notes_lock(self._dir / LOCK_NAME, self._program):
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0

    def load(self, article_id: str) -> NotesFile:
        """The article's notes (empty when it has none); raises NotesFileError."""
        notes = self._read(article_id, self.path_for(article_id))
        self._broken.pop(article_id, None)
        return notes

    def save(self, notes: NotesFile, *, follow: bool = False, whole: bool = True) -> NotesFile:
        """Merge `notes` into the file on disk; returns what was written. With `follow`,
        into the file the article's notes went to if they followed it (renamed, or
        moved, even meanwhile: see `reader.notes.follow.moved_to`), not a new old one.
        With `whole` False, the notes returned may be the file's header and the notes
        merged only: the others need not be read into notes (`reader.notes.skim`), which
        in a file of thousands is most of the cost of adding one."""

        def change(disk: NotesFile) -> NotesFile:
            if disk.article.id == notes.article.id:
                return merge(disk, notes)
            return merge(disk, replace(notes, article=ArticleRef(disk.article.id)))

        touching = None if whole else {a.id for a in notes.annotations}
        return self._change(notes.article.id, change, follow=follow, touching=touching)

    def add(
        self,
        article: ArticleRef,
        annotation: Annotation,
        *,
        follow: bool = False,
        whole: bool = True,
    ) -> NotesFile:
        """Add (or merge in) one annotation, recording the article's metadata; `follow`
        and `whole` as for `save`."""
        return self.save(NotesFile(article, [annotation]), follow=follow, whole=whole)

    def update(
        self,
        article_id: str,
        annotation: Annotation,
        *,
        was: Annotation | None = None,
        follow: bool = False,
    ) -> NotesFile:
        """`updated`, returning the notes written."""
        return self.updated(article_id, annotation, was=was, follow=follow).notes

    def updated(
        self,
        article_id: str,
        annotation: Annotation,
        *,
        was: Annotation | None = None,
        follow: bool = False,
    ) -> Updated:
        """Replace a live annotation by id; its `modified` becomes now. Given `was` (the
        copy `annotation` was made from), only the fields that differ from it are set on
        the copy on disk, so an edit made elsewhere meanwhile is not undone; where that
        edit changed a field this one changes too, the note takes this one and the note
        as it was on disk is kept as a second note beside it (`Updated.theirs`). `follow`
        as for `save`; a note no longer in the file is changed where it is now (see
        `_change_note`), unless the change is of its passage (taken from the text of the
        article it was in) or made without `was`.

        Raises KeyError when the id is unknown or the annotation is deleted.
        """
        theirs: Annotation | None = None

        def change(disk: NotesFile) -> NotesFile:
            nonlocal theirs
            theirs = theirs_kept(disk.get(annotation.id), annotation, was)
            return _put(disk, annotation, None, was, theirs)

        by_id = was is not None and was.target == annotation.target
        notes = self._change_note(article_id, annotation.id, change, follow=follow, by_id=by_id)
        return Updated(notes, theirs)

    def apply_edit(
        self, article_id: str, annotation: Annotation, *, was: Annotation
    ) -> EditApplied:
        """Apply an edit made on `was` (the note as read before it was edited) only if the
        note on disk still reads as `was` (its note, tags, colour and passage: a grade is
        not an edit); one deleted since is brought back with the edit, as the words typed
        win. A note no longer in the file is edited where it is now (see `_change_note`):
        its passage there is its own (attached, placed on its article's text), kept as it
        is (an edit of the passage is made only in the article's own file). Raises
        EditOvertaken when the note was changed elsewhere since, KeyError when it is not
        there."""
        undeleted = False

        def change(disk: NotesFile) -> NotesFile:
            nonlocal undeleted
            current = disk.get(annotation.id)
            if current is None:
                raise KeyError(f"no annotation {annotation.id} in {disk.article.id}")
            undeleted = current.deleted
            if disk.article.id != article_id:
                current = placed_elsewhere(current, was)
            if not current.deleted and content(current) == content(annotation):
                return disk  # saved already
            if not current.deleted and content(current) != content(was):
                raise EditOvertaken(f"note {annotation.id[:8]} was changed elsewhere since")
            return _put(disk, annotation, False, was)

        by_id = was.target == annotation.target
        notes = self._change_note(article_id, annotation.id, change, by_id=by_id)
        return EditApplied(notes, undeleted)

    def set_review(
        self,
        article_id: str,
        annotation_id: str,
        review: dict | None,
        *,
        merging: bool = True,
        check: Callable[[object], None] | None = None,
    ) -> NotesFile:
        """Set the ``review:`` mapping of one annotation, and nothing else of it (not its
        `modified`: a review is not an edit). It is merged with the mapping on disk (the
        later review kept, with the grades of both: see `later_review`), so a grade given
        elsewhere meanwhile stays; with `merging` False it is put as it is (None removes
        it): an undo. `check` is shown the mapping on disk first, under the lock, and may
        raise to leave it. A note no longer in the file is reviewed where it is now (see
        `_change_note`). Raises KeyError for an unknown id, NoteDeleted (a KeyError) for
        a deleted note."""

        def change(disk: NotesFile) -> NotesFile:
            current = disk.get(annotation_id)
            if current is None:
                raise KeyError(f"no annotation {annotation_id} in {disk.article.id}")
            if current.deleted:
                raise NoteDeleted(f"{annotation_id[:8]} was deleted")
            if check is not None:
                check(current.extra.get(REVIEW_KEY))
            kept = later_review(review, current.extra.get(REVIEW_KEY)) if merging else review
            extra = {**current.extra, REVIEW_KEY: kept}
            if kept is None:
                del extra[REVIEW_KEY]
            reviewed = replace(current, extra=extra)
            return replace(
                disk, annotations=[reviewed if a is current else a for a in disk.annotations]
            )

        return self._change_note(article_id, annotation_id, change)

    def restore_review(
        self, article_id: str, annotation_id: str, review: dict | None, *, grades_allowed: int
    ) -> NotesFile:
        """Put a ``review:`` mapping back as it was (None removes it): a Review's undo.
        Raises ReviewOvertaken when the mapping on disk holds more than `grades_allowed`
        grades: the card was graded elsewhere since, and that grade is kept."""

        def unchanged_since(on_disk: object) -> None:
            if grades_in(on_disk) > grades_allowed:
                raise ReviewOvertaken(f"{annotation_id[:8]} was graded elsewhere since")

        return self.set_review(
            article_id, annotation_id, review, merging=False, check=unchanged_since
        )

    def edit_with(self, article_id: str, change: Callable[[NotesFile], NotesFile]) -> NotesFile:
        """Change the article's notes as `change` makes them of the file as it is on disk,
        read under the lock (it may be called several times: keep it free of side effects
        but for what it tells of the last call); nothing is written when it changes
        nothing."""
        return self._change(article_id, change)

    def delete(self, article_id: str, annotation_id: str, *, follow: bool = False) -> NotesFile:
        """Turn an annotation into a tombstone (``deleted: true``); `follow` as for `save`,
        and a note no longer in the file is deleted where it is now (see `_change_note`):
        the notes returned are those of the file it was in."""
        return self._change_note(
            article_id,
            annotation_id,
            lambda disk: _put(disk, annotation_id, deleted=True),
            follow=follow,
        )

    def undelete(self, article_id: str, annotation_id: str, *, follow: bool = False) -> NotesFile:
        """Bring a tombstoned annotation back; `follow` as for `delete`."""
        return self._change_note(
            article_id,
            annotation_id,
            lambda disk: _put(disk, annotation_id, deleted=False),
            follow=follow,
        )

    def take_out(self, article_id: str, annotation_id: str) -> NotesFile:
        """Remove an annotation from the file outright, not as a tombstone: for a note
        that now lives in another file (saved there first). Nothing to do when it is
        not there."""

        def without(disk: NotesFile) -> NotesFile:
            kept = [a for a in disk.annotations if a.id != annotation_id]
            return replace(disk, annotations=kept)

        return self._change(article_id, without)

    def transfer(
        self,
        from_id: str,
        annotation_id: str,
        to: ArticleRef,
        change: Callable[[Annotation], Annotation],
    ) -> NotesFile:
        """Move a live note to `to`'s notes file, as `change` makes it of the copy read
        under the lock (so an edit made meanwhile goes with it): saved there first, then
        taken out of `from_id`'s file; returns `to`'s notes as written. Raises KeyError
        (its one argument says why) when the note is deleted or gone, NotesFileError,
        NotesLockedError, OSError."""
        with self.locked():
            current = self.load(from_id).get(annotation_id)
            if current is None or current.deleted:
                gone = "deleted" if current is not None else f"no longer in {from_id}"
                raise KeyError(f"note {annotation_id[:8]} was {gone} meanwhile")
            written = self.add(to, change(current))
            self.take_out(from_id, annotation_id)
        return written

    def move(self, article_id: str, to: ArticleRef) -> NotesFile:
        """Give an article's notes file over to another article (the same text renamed
        or moved): written anew under `to`, the old file is then kept as its ``.bak``.
        Another program changing the old file meanwhile: the move is made again from it.

        Raises FileExistsError when `to` has a notes file, FileNotFoundError when
        `article_id` has none, NotesChangingError when the old file keeps changing (it
        stays, as does the new file if written: the next follow finishes the move),
        NotesFileError, OSError.
        """
        old, new = self.path_for(article_id), self.path_for(to.id)
        new.parent.mkdir(parents=True, exist_ok=True)
        with self.locked():
            _remove_temps(old, new)
            wrote: tuple[Stamp | None, bytes | None] = (None, None)  # the new file as written
            for attempt in range(SAVE_TRIES):
                if wrote[1] is None and new.exists():
                    raise FileExistsError(f"{new} exists")
                raw, stamp = self._read_to_move(article_id, old)
                if raw is None:
                    raise FileNotFoundError(f"{old} does not exist")
                notes = self._parse(article_id, old, raw)
                extra = {**notes.article.extra, **to.extra}
                moved = replace(notes, article=replace(to, extra=extra))
                data = saved_bytes(raw, notes, moved)
                try:
                    atomic_write(
                        new, data, unchanged=partial(_unchanged, (new, *wrote), (old, stamp, raw))
                    )
                except Overtaken:
                    time.sleep(0.02 * attempt)
                    continue
                wrote = file_signature(new), data
                # Only once the new file is safely written; a crash before this leaves both,
                # and the next follow finishes the move (see `finish_move`).
                if _set_aside(old, stamp, raw):
                    return moved
                time.sleep(0.02 * attempt)
            raise NotesChangingError(old, SAVE_TRIES)

    def finish_move(self, article_id: str, to_id: str) -> NotesFile:
        """Finish a `move` cut short after the new file was written: what the old file
        holds is merged into `to_id`'s (by note id, so a change made to either since is
        kept), then the old file is kept as its ``.bak``; returns what `to_id` holds.
        Another program changing either file meanwhile: read and merged again.

        Raises FileNotFoundError when either file is gone, NotesChangingError when they
        keep changing (both stay), NotesFileError when either cannot be read, or the old
        one holds a note that cannot be read which the new one lacks (both stay: such a
        note would be left only in the ``.bak``, which the next save replaces), OSError.
        """
        old, new = self.path_for(article_id), self.path_for(to_id)
        with self.locked():
            _remove_temps(old, new)
            for attempt in range(SAVE_TRIES):
                raw, stamp = self._read_to_move(article_id, old)
                previous, before = self._read_to_move(to_id, new)
                if raw is None or previous is None:
                    raise FileNotFoundError(f"{old if raw is None else new} does not exist")
                left = self._parse(article_id, old, raw)
                there = self._parse(to_id, new, previous)
                _all_readable(old, left, there)
                merged = merge(there, replace(left, article=there.article))
                data = saved_bytes(previous, there, merged)
                if data != previous:
                    unchanged = partial(_unchanged, (new, before, previous), (old, stamp, raw))
                    try:
                        atomic_write(new, data, previous, unchanged)
                    except Overtaken:
                        time.sleep(0.02 * attempt)
                        continue
                    self._written[to_id] = file_signature(new)
                if _set_aside(old, stamp, raw):
                    return merged
                time.sleep(0.02 * attempt)
            raise NotesChangingError(old, SAVE_TRIES)

    def all_files(self) -> Iterator[tuple[str, NotesFile | NotesFileError]]:
        """Every notes file as (article id, notes or the error that broke it), by path;
        symlinked folders are followed (see `notes_files`). The temp files of saves
        killed mid-write are removed first (at most once a minute)."""
        if time.monotonic() - self._swept >= KILLED_AFTER:
            self._swept = time.monotonic()
            remove_killed_temps(self._dir)
        for path in notes_files(self._dir):
            article_id = article_id_for(self._dir, path)
            try:
                notes = self._read(article_id, path)
            except NotesFileError as error:
                yield article_id, error
            else:
                self._broken.pop(article_id, None)
                yield article_id, notes

    # -- internals -------------------------------------------------------------------

    def _read(self, article_id: str, path: Path) -> NotesFile:
        try:
            raw = self._raw(article_id, path)
        except NotADirectoryError:
            raise _not_a_folder(self._dir, path) from None
        except OSError as exc:
            raise NotesFileError(str(path), f"cannot read: {exc.strerror}") from None
        return NotesFile.empty(article_id) if raw is None else self._parse(article_id, path, raw)

    def _raw(self, article_id: str, path: Path) -> bytes | None:
        """The file's bytes, None when there is none; a FIFO or a device in its place is
        never waited on nor replaced (NotesFileError)."""
        return self._raw_stamped(article_id, path)[0]

    def _raw_stamped(self, article_id: str, path: Path) -> tuple[bytes | None, Stamp | None]:
        """`_raw`, and the stamp of the file those bytes were read from."""
        try:
            raw, stat = read_regular_stat(path)
        except FileNotFoundError:
            return None, None
        except NotRegularFileError as exc:
            self._broken[article_id] = NotesFileError(str(path), exc.reason)
            raise self._broken[article_id] from None
        return raw, signature(stat)

    def _read_to_move(self, article_id: str, path: Path) -> tuple[bytes | None, Stamp | None]:
        """`_raw_stamped` for a move: a file that cannot be read is a NotesFileError."""
        try:
            return self._raw_stamped(article_id, path)
        except NotesFileError:
            raise
        except OSError as exc:
            raise NotesFileError(str(path), f"cannot read: {exc.strerror}") from None

    def _parse(self, article_id: str, path: Path, raw: bytes) -> NotesFile:
        return self._parse_outlined(article_id, path, raw).notes

    def _parse_outlined(self, article_id: str, path: Path, raw: bytes) -> Parsed:
        """The notes of the file's `raw` bytes (a copy of their own), and where each is
        in the text, for a save."""

        def parse() -> Parsed:
            taker = OutlineTaker()
            notes = parse_notes(decode(raw, str(path)), str(path), undated, taker)
            return Parsed(notes, taker.outline())

        try:
            undated = file_time(path)
            notes, outline = self._parsed.parsed(article_id, raw, undated, parse)
            if notes.article.id != article_id:
                text = decode(raw, str(path))
                # Copied or renamed by hand: which article these notes are on is the
                # user's to say, so the file is never rewritten as the other one's.
                raise NotesFileError(
                    str(path),
                    f"article.id is {notes.article.id!r}, but this is where the notes of "
                    f"{article_id!r} go: correct article.id, or move the file",
                    line_of(text, ("article", "id")),
                )
            return Parsed(_copy(notes), outline)
        except NotesFileError as error:
            self._broken[article_id] = error
            raise

    def _change(
        self,
        article_id: str,
        change: Callable[[NotesFile], NotesFile],
        *,
        follow: bool = False,
        touching: Collection[str] | None = None,
    ) -> NotesFile:
        # A file known to be broken is read again all the same: it may have been fixed,
        # and it is parsed below before anything is written.
        path = self.path_for(article_id)
        if self._dir.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            make_folder(self._dir, path.parent)
        # Parsing and dumping a file of thousands of notes takes seconds: done before the
        # lock is taken (every article's writers wait for it), which then only checks that
        # the file is still the one read; if not, it is all done again under the lock.
        previous = self._raw(article_id, path)
        ready: tuple[bytes | None, NotesFile, bytes] | None
        try:
            ready = previous, *self._changed(article_id, path, previous, change, touching)
        except (NotesFileError, KeyError, ValueError):
            ready = None  # perhaps not once another writer is done: decided under the lock
        with self.locked():
            remove_stale_temps(path)
            for attempt in range(SAVE_TRIES):
                # The stamp of the bytes read: one taken after, of a file another program
                # put in place meanwhile, would have the note counts keep its notes.
                current, before = self._raw_stamped(article_id, path)
                # Decided under the lock, which a move of notes holds.
                to = moved_to(self, article_id) if follow and current is None else None
                if to is not None:
                    return self._change(to, change, touching=touching)
                if ready is not None and ready[0] == current:
                    _, notes, data = ready
                else:
                    notes, data = self._changed(article_id, path, current, change, touching)
                if data == current:
                    break
                # The lock keeps only reader's writers out: an editor, a sync tool or `git
                # pull` may write the file meanwhile, and is then not overwritten.
                try:
                    atomic_write(path, data, current, partial(still_as_read, path, before, current))
                except Overtaken:
                    time.sleep(0.02 * attempt)  # a writer still at it: let it finish
                    continue
                break
            else:
                raise NotesChangingError(path, SAVE_TRIES)
            after = self._written[article_id] = file_signature(path)
            if data != current:
                touched = None if touching is None else frozenset(touching)
                for listener in self._listeners:
                    listener(Written(article_id, before, after, notes, touched))
        self._broken.pop(article_id, None)
        return notes

    def _change_note(
        self,
        article_id: str,
        note_id: str,
        change: Callable[[NotesFile], NotesFile],
        *,
        follow: bool = False,
        by_id: bool = True,
    ) -> NotesFile:
        """`_change` of a change to one note, made where the note is now: when it is not
        in the article's notes file (attached from its unplaced file since, or its article
        renamed), in the one notes file that holds its id (see `holder_of`; a note id
        given two notes may not be changed in either), unless `by_id` is False. A deleted
        note stays so."""
        try:
            return self._change(article_id, change, follow=follow)
        except NoteDeleted:
            raise
        except KeyError:
            if not by_id:
                raise
            with self.locked():  # (the note moves under the lock: it stays where found)
                home = holder_of(self, note_id)
                if home is None or home == article_id:
                    raise
                return self._change(home, change)

    def _changed(
        self,
        article_id: str,
        path: Path,
        raw: bytes | None,
        change: Callable[[NotesFile], NotesFile],
        touching: Collection[str] | None = None,
    ) -> tuple[NotesFile, bytes]:
        """The notes `change` makes of the file's bytes `raw`, and their text; when the
        change is only about the notes of the ids `touching`, perhaps with the others
        not read into notes (see `save`)."""
        if raw is not None and touching is not None:
            done = self._skimmed(article_id, path, raw, change, touching)
            if done is not None:
                return done
        if raw is None:
            disk, outline = NotesFile.empty(article_id), None
        else:
            disk, outline = self._parse_outlined(article_id, path, raw)
        notes = change(disk)
        if notes is disk and raw is not None:
            return notes, raw  # nothing changed: the file stays as it is, byte for byte
        return notes, saved_bytes(raw, disk, notes, outline)

    def _skimmed(
        self,
        article_id: str,
        path: Path,
        raw: bytes,
        change: Callable[[NotesFile], NotesFile],
        touching: Collection[str],
    ) -> tuple[NotesFile, bytes] | None:
        """As `_changed`, with only the notes of the ids `touching` read into notes (see
        `reader.notes.skim`); None when the file is not read so: it is then read whole,
        which accepts it or says why not."""
        undated = file_time(path)
        if self._parsed.known(article_id, raw, undated) is not None:
            return None  # read whole already: nothing to gain
        try:
            skimmed = skim_notes(decode(raw, str(path)), str(path), undated, touching)
        except NotesFileError:
            return None
        if skimmed is None or skimmed.notes.article.id != article_id:
            return None
        notes = change(skimmed.notes)
        if notes is skimmed.notes:
            return notes, raw  # nothing changed
        data = skimmed.saved(notes)
        return None if data is None else (notes, data)


def _unchanged(*files: tuple[Path, Stamp | None, bytes | None]) -> bool:
    """Whether each (path, stamp, bytes) is still the file read (see `still_as_read`)."""
    return all(still_as_read(*each) for each in files)


def _all_readable(old: Path, left: NotesFile, there: NotesFile) -> None:
    """Raise NotesFileError naming the first note of `left` (the old file of a move)
    that cannot be read and is not in `there` as written: it would not be moved."""
    carried = [b.data for b in there.broken]
    for broken in left.broken:
        if broken.data not in carried:
            raise NotesFileError(str(old), broken.message, broken.line)


def _set_aside(path: Path, stamp: Stamp | None, raw: bytes) -> bool:
    """Keep a moved notes file as its ``.bak`` if it is still the one read (`stamp`,
    `raw`); False, and left in place, when another program changed it meanwhile."""
    if not still_as_read(path, stamp, raw):
        return False
    os.replace(path, backup_path(path))
    return True


def _remove_temps(*paths: Path) -> None:
    """The temp files killed writers left for these notes files (under the lock): a file
    moved away is never written again, nor its temp files cleaned up by a save."""
    for path in paths:
        remove_stale_temps(path)


def _copy(notes: NotesFile) -> NotesFile:
    """A notes file of its own for a caller (its notes are immutable, its lists not)."""
    return replace(notes, annotations=list(notes.annotations), extra=dict(notes.extra))


def file_time(path: Path) -> datetime | None:
    """When the file was last changed: the time of a note written by hand without one."""
    try:
        return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
    except OSError:
        return None


def _put(
    disk: NotesFile,
    item: Annotation | str,
    deleted: bool | None,
    was: Annotation | None = None,
    beside: Annotation | None = None,
) -> NotesFile:
    """`disk` with one annotation changed (content and/or tombstone), modified now; with
    `was`, only what `item` changed of it; `beside`, a note put right after it."""
    annotation_id = item if isinstance(item, str) else item.id
    current = disk.get(annotation_id)
    if current is None:
        raise KeyError(f"no annotation {annotation_id} in {disk.article.id}")
    if deleted is None and current.deleted:
        raise KeyError(f"annotation {annotation_id} in {disk.article.id} is deleted")
    if isinstance(item, str):
        base = current
    elif was is None:
        base = item
    else:
        edited = {f: getattr(item, f) for f in EDITABLE if getattr(item, f) != getattr(was, f)}
        if not edited and deleted is None:
            return disk  # an edit that changes nothing: not a change, `modified` stays
        base = replace(current, **edited)
    changed = replace(
        base,
        deleted=current.deleted if deleted is None else deleted,
        modified=later_than(max(current.modified, base.modified)),
    )
    # Put in place, not merged by `modified`: at the calendar's end it cannot grow.
    review = later_review(changed.extra.get(REVIEW_KEY), current.extra.get(REVIEW_KEY))
    if review is not changed.extra.get(REVIEW_KEY):
        changed = replace(changed, extra={**changed.extra, REVIEW_KEY: review})
    annotations = []
    for a in disk.annotations:
        if a is not current:
            annotations.append(a)
        else:
            annotations.extend([changed] if beside is None else [changed, beside])
    return replace(disk, annotations=annotations)


def _not_a_folder(notes_dir: Path, path: Path) -> NotesFileError:
    """Why the notes file at `path` cannot be read when a file stands where a folder on
    its way should: the notes folder named when it is that file, else the file."""
    if problem := notes_dir_problem(notes_dir):
        return NotesFolderError(str(path), problem)
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
    return NotesFileError(str(path), f"cannot read: {blocker} is a file, not a folder")
