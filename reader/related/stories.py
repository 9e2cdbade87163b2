"""Related coverage: which articles tell the same story, kept up to date with the search index.

with open_related(root) as stories:
    stories.update(index)            # only new and changed articles are recomputed
    stories.related(article_id)      # the other articles of its story, best first
    stories.story_groups()           # article id -> story id
    stories.group_sources()          # story id -> how many distinct sources tell it
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from reader.errors import ReaderError
from reader.infra.processes import run_apart
from reader.infra.sqlite import transaction
from reader.ingest.scan import check_root
from reader.related.extracting import CHUNK, chunked, extracted
from reader.related.extracting import POOL_MIN_ARTICLES as POOL_MIN_ARTICLES
from reader.related.features import Features, feature_date
from reader.related.linking import EXTRACT_SHARE, PROGRESS_KEY, Progress, Reporter, relink
from reader.related.score import Evidence, Scorer
from reader.related.store import RelatedStore, RelatedStoreError, frequency_keys, store_path
from reader.search.index import LibraryIndex, index_path
from reader.search.records import ArticleRow
from reader.text.natural import natural_key

T = TypeVar("T")

_MAX_RELATED = 200


@dataclass(frozen=True, slots=True)
class Related:
    """Another article of the same story, and what the two share."""

    id: str
    title: str
    source: str
    date: str | None
    score: float
    shared_entities: tuple[str, ...]
    shared_quotes: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "score": self.score,
            "shared_entities": list(self.shared_entities),
            "shared_quotes": list(self.shared_quotes),
        }


@dataclass(frozen=True, slots=True)
class RelatedStats:
    """What an update did: articles (re)computed or dropped, pairs checked and linked."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    checked: int = 0
    linked: int = 0
    full: bool = False


def open_related(root: Path) -> RelatedIndex:
    """The related-coverage store of the library at root, next to its search index."""
    return RelatedIndex(check_root(Path(root)))


def _reading(method: Callable[..., T]) -> Callable[..., T]:
    """Database errors while reading become one-line RelatedStoreErrors. A damaged store
    is thrown away on the spot, so that the next update rebuilds it, in this process or
    in the one that finds stories apart."""

    @functools.wraps(method)
    def wrapper(self: RelatedIndex, *args: object, **kwargs: object) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            if type(exc) is not sqlite3.DatabaseError:  # locked, read-only…: not damage
                raise RelatedStoreError(f"cannot read related coverage: {exc}") from None
            try:
                self.store.reset()
            except (OSError, sqlite3.Error) as error:
                raise RelatedStoreError(
                    f"related coverage is damaged ({exc}), and cannot be replaced: {error}"
                ) from None
            self._linked = None
            raise RelatedStoreError(
                f"cannot read related coverage ({exc}): the next update rebuilds it"
            ) from None

    return wrapper


class RelatedIndex:
    """Story groups over one library; `update(index)` after the search index's own update."""

    def __init__(self, root: Path, db_path: Path | None = None) -> None:
        self.root = Path(root).expanduser().resolve()
        # Why the store is in a temporary folder, for this run only (None: it is not).
        self.temporary: str | None = None
        path = db_path or store_path(index_path(self.root))
        try:
            self.store = RelatedStore(path)
        except RelatedStoreError as error:
            if db_path is not None or path.exists():
                raise
            self.store = self._open_for_this_run(path, error)
        self._update_lock = threading.Lock()
        self._linked: tuple[str, dict[str, str]] | None = None

    def _open_for_this_run(self, path: Path, error: RelatedStoreError) -> RelatedStore:
        """A store in a temporary folder, removed when this one is collected: the cache
        cannot hold one (a read-only cache, a file where its folder goes), as the search
        index does (`LibraryIndex.temporary`)."""
        try:
            folder = Path(tempfile.mkdtemp(prefix="reader-related-"))
        except OSError:
            raise error from None
        weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        self.temporary = f"{error}; built for this run in {folder}"
        return RelatedStore(folder / path.name)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> RelatedIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- updating ---------------------------------------------------------------

    def update(
        self, index: LibraryIndex, progress: Progress | None = None, workers: int = 2
    ) -> RelatedStats:
        """Bring the store in line with the index: features of new and changed articles,
        then their links. progress(percent, 100) is called per chunk of articles and of
        candidate pairs (the percent is also kept in the store, for `update_apart`).

        Many changed articles are read by `workers` processes (so, as with the search
        index, a script calling this needs an `if __name__ == "__main__"` guard). A damaged
        store is thrown away and rebuilt. Safe from any thread; calls run one at a time."""
        with self._update_lock:
            try:
                return self._update(index, progress, workers)
            except sqlite3.DatabaseError as exc:
                if type(exc) is not sqlite3.DatabaseError:  # locked, full disk…: not damage
                    raise RelatedStoreError(f"cannot update related coverage: {exc}") from None
            with self.store.lock:
                self.store.reset()
            try:
                return self._update(index, progress, workers)
            except sqlite3.Error as exc:
                raise RelatedStoreError(f"cannot rebuild related coverage: {exc}") from None

    def _update(self, index: LibraryIndex, progress: Progress | None, workers: int) -> RelatedStats:
        store = self.store
        current = {row.id: row.sha256 for row in index.articles()}
        with store.lock:
            stored = store.signatures()
            pending = store.meta("relink") == "1"  # an earlier update stopped half-way
        removed = [aid for aid in stored if aid not in current]
        changed = sorted(aid for aid, sha in current.items() if stored.get(aid) != sha)
        if not removed and not changed and not pending:
            return RelatedStats(unchanged=len(current))
        replaced = [aid for aid in changed if aid in stored]
        copies = _same_content(changed, current, stored, set(replaced))
        rows = {row.id: row for row in index.articles() if row.id in copies} if copies else {}
        sources = set(copies.values())
        with store.lock, transaction(store.conn, "IMMEDIATE"):
            store.write_staged()  # left aside by an update that stopped half-way
            store.set_meta("relink", 1)
            store.set_meta(PROGRESS_KEY, 0)
        self._remove([aid for aid in [*removed, *replaced] if aid not in sources])
        report = Reporter(store, progress)
        done = 0
        computed = [aid for aid in changed if aid not in copies]
        with contextlib.closing(extracted(index, computed, workers)) as chunks:
            for count, fresh in chunks:  # closed on an error too: its workers end then
                done += count
                with store.lock, transaction(store.conn, "IMMEDIATE"):
                    store.add_batch(fresh)
                    report(EXTRACT_SHARE * done / len(changed))
        for chunk in chunked(sorted(copies), CHUNK):
            with store.lock, transaction(store.conn, "IMMEDIATE"):
                found = store.features({copies[aid] for aid in chunk})
                # One gone from the index meanwhile is not stored: the next update sees it.
                moved = [aid for aid in chunk if aid in rows and copies[aid] in found]
                store.add(_moved(found[copies[aid]], rows[aid]) for aid in moved)
                done += len(chunk)
                report(EXTRACT_SHARE * done / len(changed))
        with store.lock, transaction(store.conn, "IMMEDIATE"):
            store.write_staged()
        self._remove([aid for aid in removed if aid in sources])
        checked, linked, full = self._relink(
            changed, force_full=pending, report=report, workers=workers
        )
        if progress:
            progress(100, 100)
        return RelatedStats(
            added=len(changed) - len(replaced),
            updated=len(replaced),
            removed=len(removed),
            unchanged=len(current) - len(changed),
            checked=checked,
            linked=linked,
            full=full,
        )

    def _remove(self, ids: list[str]) -> None:
        """Take these articles out of the store, a chunk at a time (their features are
        read to lower the document frequencies: all at once, they would not fit)."""
        store = self.store
        for chunk in chunked(ids, CHUNK):
            with store.lock, transaction(store.conn, "IMMEDIATE"):
                store.remove(store.features(chunk).values())

    def _relink(
        self,
        changed: list[str],
        force_full: bool = False,
        report: Reporter | None = None,
        workers: int = 1,
    ) -> tuple[int, int, bool]:
        """Verify the candidate pairs of the changed articles (see `linking.relink`)."""
        return relink(self.store, changed, force_full, report, workers)

    def _scorer(self, feats: Iterable[Features], n: int | None = None) -> Scorer:
        keys = {key for f in feats for key in frequency_keys(f)}
        df = self.store.frequencies(keys)
        return Scorer(lambda key: df.get(key, 1), n if n is not None else self.store.count())

    # -- reading ----------------------------------------------------------------------

    @_reading
    def story_groups(self) -> dict[str, str]:
        """Every stored article id -> its story id (the smallest id of the story's articles)."""
        linked = self._linked_groups()
        with self.store.lock:
            stored = self.store.signatures()
        return {aid: linked.get(aid, aid) for aid in stored}

    def _linked_groups(self) -> dict[str, str]:
        """story_groups() for the articles told with others only, from the links alone.

        What the app needs (who has a story, and with whom) without a row per stored
        article: at 100k articles, those rows cost 170 MB for a handful of stories.
        """
        with self.store.lock:
            generation = self.store.meta("generation", "0") + ":" + str(self.store.count())
            if self._linked and self._linked[0] == generation:
                return self._linked[1]
            links = self.store.links()
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b, _ in links:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups = {aid: find(aid) for aid in parent}
        self._linked = (generation, groups)
        return groups

    @_reading
    def group_sources(self) -> dict[str, int]:
        """Story id -> the number of distinct sources among its articles."""
        groups = self.story_groups()
        with self.store.lock:
            meta = self.store.sources()
        seen: dict[str, set[str]] = {}
        for aid, gid in groups.items():
            if aid in meta:
                seen.setdefault(gid, set()).add(meta[aid][1])
        return {gid: len(sources) for gid, sources in seen.items()}

    @_reading
    def sources_of(self) -> dict[str, int]:
        """Article id -> distinct sources telling its story, for articles told by several."""
        groups = self._linked_groups()
        with self.store.lock:
            source = self.store.sources_of(groups)
        seen: dict[str, set[str]] = {}
        for aid, gid in groups.items():
            if aid in source:
                seen.setdefault(gid, set()).add(source[aid])
        counts = {gid: len(sources) for gid, sources in seen.items()}
        return {aid: counts[gid] for aid, gid in groups.items() if counts.get(gid, 0) > 1}

    @_reading
    def related(self, article_id: str) -> list[Related]:
        """The other articles of the article's story, best score first ([] when alone or unknown)."""
        groups = self._linked_groups()
        gid = groups.get(article_id)
        if gid is None:
            return []
        members = [aid for aid, g in groups.items() if g == gid and aid != article_id]
        if not members:
            return []
        with self.store.lock:
            direct = self.store.links_of(article_id)
            # Tellings of one score in the library's order of names (story-2, story-10).
            members.sort(key=lambda m: (-direct.get(m, 0.0), natural_key(m)))
            feats = self.store.features([article_id, *members[:_MAX_RELATED]])
            scorer = self._scorer(feats.values())
        this = feats.get(article_id)
        if this is None:
            return []
        out = []
        for member in members[:_MAX_RELATED]:
            other = feats.get(member)
            if other is None:
                continue
            ev = scorer.evidence(this, other)
            out.append(_related(other, direct.get(member, ev.score), ev))
        out.sort(key=lambda r: (-r.score, natural_key(r.id)))
        return out

    @_reading
    def evidence(self, a_id: str, b_id: str) -> Evidence | None:
        """How two stored articles score against each other (None if either is unknown)."""
        with self.store.lock:
            feats = self.store.features([a_id, b_id])
            if len(feats) < 2:
                return None
            scorer = self._scorer(feats.values())
        return scorer.evidence(feats[a_id], feats[b_id])


def _same_content(
    changed: list[str], current: dict[str, str], stored: dict[str, str], replaced: set[str]
) -> dict[str, str]:
    """Changed article id -> a stored article with the same content (the same hash, and
    the same kind of file): a moved, renamed or copied file is not read again."""
    by_sha: dict[str, list[str]] = {}
    for aid, sha in stored.items():
        if aid not in replaced:
            by_sha.setdefault(sha, []).append(aid)
    # Paths are parsed only where a hash is met again, each once (parsing every stored
    # one took seconds at 100k articles).
    by_content: dict[tuple[str, str], str] = {}
    copies = {}
    for aid in changed:
        sha = current[aid]
        if sha not in by_sha:
            continue
        for other in by_sha[sha]:
            by_content.setdefault((sha, _kind(other)), other)
        by_sha[sha] = []
        source = by_content.get((sha, _kind(aid)))
        if source is not None:
            copies[aid] = source
    return copies


def _kind(article_id: str) -> str:
    """The kind of file an article comes from (its suffix)."""
    return PurePosixPath(article_id).suffix.lower()


def _moved(f: Features, row: ArticleRow) -> Features:
    """Stored features under another article's id, title, source and date."""
    return dataclasses.replace(
        f, id=row.id, title=row.title, source=row.source, date=feature_date(row.date), _cache={}
    )


def _related(f: Features, score: float, ev: Evidence) -> Related:
    return Related(
        f.id,
        f.title,
        f.source,
        f.date,
        round(score, 3),
        tuple(ev.shared_entities),
        tuple(ev.shared_quotes),
    )


def update_apart(
    related: RelatedIndex,
    index: LibraryIndex,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
) -> RelatedStats:
    """`related.update(index)` run in a separate process, falling back to this one.

    Finding stories across a large library scores hundreds of thousands of candidate
    pairs: done apart, that work holds neither the app's memory nor its interpreter lock,
    and it can be stopped: when `cancelled()` says yes, the process is ended and
    Cancelled raised (the store keeps what was written and finishes next time).
    progress(percent, 100) follows the percent the other process keeps in the store.
    """
    args = (str(related.root), str(index.path), str(related.store.path))
    watch = _progress_watch(related.store, cancelled, progress) if progress else cancelled
    try:
        outcome, value = run_apart(_update_child, args, watch)
    except ChildProcessError as exc:  # it died (out of memory, say): do not redo it here
        raise RelatedStoreError(f"finding stories stopped: {exc}") from None
    except OSError:  # no process could be started
        return related.update(index, progress=progress)
    related.store.reopen_if_replaced()  # the child may have rebuilt a damaged store
    if outcome == "error":
        raise RelatedStoreError(value)
    return value


def _progress_watch(
    store: RelatedStore, cancelled: Callable[[], bool], progress: Progress
) -> Callable[[], bool]:
    """`cancelled`, which also reads the percent done from the store (asked a few times a
    second while the other process works) and tells `progress` when it moves: from what
    the store holds now, which a grouping killed earlier may have left half-way."""
    last = [-1]
    with contextlib.suppress(sqlite3.Error, ValueError), store.lock:
        last[0] = int(store.meta(PROGRESS_KEY, "100"))

    def watch() -> bool:
        with contextlib.suppress(sqlite3.Error, ValueError), store.lock:
            percent = int(store.meta(PROGRESS_KEY, "100"))
            if percent != last[0] and percent < 100:
                last[0] = percent
                progress(percent, 100)
        return cancelled()

    return watch


def _update_child(root: str, index_db: str, store_db: str) -> tuple[str, object]:
    """In the child process: the update, with errors as one line (they cross a pipe)."""
    try:
        with (
            LibraryIndex(Path(root), db_path=Path(index_db)) as index,
            RelatedIndex(Path(root), db_path=Path(store_db)) as related,
        ):
            return "done", related.update(index)
    except ReaderError as error:
        return "error", str(error)
    except Exception as error:  # a bug: one line for the app, not a traceback on its screen
        return "error", f"finding stories failed ({type(error).__name__}: {error})"
