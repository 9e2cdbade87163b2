"""Linking articles of the same story: the candidate pairs scored a chunk at a time, with
their features and document frequencies read from the store as the pairs need them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.infra.sqlite import transaction
from reader.related.features import Features
from reader.related.pool import in_order
from reader.related.score import Scorer
from reader.related.store import RelatedStore, frequency_keys

Progress = Callable[[int, int], None]

RARE_CAP = 100  # a name held by more articles than this is too common to suggest pairs
FULL_RELINK_GROWTH = 0.25  # relink everything once the library grew or shrank this much
# Pairs are scored a chunk at a time. Their articles' light features (names, quotations,
# MinHash: a few KB each, where the full ones take about 33 KB) are kept in a bounded
# cache that a chunk (whose first articles run in order, the second ones anywhere) fits in.
_PAIR_CHUNK = 1000
_LIGHT_CACHE = 10_000
_FREQUENCY_CACHE = 200_000  # document frequencies kept (names', then words')
POOL_MIN_PAIRS = 20_000  # below this, starting processes costs more than it saves
# How much of an update's progress figure the features take; scoring the candidate pairs
# takes the rest (about so at 10k articles).
EXTRACT_SHARE = 0.6
PROGRESS_KEY = "progress"  # meta: the percent done of the update under way (100: none)


def relink(
    store: RelatedStore,
    changed: list[str],
    force_full: bool = False,
    report: Reporter | None = None,
    workers: int = 1,
) -> tuple[int, int, bool]:
    """Verify the candidate pairs of the changed articles (of all, when the library
    changed much since the last full pass, so scores follow the new frequencies); many
    pairs are scored by `workers` processes, each reading the store itself.
    Returns (pairs checked, pairs linked, whether the pass was full)."""
    with store.lock:
        n = store.count()
        last = int(store.meta("linked_n", "0"))
        full = force_full or last == 0 or abs(n - last) > FULL_RELINK_GROWTH * last
        total = store.collect_pairs(None if full else changed, RARE_CAP)
        with transaction(store.conn, "IMMEDIATE"):
            store.unlink(None if full else changed)

    def chunks() -> Iterator[list[tuple[str, str]]]:
        for after in range(0, total, _PAIR_CHUNK):
            with store.lock:
                chunk = store.pairs(after, _PAIR_CHUNK)
            yield chunk  # not holding the lock while the caller works

    apart = workers if total >= POOL_MIN_PAIRS else 1
    here = PairScorer(store, n)
    linked = done = 0
    for chunk, found in in_order(chunks(), apart, _score_apart, (str(store.path), n), here):
        with store.lock, transaction(store.conn, "IMMEDIATE"):
            store.link(found)
            done += len(chunk)
            if report:
                report(EXTRACT_SHARE + (1 - EXTRACT_SHARE) * done / total)
        linked += len(found)
    with store.lock, transaction(store.conn, "IMMEDIATE"):
        store.set_meta(PROGRESS_KEY, 100)
        if full:
            store.set_meta("linked_n", n)
        store.set_meta("relink", 0)
        store.set_meta("generation", int(store.meta("generation", "0")) + 1)
    return total, linked, full


class PairScorer:
    """Scores chunks of candidate pairs of one store, with n articles, as `store.link`
    takes them. Frequencies are read as the pairs need them, and most pairs stop at a
    first check on names, quotations and MinHash: their words are never read."""

    def __init__(self, store: RelatedStore, n: int) -> None:
        self._store = store
        self._df = Frequencies(store)
        self._scorer = Scorer(self._df.get, n)
        self._light: dict[str, Features] = {}

    def __call__(self, chunk: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
        store, light, df, scorer = self._store, self._light, self._df, self._scorer
        with store.lock:
            missing = {aid for pair in chunk for aid in pair if aid not in light}
            if len(light) + len(missing) > _LIGHT_CACHE:
                light.clear()
                missing = {aid for pair in chunk for aid in pair}
            light.update(store.light_features(missing))
            df.fetch_names(light[aid] for pair in chunk for aid in pair if aid in light)
        checked = []
        for a, b in chunk:
            if a in light and b in light:
                check = scorer.check(light[a], light[b])
                if check:
                    checked.append((a, b, check))
        found: list[tuple[str, str, float]] = []
        if checked:
            with store.lock:
                full_feats = store.features({x for a, b, _ in checked for x in (a, b)})
                df.fetch(key for f in full_feats.values() for key in frequency_keys(f))
            for a, b, check in checked:
                if a in full_feats and b in full_feats:
                    score = scorer.finish(full_feats[a], full_feats[b], check)
                    if score:
                        found.append((a, b, score))
        return found


# A worker's own read-only way into the store and its scorer, made on its first chunk
# (a pool lives for one pass over the pairs, while the store's frequencies stay put).
_WORKER_SCORER: dict[tuple[str, int], PairScorer] = {}


def _score_apart(path: str, n: int, chunk: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """In a worker: the links found among a chunk of candidate pairs."""
    scorer = _WORKER_SCORER.get((path, n))
    if scorer is None:
        _WORKER_SCORER.clear()
        scorer = _WORKER_SCORER[path, n] = PairScorer(RelatedStore.reader(Path(path)), n)
    return scorer(chunk)


class Frequencies:
    """Document frequencies read from the store as they are needed, and kept (the
    names' of a large library fit; the words' are dropped now and then)."""

    def __init__(self, store: RelatedStore) -> None:
        self._store = store
        self._known: dict[str, int] = {}
        self._names_of: set[str] = set()  # the articles whose names' frequencies are known

    def get(self, key: str) -> int:
        return self._known.get(key, 1)

    def fetch_names(self, feats: Iterable[Features]) -> None:
        """Read the frequencies of these articles' names (once per article, unless
        the ones kept had to be dropped)."""
        every = list(feats)
        new = [f for f in every if f.id not in self._names_of]
        if self.fetch("e:" + e for f in new for e in f.entities):
            new = every
            self.fetch("e:" + e for f in new for e in f.entities)
        self._names_of.update(f.id for f in new)

    def fetch(self, keys: Iterable[str]) -> bool:
        """Read the frequencies of these keys; True if the ones kept were dropped first
        (every key asked for is known afterwards, either way)."""
        asked = set(keys)
        wanted = {key for key in asked if key not in self._known}
        if not wanted:
            return False
        dropped = len(self._known) + len(wanted) > _FREQUENCY_CACHE
        if dropped:
            self._known.clear()
            self._names_of.clear()
            wanted = asked  # the ones known before went with the rest
        with self._store.lock:
            found = self._store.frequencies(wanted)
        self._known.update(dict.fromkeys(wanted, 1))
        self._known.update(found)
        return dropped


class Reporter:
    """Records an update's progress (a share of 1) as a percent in the store's meta, in the
    caller's transaction, and tells `progress` when the percent moves."""

    def __init__(self, store: RelatedStore, progress: Progress | None) -> None:
        self._store = store
        self._progress = progress
        self._last = -1

    def __call__(self, share: float) -> None:
        percent = min(99, int(share * 100))
        if percent == self._last:
            return
        self._last = percent
        self._store.set_meta(PROGRESS_KEY, percent)
        if self._progress:
            self._progress(percent, 100)
