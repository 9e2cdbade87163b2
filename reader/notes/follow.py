"""Notes that follow an article renamed or moved within its library.

After an index update, the notes file of an article that has left the library goes
over to the article that took its place (see `reader.search.departures`: new to the
index in the update that found the old one gone, with its text and title), when:

- the old article is gone: not indexed, no file at its place in the library, and none
  at the path the header names (which may be in another library sharing the notes: one
  whose folder cannot be reached, missing or empty like a drive not mounted, may still
  have it, so its articles are never gone);
- exactly one article took its place, it has no notes file of its own, and no other
  article gone in that update could have become it.

Each article gone is looked at once, by the first follow after the update that found it
gone: notes that do not move then stay its own (orphaned, listed under the missing
article) and are never moved later, nor is the reason said again. Only a notes file that
cannot be read then (a merge conflict's marker, no permission) waits, never written: the
index keeps the departure (following the article on when it is renamed again meanwhile:
a → b, then b → c, gives a → c), each follow says why it waits and where to, and the
first that reads the file decides as above.

The file is written under the new id (the header's id, path and title with it) and the
old one kept beside as its ``.bak``. When two articles could be the one, nothing moves
and the outcome says so. Notes of files outside the library never move.

A move cut short (the new file written, the old one not yet set aside) is finished by
the next follow: the article holding the text already has a notes file holding notes of
the old one, which is merged into it (with any note it gained since) and set aside. One
left half made (either file unreadable then, or the old one holding a note that cannot
be read and that the new one lacks) keeps both files as they are, waits as above, and
is said so each time until it is finished.
`moved_to` tells where the notes of an article went, for a change made to them before
they moved (a delete to undo, a note saved from a dialog opened before); `home_of`
whether notes kept aside go there too. `holder_of` tells where one note is now, by its
id, wherever it went (attached from its unplaced file, or its article renamed).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import NotesChangingError, NotesFileError, ReaderError, SearchIndexError
from reader.infra.filetypes import read_regular
from reader.notes.atomic import backup_path
from reader.notes.location import article_id_for, notes_files
from reader.notes.schema import ArticleRef, NotesFile
from reader.notes.yamlio import decode, parse_notes

if TYPE_CHECKING:
    from reader.notes.store import NotesStore
    from reader.search.departures import Departure
    from reader.search.index import LibraryIndex


_KEPT_CHANGING = "another program kept changing their file as they moved; tried again next time"


@dataclass(frozen=True, slots=True)
class Followed:
    """The notes of `old`, gone from the library: moved to `to`, or left with a reason."""

    old: str
    to: str | None
    reason: str = ""
    towards: str = ""  # the article(s) they wait to follow, a file unreadable (`reason`)
    half: bool = False  # `towards` holds them already: the old file waits to be set aside
    blocked_by: str = ""  # the article whose notes file cannot be read, when not `old`

    def __str__(self) -> str:
        if self.to is not None:
            return f"notes followed {self.old} → {self.to}"
        if self.half:
            return (
                f"notes of {self.old} half moved to {self.towards} (both notes files kept; "
                f"the move is finished once this can be read): {self.reason}"
            )
        if self.towards:
            whose = f"{self.blocked_by}'s" if self.blocked_by else "its"
            return (
                f"notes of {self.old} could not follow it to {self.towards} "
                f"because {whose} notes file cannot be read: {self.reason}"
            )
        return f"notes of {self.old} not moved: {self.reason}"


def follow_renamed(store: NotesStore, index: LibraryIndex) -> list[Followed]:
    """Move the notes of articles renamed or moved since they were annotated (see the
    module's docstring); what moved, and what could not, in the order of the old ids.
    Each article gone is looked at once: the notes of one that stays gone stay its own."""
    try:
        departures = index.departed()
    except SearchIndexError:  # an index that cannot say (read-only, of an older reader)
        return []
    if not departures:
        return []
    gone = _gone(store, index, departures)
    # A name an article passed through while its notes waited is no rival for it (unless
    # it was annotated under that name).
    passed = {v for d in departures for v in d.via if not store.path_for(v).exists()}
    rivals = [d for d in departures if d.id not in passed]
    claims = Counter(new for d in rivals for new in d.arrivals)
    rows = {row.id: row for row in index.rows({new for d in gone for new in d.arrivals})}
    outcomes: list[Followed | None] = []
    waiting: set[str] = set()
    for departure, notes in gone.items():
        old, arrivals = departure.id, [rows[a] for a in departure.arrivals if a in rows]
        if isinstance(notes, NotesFileError):
            if arrivals:  # looked at again by the next follow (a deleted one's stay)
                waiting.add(old)
                if half := _half_moved_to(store, old, [r.id for r in arrivals]):
                    outcomes.append(Followed(old, None, str(notes), half, half=True))
                else:
                    towards = " and ".join(r.id for r in arrivals)
                    outcomes.append(Followed(old, None, str(notes), towards))
            continue
        candidates = [r for r in arrivals if not store.path_for(r.id).exists()]
        if not candidates:  # deleted (its notes stay, orphaned), or a move cut short
            annotated = [r.id for r in arrivals]
            try:
                outcome = _finish_move(store, old, notes, annotated)
            except NotesChangingError:
                waiting.add(old)
                outcome = Followed(old, None, _KEPT_CHANGING)
            if outcome is not None and outcome.towards:
                waiting.add(old)
            outcomes.append(outcome)
        elif len(candidates) > 1:
            names = " and ".join(r.id for r in candidates)
            outcomes.append(Followed(old, None, f"its text is in {names}"))
        elif claims[candidates[0].id] > 1:
            others = [d.id for d in rivals if d.id != old and candidates[0].id in d.arrivals]
            outcomes.append(Followed(old, None, f"{' and '.join(others)} had the same text"))
        else:
            to = candidates[0]
            try:
                outcome = _move(store, old, ArticleRef(to.id, to.path, to.sha256, to.title))
            except NotesChangingError:
                waiting.add(old)
                outcome = Followed(old, None, _KEPT_CHANGING)
            if outcome is not None and outcome.towards:
                waiting.add(old)
            outcomes.append(outcome)
    with contextlib.suppress(SearchIndexError):  # read-only: looked at again next time
        index.settle([d.id for d in departures if d.id not in waiting])
    return [outcome for outcome in outcomes if outcome is not None]


def _gone(
    store: NotesStore, index: LibraryIndex, departures: list[Departure]
) -> dict[Departure, NotesFile | NotesFileError]:
    """The departures with a notes file, with live notes, of an article gone: not
    indexed, and no file at its place in the library or where the header says; or with
    a notes file that cannot be read (why), of an article not indexed nor in its place."""
    known = index.known([d.id for d in departures])
    gone: dict[Departure, NotesFile | NotesFileError] = {}
    for departure in departures:
        aid = departure.id
        if aid in known or os.path.lexists(index.root / aid):
            continue
        if not store.path_for(aid).exists():
            continue  # an article without notes
        try:
            notes = store.load(aid)
        except NotesFileError as error:  # (listed as a problem wherever notes are listed)
            gone[departure] = error
            continue
        if notes.live and not _may_be_there(notes.article.path, index.root):
            gone[departure] = notes
    return gone


def _may_be_there(path: str, root: Path) -> bool:
    """Whether the file a notes header names may still be there: it is, or it is in
    another library whose folder cannot be reached now (a drive not mounted, a share
    offline: missing, or an empty mount point), where its being gone cannot be told."""
    if not path:
        return False
    if os.path.lexists(path):
        return True
    where = Path(path)
    if not where.is_absolute() or Path(os.path.realpath(where)).is_relative_to(root):
        return False  # this library's folders are there to look in
    try:
        with os.scandir(where.parent) as entries:
            return next(entries, None) is None
    except OSError:
        return True


def moved_to(store: NotesStore, article_id: str) -> str | None:
    """The article the notes of `article_id` went to when they followed it: the notes
    file holding every note of its ``.bak``, when it has no notes file of its own any
    more; None when they did not move."""
    moved = _moved(store, article_id)
    return None if moved is None else moved[0]


def home_of(store: NotesStore, kept: NotesFile) -> str | None:
    """The article whose notes file notes kept aside for `kept.article` are to be saved
    into: its own, unless its notes followed it elsewhere (`moved_to`); then that one only
    when they certainly belong there (a note of them was in the file that moved, or they
    were made on the text it holds, the same `sha256`); None when that is not certain."""
    article_id = kept.article.id
    moved = _moved(store, article_id)
    if moved is None:
        return article_id
    to, left = moved
    if any(a.id in left for a in kept.annotations):
        return to
    try:
        there = store.load(to).article.sha256
    except NotesFileError:
        return None
    return to if kept.article.sha256 and kept.article.sha256 == there else None


_PLAIN_ID = re.compile(r"[A-Za-z0-9._:+-]+")  # in YAML as it is (quoted at most, not escaped)


def holder_of(store: NotesStore, note_id: str) -> str | None:
    """The article whose notes file holds the note `note_id` (live or deleted) now; None
    when no file does, or more than one may (a copy by hand, or a file that cannot be
    read holding the id's text): which of them is meant cannot be told."""
    wanted = note_id.encode("utf-8")
    plain = _PLAIN_ID.fullmatch(note_id) is not None
    holders: list[str | None] = []
    for path in notes_files(store.where):
        try:
            raw = read_regular(path)
        except (OSError, ReaderError):
            continue
        if plain and wanted not in raw:  # (cheap: most files are passed over here)
            continue
        try:
            article_id = article_id_for(store.where, path)
            held = store.load(article_id).get(note_id) is not None
        except (NotesFileError, ValueError):
            held, article_id = wanted in raw, None  # perhaps: it cannot be read to tell
        if held:
            holders.append(article_id)
    return holders[0] if len(holders) == 1 else None


def _moved(store: NotesStore, article_id: str) -> tuple[str, set[str]] | None:
    """`moved_to`, with the ids of the notes that moved (those of the ``.bak``)."""
    path = store.path_for(article_id)
    try:
        if os.path.lexists(path):
            return None
        left = parse_notes(decode(read_regular(backup_path(path)), str(path)), str(path))
    except (OSError, ReaderError):
        return None
    ids = {a.id for a in left.annotations}
    if not ids:
        return None
    wanted = [i.encode("utf-8") for i in ids]
    for other in notes_files(store.where):
        try:
            raw = read_regular(other)
        except (OSError, ReaderError):
            continue
        if not all(i in raw for i in wanted):  # (cheap: most files are passed over here)
            continue
        other_id = article_id_for(store.where, other)
        try:
            held = {a.id for a in store.load(other_id).annotations}
        except NotesFileError:
            continue
        if other_id != article_id and ids <= held:
            return other_id, ids
    return None


def _half_moved_to(store: NotesStore, old: str, arrivals: list[str]) -> str | None:
    """The first of `arrivals` whose notes file holds a note the unreadable notes file of
    `old` names (a move left half made); None when none does."""
    try:
        raw = read_regular(store.path_for(old))
    except (OSError, ReaderError):
        return None
    for arrival in arrivals:
        if not store.path_for(arrival).exists():
            continue
        try:
            held = store.load(arrival).annotations
        except NotesFileError:
            continue
        if any(a.id.encode("utf-8") in raw for a in held):
            return arrival
    return None


def _finish_move(
    store: NotesStore, old: str, notes: NotesFile, annotated: list[str]
) -> Followed | None:
    """Finish a move cut short to the first of `annotated` whose notes file holds a note
    of `old`'s (ids are never made twice: it was written from the old file, which may
    have gained notes since); None when none does. One that cannot be read may: the
    notes wait for it (`Followed.towards`), as they do for a move left half made."""
    ids = {a.id for a in notes.annotations}
    for candidate in annotated:
        try:
            held = {a.id for a in store.load(candidate).annotations}
        except NotesFileError as error:
            return Followed(old, None, str(error), candidate, blocked_by=candidate)
        if not ids & held:
            continue
        try:
            store.finish_move(old, candidate)
        except FileNotFoundError:
            return None  # another writer was first
        except NotesFileError as error:
            return Followed(old, None, str(error), candidate, half=True)
        except OSError as error:
            reason = f"cannot set {store.path_for(old)} aside: {error.strerror}"
            return Followed(old, None, reason, candidate, half=True)
        return Followed(old, candidate)
    return None


def _move(store: NotesStore, old: str, to: ArticleRef) -> Followed | None:
    try:
        store.move(old, to)
    except (FileExistsError, FileNotFoundError):
        return None  # another writer was first
    except (NotesFileError, OSError) as error:
        # The new file may be written already (the old one changed as it was to be set
        # aside, and cannot be read now): the next follow finishes the move.
        half = store.path_for(to.id).exists() and store.path_for(old).exists()
        if isinstance(error, NotesFileError):
            return Followed(old, None, str(error), to.id, half)
        reason = f"cannot write {store.path_for(to.id)}: {error.strerror}"
        return Followed(old, None, reason, to.id if half else "", half)
    return Followed(old, to.id)
