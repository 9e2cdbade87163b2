"""Crash-safe file replacement: a reader sees the old file or the new one, never a mix.

The one writer of files the user keeps (notes, exports, the config file's theme).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from pathlib import Path

from reader.infra.names import NAME_MAX, fit_name


def replace_file(path: Path, data: bytes, new_mode: int = 0o666) -> None:
    """Replace `path` with `data`: written to a temp file beside it, flushed and fsynced,
    moved into place with os.replace. The file keeps its permissions (a new one gets
    `new_mode` less the umask, as other programs make files); the temp file is removed
    whatever fails. The directory is not fsynced (see `sync_dir`). A symlink at `path`
    stays: the file it leads to is replaced."""
    path = final_path(path)
    mode = _mode_of(path)
    temp = path.with_name(f"{_temp_stem(path.name)}.{os.urandom(8).hex()}.tmp")
    # (A file replaced: its temp file is kept private until it has the file's mode.)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, new_mode if mode is None else 0o600)
    replaced = False
    try:
        with os.fdopen(fd, "wb") as handle:
            # Held until the file is in place: it tells a cleaner of abandoned temp
            # files (see reader.notes.atomic) that the writer lives.
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(temp, path)
            replaced = True
    except BaseException as exc:
        if replaced and isinstance(exc, OSError):
            return  # closing failed, but the new file is in place: it is saved
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def atomic_write(path: Path, data: bytes, new_mode: int = 0o666) -> None:
    """`replace_file`, then fsync the directory so the new name survives a crash (as
    far as it can: see `settle_dir`)."""
    replace_file(path, data, new_mode)
    settle_dir(path.parent)


def final_path(path: Path) -> Path:
    """The file a symlink at `path` leads to (through a chain of links), else `path`: what
    a save replaces, so that a file kept elsewhere (a synced folder) stays linked."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{16}\.tmp")  # the name of any temp file `replace_file` makes


def temps_of(path: Path) -> list[Path]:
    """The temp files `replace_file` may have left for `path`."""
    path = final_path(path)
    pattern = re.compile(re.escape(_temp_stem(path.name)) + r"\.[0-9a-f]{16}\.tmp")
    try:
        names = os.listdir(path.parent)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [path.parent / name for name in names if pattern.fullmatch(name)]


def _temp_stem(name: str) -> str:
    """What a temp file for the file `name` is named before its random part: ``.NAME``,
    the name cut short (see `fit_name`) when the temp file's name would pass the limit."""
    return "." + fit_name(name, NAME_MAX - len(f"..{'0' * 16}.tmp"))


def settle_dir(directory: Path) -> None:
    """`sync_dir` after a file was moved into place, never raising: the file is saved
    by then, and some filesystems refuse to fsync a folder (EINVAL). Reporting such a
    save as failed would make the user save again, and a note be there twice."""
    with contextlib.suppress(OSError):
        sync_dir(directory)


def sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_of(path: Path) -> int | None:
    """The permissions of the file at `path`, None when there is none."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None
