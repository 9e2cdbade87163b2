"""The last resort for notes that could be neither saved nor kept aside (`.unsaved/` in a
notes folder whose disk is full, say): `notes-not-saved.yml` in the user data directory
(usually on another filesystem), a YAML list of notes files, written at once. Each time
they are appended to what the file holds, never replacing it; a file that is not such a
list is left as it is, and a new name taken beside it. Two processes appending at once
take turns (the notes lock, on a file of its own beside it), so neither loses the other's.
Each item names the notes folder it belongs to (`notes_dir:`): each library has its own.
The notes saved from there later (`reader.notes.not_saved_retry`) are taken out under
the same lock, from the file as it is then: what was appended meanwhile stays."""

from __future__ import annotations

import contextlib
import errno
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.errors import (
    NotesFileError,
    NotesLockedError,
    NotRegularFileError,
    SavedNowhereError,
    YamlError,
)
from reader.infra.atomic import atomic_write
from reader.infra.filetypes import read_regular
from reader.infra.yamlsafe import load_yaml
from reader.notes import atomic
from reader.notes.folder_gone import is_gone
from reader.notes.lock import notes_lock
from reader.notes.schema import NotesFile
from reader.notes.spans import list_items
from reader.notes.splice import notes_alone
from reader.notes.unsaved import keep_unsaved, unsaved_dir
from reader.notes.yamlio import (
    CONFLICT_MARKERS,
    booleans_as_written,
    conflict_line,
    decode,
    dump_data,
    dump_notes_list,
)

NOT_SAVED_NAME = "notes-not-saved.yml"
LOCK_NAME = ".notes-not-saved.lock"
FOLDER_KEY = "notes_dir"  # top-level key of each item: the notes folder it is to be saved in
_NAMES = re.compile(r"notes-not-saved(?:\.([1-9][0-9]*))?\.yml")  # see `_append`


@dataclass(frozen=True, slots=True)
class Kept:
    """Where a note that could not be saved went: `aside` in the notes folder's
    `.unsaved/`, else the last resort; either is saved from there by itself later."""

    path: Path
    aside: bool


def keep_somewhere(notes_dir: Path, notes: NotesFile, last_resort: Path) -> Kept:
    """Keep `notes` (not saved) aside in the notes folder's `.unsaved/`, else at once in
    `notes-not-saved.yml` in the folder `last_resort` (the data directory); says where.
    Raises SavedNowhereError when neither can be written. A notes folder gone is not
    made again (see `reader.notes.folder_gone`): the last resort keeps the note."""
    try:
        if is_gone(notes_dir):
            raise FileNotFoundError(errno.ENOENT, "the notes folder is gone", str(notes_dir))
        return Kept(keep_unsaved(notes_dir, notes), aside=True)
    except OSError as kept_error:
        try:
            return Kept(write_not_saved(last_resort, [notes], notes_dir), aside=False)
        except OSError as error:
            raise SavedNowhereError(
                unsaved_dir(notes_dir), kept_error, last_resort / NOT_SAVED_NAME, error
            ) from error


def write_not_saved(folder: Path, files: Sequence[NotesFile], notes_dir: Path) -> Path:
    """Append `files` (of the notes folder `notes_dir`) to the folder's
    `notes-not-saved.yml` (or, when that file is not a list of them, to a new
    `notes-not-saved.N.yml`); returns the file. Raises OSError."""
    named = str(Path(notes_dir).absolute())
    text = dump_notes_list([replace(f, extra={**f.extra, FOLDER_KEY: named}) for f in files])
    added = text.encode("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        return _append(folder, added)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the lock of the folder's last-resort files; raises OSError."""
    try:
        with notes_lock(folder / LOCK_NAME):
            yield
    except NotesLockedError as error:
        raise OSError(errno.EWOULDBLOCK, str(error)) from error


def _append(folder: Path, added: bytes) -> Path:
    """Append `added` to the first of the folder's files that is a list; returns it."""
    stem, suffix = NOT_SAVED_NAME.rsplit(".", 1)
    count = 1
    while True:
        path = folder / (NOT_SAVED_NAME if count == 1 else f"{stem}.{count}.{suffix}")
        held = _list_held(path)
        if held is not None:
            break
        count += 1
    if held and not held.endswith(b"\n"):
        held += b"\n"
    atomic_write(path, held + added)
    return path


def _list_held(path: Path) -> bytes | None:
    """The bytes of a file that new items can be appended to (b"" when there is none),
    None when the file is not one the retry reads (see `read_not_saved`), or not a
    regular file."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return b""
    except (NotRegularFileError, IsADirectoryError):
        return None
    try:
        _items(raw, path)
    except NotesFileError:
        return None
    return raw


def not_saved_files(folder: Path) -> list[Path]:
    """The folder's last-resort files, `notes-not-saved.yml` first, then by number."""
    try:
        names = [(_NAMES.fullmatch(p.name), p) for p in folder.iterdir()]
    except OSError:  # (no such folder, most of the time)
        return []
    found = [(int(m[1] or 1), p) for m, p in names if m is not None]
    return [p for _, p in sorted(found)]


def read_not_saved(path: Path) -> list[Any]:
    """The plain data of each item of a last-resort file ([] when empty). Raises
    NotesFileError when it is not a list (or a key is given twice in it: rewritten, one
    of its values would be lost), OSError when it cannot be read."""
    return _items(read_regular(path), path)[1]


def _items(raw: bytes, path: Path) -> tuple[str, list[Any]]:
    """The text of a last-resort file's bytes, and its items; raises NotesFileError
    (see `read_not_saved`). The one test of a file that is read back, and appended to."""
    text = decode(raw, str(path))
    if (conflict := conflict_line(text)) is not None:
        raise NotesFileError(str(path), CONFLICT_MARKERS, conflict)
    try:
        held = load_yaml(text, unique_keys=True, keep_number_text=True)
    except YamlError as error:
        raise NotesFileError(str(path), f"not valid YAML: {error.problem}", error.line) from None
    if held is None:
        return text, []
    if not isinstance(held, list):
        raise NotesFileError(str(path), "not a list of notes files")
    booleans_as_written(held, text)  # a note written `yes` is that text, as in a notes file
    return text, held


def take_out(path: Path, saved: Sequence[Any]) -> bool:
    """Take the items `saved` (their plain data, as `read_not_saved` gave it) out of a
    last-resort file, as it is now, under its lock: an item appended since stays, one
    taken out already (by another reader) is not looked for; the file is removed when
    nothing is left. The items left are kept byte for byte (comments and all), the file
    as it was in `.bak`. False when that cannot be done (a flow list, say): the file is
    then left as it is, as is one that can no longer be read. Raises OSError."""
    with _locked(path.parent):
        try:
            raw = read_regular(path)
            text, held = _items(raw, path)
        except (FileNotFoundError, NotesFileError):
            return True
        gone = Counter(dump_data(item) for item in saved)
        left: list[int] = []
        for at, item in enumerate(held):
            key = dump_data(item)
            if gone[key] > 0:
                gone[key] -= 1
            else:
                left.append(at)
        if len(left) == len(held):
            return True
        if not left:
            path.unlink()
            return True
        cut = _cut(text, held, left, path)
        if cut is None:
            return False
        atomic.atomic_write(path, cut, previous=raw)
        return True


def _cut(text: str, held: list[Any], left: list[int], path: Path) -> bytes | None:
    """`text` (which reads as `held`) with only the items `left`, each as written; None
    unless it reads back as exactly those items."""
    seq = list_items(text)
    if seq is None or len(seq.items or ()) != len(held):
        return None
    kept = notes_alone(text, seq, left)
    if kept is None:
        return None
    cut = kept.encode("utf-8")
    try:
        again = _items(cut, path)[1]
    except NotesFileError:
        return None
    wanted = [dump_data(held[at]) for at in left]
    return cut if [dump_data(item) for item in again] == wanted else None
