"""Crash-safe file replacement: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
from pathlib import Path

from reader.filetypes import open_regular

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write(path: Path, data: bytes, previous: bytes | None = None) -> None:
    """Replace `path` with `data` atomically; keep `previous` (if any) as ``<file>.bak``.

    Each file is written to a temp file in the same directory, flushed and fsynced,
    moved into place with os.replace, and the directory is fsynced.
    """
    if previous is not None:
        _replace(backup_path(path), previous)
    _replace(path, data)
    _fsync_dir(path.parent)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a killed writer left for `path` (call only under its lock)."""
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
    pattern = re.compile(
        re.escape(f".{path.name}") + rf"(?:{re.escape(BACKUP_SUFFIX)})?\.[0-9a-f]{{16}}\.tmp"
    )
    try:
        names = os.listdir(path.parent)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [path.parent / name for name in names if pattern.fullmatch(name)]


def _replace(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _mode_of(path))
    try:
        with os.fdopen(fd, "wb") as handle:
            # Held until the file is in place: it tells remove_abandoned_temps we live.
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o600


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
