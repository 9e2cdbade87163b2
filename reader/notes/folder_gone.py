"""A notes folder that was there and is gone (moved away, deleted) is never made again by
a save: a new folder holding one note would hide the notes that were there, and could not
be moved back without merging by hand. Only a folder never made yet (the first note ever)
is made.

What tells the two apart is `notes-folders` in the data directory: the notes folders
reader has seen, a line each, written when a store first finds its folder or makes it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reader.errors import NotesFolderGoneError
from reader.paths import data_dir

SEEN_NAME = "notes-folders"


def _key(notes_dir: str | os.PathLike[str]) -> bytes:
    return os.fsencode(os.path.abspath(notes_dir))


def _seen() -> set[bytes]:
    try:
        return set((data_dir() / SEEN_NAME).read_bytes().splitlines())
    except OSError:
        return set()


def remember(notes_dir: str | os.PathLike[str]) -> None:
    """Note that this notes folder is there (once; quietly not when it cannot be noted)."""
    key = _key(notes_dir)
    if b"\n" in key or key in _seen():
        return
    with contextlib.suppress(OSError):
        data_dir().mkdir(parents=True, exist_ok=True)
        fd = os.open(data_dir() / SEEN_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, key + b"\n")  # one append: two processes at once lose neither
        finally:
            os.close(fd)


def is_gone(notes_dir: str | os.PathLike[str]) -> bool:
    """Whether this notes folder was there once and is not now."""
    return not os.path.lexists(notes_dir) and _key(notes_dir) in _seen()


def make_folder(notes_dir: Path, folder: Path) -> None:
    """Make `folder` (in `notes_dir`, or it) for a save. Raises NotesFolderGoneError
    when the notes folder is gone, OSError when it cannot be made."""
    if is_gone(notes_dir):
        raise NotesFolderGoneError(notes_dir)
    folder.mkdir(parents=True, exist_ok=True)
    remember(notes_dir)
