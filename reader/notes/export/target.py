"""Where an export is written, checked before the notes are read and rendered: what the
write would refuse at its end (a name too long, a file where a folder should be, a
read-only folder, a file that exists) is refused at once, with the error the write
would raise. Nothing is written here."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from reader.errors import NotRegularFileError, ReaderError
from reader.infra.filetypes import not_regular
from reader.infra.names import too_long_part
from reader.paths import home_expanded


def named_file(given: str) -> Path:
    """The file a name typed by the user names, `~` expanded. A name ending with `/` (or
    `/.`) names a folder, which `Path` would forget: IsADirectoryError saying so, so that
    no file is written in its place."""
    path = home_expanded(given)
    if os.path.basename(given) in ("", "."):
        raise IsADirectoryError(errno.EISDIR, "it ends with /: name a file", given)
    return path


def file_target(path: Path, *, force: bool = False, stream: bool = False) -> bool:
    """Whether the export is written into the file at `path` (with `stream`, a FIFO or a
    character device: `/dev/stdout`, a shell's `>(gzip)`) rather than replacing it.
    Raises what writing it would: OSError (ENAMETOOLONG; ENOENT, ENOTDIR or EACCES for
    its folder: none is made), IsADirectoryError, NotRegularFileError (a socket, a block device, a FIFO
    when not `stream`), FileExistsError (a file, without `force`)."""
    _fits(path)
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = stat.S_IFREG
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a directory", str(path))
    if stream and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return True
    if reason := not_regular(mode):
        raise NotRegularFileError(path, f"{reason}: not replaced")
    if path.exists() and not force:
        raise FileExistsError(path)
    _check_folder(path)
    _can_hold(path.parent)
    return False


def folder_target(directory: Path) -> None:
    """The folder a page per article is written into: ReaderError in one line when it
    is a file or cannot be made (a name too long, a file on its way, a read-only folder)."""
    try:
        _fits(directory)
        if directory.exists() and not directory.is_dir():
            raise ReaderError(f"{directory} is a file; export into a folder")
        _can_hold(directory)
    except OSError as exc:
        raise ReaderError(f"cannot make {directory}: {exc.strerror or exc}") from None


def _check_folder(path: Path) -> None:
    """The folder `path` is written into is there, else an OSError saying it is not (or
    naming the file that stands on its way)."""
    folder = path.parent
    if folder.is_dir():
        return
    found = folder
    while not (found.exists() or found.is_symlink()) and found.parent != found:
        found = found.parent
    if found != folder and found.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist", str(path))
    raise NotADirectoryError(errno.ENOTDIR, f"{found} is not a folder", str(path))


def _fits(path: Path) -> None:
    if too_long_part(path) is not None:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path))


def _can_hold(folder: Path) -> None:
    """OSError unless `folder` is a folder that can be written into, or can be made: the
    nearest of it and its parents that exists is a folder, and can be written into."""
    found = folder
    while not found.exists() and found.parent != found:
        found = found.parent
    if not found.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(found))
    if not os.access(found, os.W_OK | os.X_OK):
        code = errno.EROFS if _read_only_disk(found) else errno.EACCES
        raise PermissionError(code, os.strerror(code), str(found))


def _read_only_disk(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False
