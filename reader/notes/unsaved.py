"""Notes that could not be saved yet, kept aside in the notes directory until they can be.

A note that cannot reach its notes file (a full disk, a notes file broken by a merge
conflict, a lock held too long) and that can no longer wait on screen (its dialog was
closed, the app quit) is written to ``.unsaved/<article id>.<note id>.yml`` in the notes
directory, in the notes file format. `retry_unsaved` merges each such file into its notes
file as any save does (by note id, the newer change winning) and removes it once saved.
The ``.yml`` ending keeps these files out of the notes listed and searched.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import NotesSaveError, ReaderError
from reader.infra.filetypes import read_regular
from reader.notes.atomic import atomic_write
from reader.notes.location import SUFFIX, notes_path
from reader.notes.schema import NotesFile
from reader.notes.store import NotesStore
from reader.notes.yamlio import decode, dump_notes, parse_notes

UNSAVED_DIR = ".unsaved"
UNSAVED_SUFFIX = ".yml"


def unsaved_dir(notes_dir: str | os.PathLike[str]) -> Path:
    return Path(notes_dir) / UNSAVED_DIR


def keep_unsaved(notes_dir: str | os.PathLike[str], notes: NotesFile) -> Path:
    """Write `notes` (one article's unsaved notes) aside; returns the file.

    Raises OSError when even that cannot be written.
    """
    first = notes.annotations[0].id if notes.annotations else "notes"
    mirror = notes_path(unsaved_dir(notes_dir), notes.article.id)
    path = mirror.with_name(f"{mirror.name.removesuffix(SUFFIX)}.{first}{UNSAVED_SUFFIX}")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, dump_notes(notes).encode("utf-8"))
    return path


def kept_unsaved(notes_dir: str | os.PathLike[str]) -> list[Path]:
    """The files of notes kept aside, oldest name first (a FIFO or a device with such a
    name too, so that a retry names it)."""
    where = unsaved_dir(notes_dir)
    if not where.is_dir():
        return []
    return sorted(p for p in where.rglob("*" + UNSAVED_SUFFIX) if p.exists() and not p.is_dir())


@dataclass(slots=True)
class RetryResult:
    """What a retry saved, and a line for each file still kept aside."""

    saved: list[str] = field(default_factory=list)  # article ids
    problems: list[str] = field(default_factory=list)


def retry_unsaved(store: NotesStore) -> RetryResult:
    """Save every note kept aside into its notes file; those saved are removed."""
    result = RetryResult()
    for path in kept_unsaved(store.where):
        try:
            notes = parse_notes(decode(read_regular(path), str(path)), str(path))
        except ReaderError as error:
            result.problems.append(str(error))
            continue
        except OSError as error:
            result.problems.append(f"cannot read {path}: {error.strerror or error}")
            continue
        try:
            store.save(notes)
        except (ReaderError, ValueError) as error:
            result.problems.append(str(error))
            continue
        except OSError as error:
            result.problems.append(str(NotesSaveError(store.path_for(notes.article.id), error)))
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        _remove_empty_parents(path.parent, unsaved_dir(store.where))
        result.saved.append(notes.article.id)
    return result


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top.parent and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
