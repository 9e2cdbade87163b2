"""Notes that follow an article renamed or moved within its library.

After an index update, the notes file of an article that has left the library goes
over to the article now holding the same text (the `sha256` its header keeps), when:

- the old article is gone: not indexed, no file at its place in the library, and none
  at the path the header names (which may be in another library sharing the notes);
- exactly one indexed article has that text and no notes file of its own, and no other
  article gone from the library had that text.

The file is written under the new id (the header's id, path and title with it) and the
old one kept beside as its ``.bak``. When two articles could be the one, nothing moves
and the outcome says so. Notes of files outside the library never move.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import NotesFileError
from reader.model import outside_path
from reader.notes.location import notes_ids
from reader.notes.schema import ArticleRef, NotesFile

if TYPE_CHECKING:
    from reader.notes.store import NotesStore
    from reader.search.index import LibraryIndex


@dataclass(frozen=True, slots=True)
class Followed:
    """The notes of `old`, gone from the library: moved to `to`, or left with a reason."""

    old: str
    to: str | None
    reason: str = ""

    def __str__(self) -> str:
        if self.to is not None:
            return f"notes followed {self.old} → {self.to}"
        return f"notes of {self.old} not moved: {self.reason}"


def follow_renamed(store: NotesStore, index: LibraryIndex) -> list[Followed]:
    """Move the notes of articles renamed or moved since they were annotated (see the
    module's docstring); what moved, and what could not, in the order of the old ids."""
    gone = _gone(store, index)
    if not gone:
        return []
    twins: defaultdict[str, list[str]] = defaultdict(list)
    for old, notes in gone.items():
        twins[notes.article.sha256].append(old)
    holders: defaultdict[str, list[ArticleRef]] = defaultdict(list)
    for row in index.with_sha256(twins):
        if not store.path_for(row.id).exists():
            holders[row.sha256].append(ArticleRef(row.id, row.path, row.sha256, row.title))
    outcomes = []
    for old, notes in gone.items():
        sha = notes.article.sha256
        candidates = sorted(holders[sha], key=lambda ref: ref.id)
        if not candidates:
            continue  # deleted, or changed as well as moved: its notes stay orphaned
        if len(candidates) > 1:
            names = " and ".join(ref.id for ref in candidates)
            outcomes.append(Followed(old, None, f"its text is in {names}"))
        elif len(twins[sha]) > 1:
            others = " and ".join(o for o in twins[sha] if o != old)
            outcomes.append(Followed(old, None, f"{others} had the same text"))
        else:
            outcomes.append(_move(store, old, candidates[0]))
    return [outcome for outcome in outcomes if outcome is not None]


def _gone(store: NotesStore, index: LibraryIndex) -> dict[str, NotesFile]:
    """Readable notes files, with live notes and a text digest, of articles gone."""
    ids = [aid for aid in notes_ids(store.where) if outside_path(aid) is None]
    known = index.known(ids)
    gone: dict[str, NotesFile] = {}
    for aid in ids:
        if aid in known or os.path.lexists(index.root / aid):
            continue
        try:
            notes = store.load(aid)
        except NotesFileError:
            continue  # listed as a problem wherever notes are listed
        elsewhere = notes.article.path
        if notes.live and notes.article.sha256 and not (elsewhere and os.path.lexists(elsewhere)):
            gone[aid] = notes
    return gone


def _move(store: NotesStore, old: str, to: ArticleRef) -> Followed | None:
    try:
        store.move(old, to)
    except (FileExistsError, FileNotFoundError):
        return None  # another writer was first
    except NotesFileError as error:
        return Followed(old, None, str(error))
    except OSError as error:
        return Followed(old, None, f"cannot write {store.path_for(to.id)}: {error.strerror}")
    return Followed(old, to.id)
