"""Which files are articles, by name alone (kept apart from the parsers, which are slow
to import and not needed to scan a library), and reading regular files only."""

from __future__ import annotations

import errno
import os
import stat

from reader.errors import NotRegularFileError
from reader.infra.signature import signature

# File suffix (lower case) -> the format that reads it.
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def how_to_fill(ways: str) -> str:
    """What to do about a library with no articles: the files to put in it, or `ways`
    to add some where this is said (the commands, the app's palette)."""
    return f"put .txt, .md or .html files there (a folder per source), or {ways}"


def is_supported_suffix(suffix: str) -> bool:
    """Whether a file ending in suffix (".txt", as os.path.splitext gives it) is read."""
    return suffix.lower() in FORMATS


_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISDIR, "folder"),
)


def not_regular(mode: int) -> str | None:
    """Why a file of this `st_mode` is not read ("not a regular file (FIFO)"), or None
    for a regular file: opening a FIFO waits for a writer, and a device may never end."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "unknown kind")
    return f"not a regular file ({kind})"


def open_regular(path: str | os.PathLike[str], flags: int = os.O_RDONLY, mode: int = 0o666) -> int:
    """A descriptor of `path` opened with `flags`, without waiting (a FIFO waits for a
    writer) nor taking a terminal as ours, and checked once open, so that a file swapped
    meanwhile is caught too. Raises NotRegularFileError for a FIFO, socket or device,
    IsADirectoryError for a folder and other OSErrors as open() does."""
    fd = os.open(path, flags | os.O_NONBLOCK | os.O_NOCTTY, mode)
    try:
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):  # as open() has it
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if reason := not_regular(kind):
            raise NotRegularFileError(path, reason)
    except BaseException:
        os.close(fd)
        raise
    return fd


# How many times a file that changes while it is read is read again; then its bytes go
# with the stat taken before them, an older version's, which no check takes for theirs.
_STEADY_TRIES = 3


def read_regular(path: str | os.PathLike[str], limit: int = -1) -> bytes:
    """The bytes of the regular file at `path` (at most `limit` when given), opened as
    `open_regular` does; raises NotRegularFileError or OSError."""
    return read_regular_stat(path, limit)[0]


def read_regular_stat(
    path: str | os.PathLike[str], limit: int = -1
) -> tuple[bytes, os.stat_result]:
    """`read_regular`'s bytes and the file's stat, taken from the file they were read
    from (not from another put in its place meanwhile), before they were read: a stat
    taken after could be that of a version written in place since, with the bytes of
    the one before. Read again (a few times) while the file changes during the read."""
    fd = open_regular(path)
    with open(fd, "rb") as handle:
        stat, data = os.fstat(handle.fileno()), handle.read(limit)
        for _ in range(_STEADY_TRIES):
            if signature(os.fstat(handle.fileno())) == signature(stat):
                break
            handle.seek(0)
            stat, data = os.fstat(handle.fileno()), handle.read(limit)
        return data, stat
