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
    moved into place with os.replace (see `Staged`). The directory is not fsynced (see
    `sync_dir`). A symlink at `path` stays: the file it leads to is replaced."""
    with Staged(path, data, new_mode) as staged:
        staged.put()


class Staged:
    """`data` ready to replace `path`: written to a temp file beside it, flushed and
    fsynced, until `put()` moves it into place with os.replace; left without, the temp
    file is removed. The file keeps its permissions, or takes those of the file `like`
    when there is one (a new one gets `new_mode` less the umask, as other programs make
    files). A symlink at `path` stays: the file it leads to is what `put()` replaces."""

    def __init__(
        self, path: Path, data: bytes, new_mode: int = 0o666, *, like: Path | None = None
    ) -> None:
        self.path = final_path(path)
        mode = None if like is None else _mode_of(like)
        if mode is None:
            mode = _mode_of(self.path)
        self.temp = self.path.with_name(f"{_temp_stem(self.path.name)}.{os.urandom(8).hex()}.tmp")
        # (A file replaced: its temp file is kept private until it has the file's mode.)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        fd = os.open(self.temp, flags, new_mode if mode is None else 0o600)
        self.placed = False
        try:
            self._handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            os.unlink(self.temp)
            raise
        try:
            # Held until the file is in place: it tells a cleaner of abandoned temp
            # files (see reader.notes.atomic) that the writer lives.
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX)
            if mode is not None:
                os.fchmod(self._handle.fileno(), mode)
            self._handle.write(data)
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except BaseException:
            self.__exit__()
            raise

    def put(self) -> None:
        """Move the file written into place."""
        os.replace(self.temp, self.path)
        self.placed = True

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            self._handle.close()
        except OSError:
            if not self.placed:  # once in place, the file is saved
                raise
        finally:
            if not self.placed:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.temp)


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
