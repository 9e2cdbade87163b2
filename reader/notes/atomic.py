"""Crash-safe notes files: the file and its ``.bak`` replaced atomically (see
`reader.infra.atomic`), and the temp files of killed writers cleaned up."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from reader.infra.atomic import final_path, replace_file, settle_dir, temps_of
from reader.infra.filetypes import open_regular
from reader.infra.names import NAME_MAX, fit_name

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    """``<file>.bak`` beside `path` (its name cut short when too long for one)."""
    return path.with_name(fit_name(path.name, NAME_MAX - len(BACKUP_SUFFIX)) + BACKUP_SUFFIX)


def atomic_write(path: Path, data: bytes, previous: bytes | None = None) -> None:
    """Replace `path` with `data` atomically; keep `previous` (if any) as ``<file>.bak``.

    Each file is written to a temp file in the same directory, flushed and fsynced,
    moved into place with os.replace, and the directory is fsynced (best effort: once
    the file is in place, it is saved). When `path` is a symlink, the file it leads to is
    replaced and its ``.bak`` kept beside it.
    """
    path = final_path(path)
    if previous is not None:
        replace_file(backup_path(path), previous)
    replace_file(path, data)
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
        try:
            fd = open_regular(temp, os.O_RDONLY | os.O_NOFOLLOW)  # a FIFO is not waited on
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live writer holds it
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        finally:
            os.close(fd)


def _temps_of(path: Path) -> list[Path]:
    """The temp files of `path` and of its ``.bak`` (see `atomic_write`)."""
    path = final_path(path)
    return [*temps_of(path), *temps_of(backup_path(path))]
