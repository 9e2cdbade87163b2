"""Where an article's notes file lives: the one rule mapping article ids to paths."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from reader.errors import NotesIdError
from reader.infra.names import NAME_MAX, fit_name, may_be_fitted
from reader.text.safe import shortened

SUFFIX = ".yaml"
_STEM_MAX = NAME_MAX - len(SUFFIX)  # bytes of a notes file's name before its suffix


def notes_path(notes_dir: str | os.PathLike[str], article_id: str) -> Path:
    """``<notes_dir>/<article id>.yaml``; ``AFP/story.txt`` -> ``AFP/story.txt.yaml``.
    An article whose file name is too long to take ``.yaml`` within the 255 bytes a name
    may have has its name cut short, with ``~`` and a digest of the whole (see
    `fit_name`): the same name wherever the notes are, and its article read back from
    the header of the file (see `article_id_for`).

    Raises NotesIdError (a ValueError) for ids that are not plain relative POSIX paths
    (absolute, empty, or with ``.``/``..``/empty components), which could escape
    `notes_dir`.
    """
    parts = article_id.split("/") if isinstance(article_id, str) else [""]
    if not article_id or "\0" in article_id or any(p in ("", ".", "..") for p in parts):
        raise NotesIdError(f"not a valid article id: {article_id!r}")
    return Path(notes_dir).joinpath(*parts[:-1], fit_name(parts[-1], _STEM_MAX) + SUFFIX)


def notes_dir_problem(notes_dir: str | os.PathLike[str]) -> str | None:
    """Why the notes folder cannot be read (a file in its place, no permission), in one
    line; None when it can, or when it is not there yet (the first save makes it)."""
    shown = shortened(str(notes_dir), 200)
    try:
        st = os.stat(notes_dir)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a file on the way to it, a name too long
        return f"notes folder cannot be read: {shown} ({exc.strerror})"
    if not stat.S_ISDIR(st.st_mode):
        return f"notes folder cannot be read: {shown} is not a folder"
    if not os.access(notes_dir, os.R_OK | os.X_OK):
        return f"notes folder cannot be read: {shown} (permission denied)"
    return None


def article_id_for(notes_dir: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """The article id whose notes live at `path` (the inverse of `notes_path`)."""
    relative = Path(path).relative_to(notes_dir).as_posix()
    if not relative.endswith(SUFFIX):
        raise ValueError(f"not a notes file: {path}")
    return _article_id(str(notes_dir), str(path), relative[: -len(SUFFIX)])


def notes_files(notes_dir: str | os.PathLike[str]) -> list[Path]:
    """Every notes file under `notes_dir`, sorted, each under `notes_dir` as the rule has it.

    Symlinked folders are followed, each folder once, so a symlink loop ends there. A
    symlink back into `notes_dir` is passed over: the notes it shows are listed in
    their own place, under the ids they belong to. A FIFO, socket or device named like
    a notes file is listed too, so that reading it (see `NotesStore`) names it.
    """
    return sorted(map(Path, _walk(str(notes_dir))))


def notes_ids(notes_dir: str | os.PathLike[str]) -> list[str]:
    """The article ids of `notes_files`, in no particular order, without a Path each."""
    root = str(notes_dir)
    prefix = len(os.path.join(root, ""))
    return [
        _article_id(root, path, path[prefix : -len(SUFFIX)].replace(os.sep, "/"))
        for path in _walk(root)
    ]


def _article_id(root: str, path: str, named: str) -> str:
    """The article id of the notes file at `path` in `root`, which its place names
    `named`: a name cut short names the article its header records, when that article's
    notes go there; any other name is the article's own."""
    if not may_be_fitted(named.rpartition("/")[2], _STEM_MAX):
        return named
    from reader.notes.header import recorded_article_id  # YAML: only for these few names

    recorded = recorded_article_id(path)
    if recorded is None:
        return named
    try:
        place = notes_path(root, recorded)
    except NotesIdError:
        return named
    # Copied by hand from another article's place: the store names the file as it is.
    return recorded if place == Path(root, named + SUFFIX) else named


def _walk(root: str) -> Iterator[str]:
    inside = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            st = os.stat(directory)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(directory) as listing:
                children = list(listing)
        except OSError:
            continue
        for child in children:
            try:
                if child.is_dir():
                    if not (child.is_symlink() and _within(os.path.realpath(child.path), inside)):
                        pending.append(child.path)
                elif child.name.endswith(SUFFIX) and os.path.exists(child.path):
                    yield child.path  # a FIFO or a device too: named when read, not read
            except OSError:
                continue


def _within(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)
