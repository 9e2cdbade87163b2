"""Crash-safe notes files: the file and its ``.bak`` replaced atomically (see
`reader.infra.atomic`), and the temp files of killed writers cleaned up: a file's own as
it is saved, and any in the notes folder as it is read (`remove_killed_temps`)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from reader.infra.atomic import TEMP_NAME, Staged, final_path, settle_dir, temps_of
from reader.infra.filetypes import open_regular
from reader.infra.names import NAME_MAX, fit_name

BACKUP_SUFFIX = ".bak"
KILLED_AFTER = 60  # seconds: a temp file this old that no writer holds was left by a kill


class Overtaken(Exception):
    """A save refused: another program changed the file after it was read."""


def backup_path(path: Path) -> Path:
    """``<file>.bak`` beside `path` (its name cut short when too long for one)."""
    return path.with_name(fit_name(path.name, NAME_MAX - len(BACKUP_SUFFIX)) + BACKUP_SUFFIX)


def atomic_write(
    path: Path,
    data: bytes,
    previous: bytes | None = None,
    unchanged: Callable[[], bool] | None = None,
) -> None:
    """Replace `path` with `data` atomically; keep `previous` (if any) as ``<file>.bak``.

    Each file is written to a temp file in the same directory, flushed and fsynced,
    moved into place with os.replace, and the directory is fsynced (best effort: once
    the file is in place, it is saved). When `path` is a symlink, the file it leads to is
    replaced and its ``.bak`` kept beside it, with the file's permissions. With `unchanged`, asked once both are
    written, just before they are moved into place (the ``.bak`` first): when it says
    False (the file was changed meanwhile), nothing is written and `Overtaken` is raised.
    """
    path = final_path(path)
    with contextlib.ExitStack() as stack:
        kept = (
            []
            if previous is None
            else [stack.enter_context(Staged(backup_path(path), previous, like=path))]
        )
        staged = [*kept, stack.enter_context(Staged(path, data))]
        if unchanged is not None and not unchanged():
            raise Overtaken(path)
        for each in staged:  # at once: the sooner after the check, the less room for a change
            each.put()
    settle_dir(path.parent)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left for `path` (call only under its lock)."""
    if path.is_symlink():  # the file it leads to may be another notes folder's, under its lock
        remove_abandoned_temps(path)
        return
    for temp in _temps_of(path):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def remove_abandoned_temps(path: Path) -> None:
    """Delete the temp files of `path` whose writer is gone (killed mid-write), without
    a lock: a writer holds a lock on its temp file for as long as it lives."""
    for temp in _temps_of(path):
        _remove_if_abandoned(temp)


def remove_killed_temps(notes_dir: Path) -> None:
    """Delete the temp files that saves killed mid-write (kill -9, a power cut) left in
    the notes folder: named as reader names them, older than `KILLED_AFTER` and held by
    no writer. Nothing else is touched, and no symlinked folder is entered."""
    oldest = time.time() - KILLED_AFTER
    for folder, _dirs, names in os.walk(notes_dir):
        for name in names:
            if not TEMP_NAME.fullmatch(name):
                continue
            temp = Path(folder, name)
            try:
                found = temp.lstat()
            except OSError:
                continue
            if stat.S_ISREG(found.st_mode) and found.st_mtime < oldest:
                _remove_if_abandoned(temp)


def _remove_if_abandoned(temp: Path) -> None:
    """Delete a temp file unless a live writer holds its lock."""
    try:
        fd = open_regular(temp, os.O_RDONLY | os.O_NOFOLLOW)  # a FIFO is not waited on
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # a live writer holds it
    else:
        with contextlib.suppress(OSError):  # gone, or in a folder that cannot be written
            os.unlink(temp)
    finally:
        os.close(fd)


def _temps_of(path: Path) -> list[Path]:
    """The temp files of `path` and of its ``.bak`` (see `atomic_write`)."""
    path = final_path(path)
    return [*temps_of(path), *temps_of(backup_path(path))]
