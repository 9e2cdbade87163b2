"""The notes of the last resort (`notes-not-saved.yml`, and a `notes-not-saved.N.yml`
taken beside a file that was not a list) saved by themselves: each notes file listed
there is saved as one kept aside in `.unsaved/` is (`unsaved.save_kept`: merged by note
id, a kept edit on the note as it was, a kept grade as a grade, into the file its
article's notes followed), and those saved are taken out of the list (`take_out`);
the rest stay, named in the problems (one holding a note that cannot be read stays
whole, its other notes saved, as a kept file does: `unsaved.unreadable`). Only the notes
of the notes folder saving them are (each names its own, `notes_dir:`): those of another
library's wait for a reader using its folder. A file that is not such a list is never
rewritten. `Pending` says whether any wait (there or kept aside), and a file found with
nothing new to try waits no more until it changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.errors import NotesFileError
from reader.infra.signature import file_signature
from reader.notes.not_saved import FOLDER_KEY, not_saved_files, read_not_saved, take_out
from reader.notes.schema import NotesFile, SchemaError, from_data
from reader.notes.store import NotesStore, Stamp, file_time
from reader.notes.unsaved import RetryResult, kept_unsaved, retry_unsaved, save_kept


class Pending:
    """Whether notes wait to be saved, kept aside in the notes folder or in the last
    resort in `folder` (the data directory), and their retry. A file in which a retry
    found nothing new to try (another library's notes, a file that cannot be read, a
    kept file whose notes that can be read are saved already) waits no more until it
    changes (by its stamp); one whose save failed waits still. Used from one thread at a
    time: it reads folders."""

    def __init__(self, notes_dir: Path, folder: Path) -> None:
        self.notes_dir, self.folder = notes_dir, folder
        self._idle: dict[Path, Stamp | None] = {}  # last resort: file -> its stamp then
        self._kept_idle: dict[Path, Stamp | None] = {}  # kept aside: the same

    def waiting(self) -> bool:
        return _changed(kept_unsaved(self.notes_dir), self._kept_idle) or _changed(
            not_saved_files(self.folder), self._idle
        )

    def retry_kept(self, store: NotesStore) -> RetryResult:
        """`retry_unsaved`, remembering the kept files it found nothing new to try in."""
        result = retry_unsaved(store)
        self._kept_idle = dict(result.idle)
        return result

    def retry(self, store: NotesStore) -> RetryResult:
        """`retry_not_saved`, remembering the files it found nothing to try in."""
        result = retry_not_saved(store, self.folder)
        self._idle = dict(result.idle)
        return result


def _changed(paths: list[Path], idle: dict[Path, Stamp | None]) -> bool:
    """Whether any of `paths` is not idle, or has changed since found so."""
    return any(p not in idle or file_signature(p) != idle[p] for p in paths)


def retry_not_saved(store: NotesStore, folder: Path) -> RetryResult:
    """Save the notes of the folder's last-resort files; the items saved whole are taken
    out."""
    result = RetryResult()
    for path in not_saved_files(folder):
        stamp = file_signature(path)  # (before it is read: a change meanwhile is seen)
        try:
            items = read_not_saved(path)
        except NotesFileError as error:
            result.problems.append(f"{error}: it is left as it is")
            result.unread += 1
            result.idle[path] = stamp
            continue
        except OSError as error:
            result.problems.append(f"cannot read {path}: {error.strerror or error}")
            result.unread += 1
            continue
        done: list[Any] = []
        count = tried = 0
        undated = file_time(path)  # the time of a note written by hand without one
        for number, item in enumerate(items, 1):
            where = f"{path} (item {number})"
            notes = _notes(item, where, store.where, undated, result)
            saved = None if notes is None else save_kept(store, notes, where, result)
            tried += notes is not None
            if notes is None or saved is None:
                continue
            if saved.notes:
                count += saved.notes
                result.saved.append(saved.article_id)
            if not notes.broken:  # else it stays whole: said in `result.problems`
                done.append(item)
        if count:
            result.counts[path] = count
        if not tried:
            result.idle[path] = stamp
        if not done:
            continue
        try:
            cut = take_out(path, done)
        except OSError as error:  # saved all the same: saved again (harmless) next time
            result.problems.append(
                f"cannot take the notes saved out of {path}: {error.strerror or error}"
            )
            continue
        if not cut:  # saved all the same, as above
            result.problems.append(
                f"the notes saved cannot be taken out of {path} without rewriting the rest "
                "of it, so it is left as it is: take them out by hand"
            )
    return result


def _notes(
    item: Any, where: str, notes_dir: Path, undated: datetime | None, result: RetryResult
) -> NotesFile | None:
    """An item of the list as a notes file to save in `notes_dir`; None when it is of
    another notes folder, else (said in `result`) when it is not a notes file or names
    no notes folder."""
    named = item.get(FOLDER_KEY) if isinstance(item, dict) else None
    if isinstance(named, str) and named and not _same_folder(named, notes_dir):
        return None  # another library's, whatever it holds: a reader using that folder's
    try:
        notes = from_data(item, undated)
    except SchemaError as error:
        result.problems.append(f"{where}: {error.message}")
        result.unread += 1
        return None
    named = notes.extra.get(FOLDER_KEY)
    if not isinstance(named, str) or not named:
        result.waiting += len(notes.annotations) + len(notes.broken)
        result.problems.append(
            f"{where} does not say which notes folder it is of ({FOLDER_KEY}:), so it "
            "stays there: copy it into its notes by hand, or add that key"
        )
        return None
    return replace(notes, extra={k: v for k, v in notes.extra.items() if k != FOLDER_KEY})


def _same_folder(named: str, notes_dir: Path) -> bool:
    try:
        return Path(named).resolve() == Path(notes_dir).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL in it, a loop of links
        return False
