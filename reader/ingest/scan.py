"""A library: a directory of article files, scanned recursively and never written to."""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple

from reader.errors import LibraryError
from reader.infra.filetypes import FORMATS, not_regular
from reader.infra.signature import signature
from reader.model import PENDING_LINKS, Skipped
from reader.paths import home_expanded
from reader.text.safe import bytes_escaped, shortened


class FileEntry(NamedTuple):
    """A supported file found by a scan, with its signature (`reader.infra.signature`,
    as notes files have theirs), which tells a change.

    The id is the path relative to the library root, so the file is `root / id`. The
    inode is as SQLite keeps it: signed.
    """

    id: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int


def check_root(root: Path) -> Path:
    """The library root, resolved; LibraryError when it is missing or not a directory."""
    root = home_expanded(root)
    try:
        found = root.exists()
    except OSError as exc:  # a name too long for the system, say
        reason = f"{shortened(str(root))} ({exc.strerror})"
        raise LibraryError(f"library cannot be read: {reason}") from None
    if not found:
        raise LibraryError(f"library not found: {root}")
    if not root.is_dir():
        hint = " (to read one file: reader show FILE)" if root.is_file() else ""
        raise LibraryError(f"library is not a directory: {root}{hint}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise LibraryError(f"library is not readable: {root}")
    return root.resolve()


def scan(root: Path) -> tuple[list[FileEntry], list[Skipped]]:
    """Every supported file under root (sorted by id) and every file passed over."""
    skipped: list[Skipped] = []
    entries = sorted(walk(root, skipped))
    return entries, skipped


class Folder(NamedTuple):
    """The supported files of one folder, as a walk finds them: the start of their ids
    (the folder's path from the root, with a slash; empty for the root), their names,
    and their sizes, times and inodes in the same order."""

    prefix: str
    names: list[str]
    sizes: array[int]
    mtimes: array[int]
    ctimes: array[int]
    inos: array[int]  # unsigned, as the system gives them


def walk(root: Path, skipped: list[Skipped]) -> Iterator[FileEntry]:
    """Every supported file under root, in no particular order; files passed over are
    appended to `skipped` (see `folders`)."""
    for folder in folders(root, skipped):
        yield from entries(folder)


def entries(folder: Folder) -> Iterator[FileEntry]:
    """The files of a folder a walk found."""
    prefix = folder.prefix
    inos = array("q", folder.inos.tobytes())  # the same bits, signed: as SQLite keeps them
    files = zip(folder.names, folder.sizes, folder.mtimes, folder.ctimes, inos, strict=True)
    for name, size, mtime_ns, ctime_ns, ino in files:
        yield FileEntry(prefix + name, size, mtime_ns, ctime_ns, ino)


def folders(root: Path, skipped: list[Skipped]) -> Iterator[Folder]:
    """The supported files under root, a folder at a time, in the same order for the
    same library; files passed over are appended to `skipped`.

    Hidden files and folders are ignored; symlinked folders are followed once,
    so a symlink loop ends the walk of that branch instead of the program. Works on
    names and path strings: a scan of 100k files must not build 100k Path objects.
    """
    seen_dirs: set[tuple[int, int]] = set()
    prefix = len(str(root)) + 1
    pending = [str(root)]
    while pending:
        directory = pending.pop()
        try:
            st = os.stat(directory)
        except OSError as exc:
            skipped.append(Skipped(directory, f"cannot open folder ({exc.strerror})"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            skipped.append(Skipped(directory, "folder already visited (symlink loop)"))
            continue
        seen_dirs.add(key)
        try:
            # Each file is looked at by its name in the open folder: a stat that has no
            # full path to resolve is a third cheaper, and one runs for every file
            # before each `reader search`.
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            skipped.append(Skipped(directory, f"cannot open folder ({exc.strerror})"))
            continue
        try:
            folder = _files_in(fd, directory, prefix, skipped, pending)
        finally:
            os.close(fd)
        if folder.names:
            yield folder


def _files_in(
    fd: int, directory: str, prefix: int, skipped: list[Skipped], pending: list[str]
) -> Folder:
    """The supported files of one folder (open as `fd`); its subfolders go on
    `pending`, in the order that keeps the walk's. The loop runs for every file of the
    library before each search: it does no more per file than it must."""
    base = os.path.join(directory, "")  # (what os.path.join puts before a name)
    found = Folder(base[prefix:], [], array("q"), array("q"), array("q"), array("Q"))
    try:
        with os.scandir(fd) as listing:
            children = list(listing)
    except OSError as exc:
        skipped.append(Skipped(directory, f"cannot open folder ({exc.strerror})"))
        return found
    stat = os.stat
    names, sizes, mtimes, ctimes, inos = found[1:]
    folders = []
    for child in children:
        name = child.name
        if name.startswith("."):
            continue
        if not name.isascii() and not _is_utf8(name):
            # Undecodable bytes in a name arrive as lone surrogates, which no index,
            # notes file or terminal can take: the file (or folder) is passed over.
            skipped.append(Skipped(visible_path(base + name), "name is not valid UTF-8"))
            continue
        try:
            if child.is_dir(follow_symlinks=True):
                folders.append(base + name)
                continue
            dot = name.rfind(".")  # (os.path.splitext's suffix: the name has no leading dot)
            suffix = name[dot:] if dot > 0 else ""
            if suffix.lower() not in FORMATS:
                if found.prefix + name != PENDING_LINKS:  # reader's own, not passed over
                    skipped.append(
                        Skipped(base + name, f"not an article ({suffix or 'no extension'})")
                    )
                continue
            st = stat(name, dir_fd=fd)
        except FileNotFoundError:
            skipped.append(Skipped(base + name, "removed during the scan, or a broken link"))
            continue
        except OSError as exc:
            skipped.append(Skipped(base + name, f"cannot read ({exc.strerror})"))
            continue
        if not S_ISREG(st.st_mode):  # a FIFO, socket or device (or a link to one)
            skipped.append(Skipped(base + name, not_regular(st.st_mode) or ""))
            continue
        # An id is the folder's prefix and the name: the rule of
        # reader.ingest.formats.article_id, by slicing off the root.
        names.append(name)
        size, mtime_ns, ctime_ns, ino = signature(st)
        sizes.append(size)
        mtimes.append(mtime_ns)
        ctimes.append(ctime_ns)
        inos.append(ino)
    pending.extend(sorted(folders, reverse=True))
    return found


def _is_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in a name arrive as lone surrogates
        return False
    return True


def visible_path(path: str) -> str:
    """A path whose name holds undecodable bytes, with each shown as an escape (`\\xff`)."""
    return bytes_escaped(path)
