"""How likely two articles tell the same story: words, names, quotations and dates combined.

score = 0.5 · TF-IDF cosine of content words + 0.5 · rarity-weighted overlap of names,
plus a bonus per shared quotation, scaled down when the dates are more than a few days
apart (an unknown date is neutral). Articles about the same people at another event share
the famous names but not the rare ones (a place, a spokeswoman), nor the words or the date.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from rapidfuzz import fuzz

from reader.related.features import Features, quote_key
from reader.related.minhash import similarity

V = TypeVar("V")

SAME_STORY = 0.35  # the score from which two articles count as the same story
NAMES_GATE = 0.2  # below this name overlap, only quotes or near-duplication can link
NEAR_DUPLICATE_SHINGLES = 0.6
CLOSE_DAYS = 3  # dates this close are the same news cycle
FAR_DAYS = 10  # beyond this, only a near-duplicate is the same story
FAR_FACTOR = 0.25
QUOTE_BONUS = 0.15


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency: 1 for a word everywhere, more the rarer it is."""
    return math.log((n + 1) / (df + 1)) + 1.0


class Check(NamedTuple):
    """A candidate pair's score but for its cosine (see `Scorer.check`)."""

    names: float
    quotes: int
    days: int | None
    near: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    """A pair's score and what it rests on."""

    score: float
    cosine: float
    names: float
    shared_entities: list[str]
    shared_quotes: list[str]
    days_apart: int | None


# Weights kept per scorer, each cache bounded (emptied when full). An article's name
# weights are small (its names) and every candidate pair needs them: many are kept, so
# that an article met again in a later chunk of pairs is not weighed again. Its term
# weights (tens of KB) are needed by the few pairs that pass the first check.
NAMES_CACHE = 10_000
PROFILE_CACHE = 3000
IDF_CACHE = 200_000


class Scorer:
    """Scores pairs against document frequencies: df(kind_and_key) -> count, n articles."""

    def __init__(self, df: Callable[[str], int], n: int) -> None:
        self._df = df
        self.n = max(n, 1)
        self._names_of: dict[str, tuple[dict[str, float], float]] = {}
        self._terms_of: dict[str, tuple[dict[str, float], float]] = {}
        self._name_idf: dict[str, float] = {}

    def term_weights(self, f: Features) -> dict[str, float]:
        return {t: (1 + math.log(c)) * idf(self._df("t:" + t), self.n) for t, c in f.terms.items()}

    def name_weights(self, f: Features) -> dict[str, float]:
        return {e: self._idf_of_name(e) for e in f.entities}

    def _idf_of_name(self, name: str) -> float:
        return _bounded(self._name_idf, name, IDF_CACHE, lambda: idf(self._df("e:" + name), self.n))

    def _name_profile(self, f: Features) -> tuple[dict[str, float], float]:
        """The article's weighted names and their sum, computed once per scorer."""

        def profile() -> tuple[dict[str, float], float]:
            names = self.name_weights(f)
            return names, sum(names.values())

        return _bounded(self._names_of, f.id, NAMES_CACHE, profile)

    def _terms(self, f: Features) -> tuple[dict[str, float], float]:
        def profile() -> tuple[dict[str, float], float]:
            terms = self.term_weights(f)
            return terms, math.sqrt(sum(w * w for w in terms.values()))

        return _bounded(self._terms_of, f.id, PROFILE_CACHE, profile)

    def cosine(self, a: Features, b: Features) -> float:
        (wa, na), (wb, nb) = self._terms(a), self._terms(b)
        if not na or not nb:
            return 0.0
        if len(wb) < len(wa):
            wa, wb = wb, wa
        dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
        return dot / (na * nb) if dot else 0.0

    def _names(self, a: Features, b: Features) -> tuple[float, list[str]]:
        """Rarity-weighted overlap of the two articles' names, and the shared names."""
        (na, total_a), (nb, total_b) = self._name_profile(a), self._name_profile(b)
        shared = [e for e in nb if e in na] if len(nb) < len(na) else [e for e in na if e in nb]
        total = math.sqrt(total_a * total_b)
        return (sum(na[e] for e in shared) / total if total else 0.0), shared

    def score(self, a: Features, b: Features) -> float:
        """The pair's score when it reaches SAME_STORY, else 0.0 (cheap checks first)."""
        check = self.check(a, b)
        return self.finish(a, b, check) if check else 0.0

    def check(self, a: Features, b: Features) -> Check | None:
        """What a pair's score rests on but its words, when the best cosine could make it
        the same story (else None). Needs the articles' names, quotations and MinHash
        only: most candidate pairs stop here, without their words being read."""
        names, _ = self._names(a, b)
        days = _days(a, b)
        near = similarity(a.minhash, b.minhash) >= NEAR_DUPLICATE_SHINGLES
        # The best that shared quotations could add first (the score only grows with
        # them): pairs far apart in time stop here, before their quotations are compared.
        if _combine(1.0, names, 2, days, near) < SAME_STORY:
            return None
        quotes = len(shared_quotes(a, b))
        if _combine(1.0, names, quotes, days, near) < SAME_STORY:
            return None
        return Check(names, quotes, days, near)

    def finish(self, a: Features, b: Features, check: Check) -> float:
        """The score of a pair that passed `check`, from the full features of both."""
        score = _combine(self.cosine(a, b), *check)
        return round(score, 4) if score >= SAME_STORY else 0.0

    def evidence(self, a: Features, b: Features) -> Evidence:
        """The pair's score with what it rests on."""
        cosine = self.cosine(a, b)
        names, shared = self._names(a, b)
        quotes = shared_quotes(a, b)
        near = similarity(a.minhash, b.minhash) >= NEAR_DUPLICATE_SHINGLES
        days = _days(a, b)
        weights = self._name_profile(a)[0]
        shared.sort(
            key=lambda e: (-round(weights[e], 6), " " not in e, -a.entities[e] - b.entities[e], e)
        )
        return Evidence(
            round(_combine(cosine, names, len(quotes), days, near), 4),
            round(cosine, 4),
            round(names, 4),
            display_names(shared, a.names, b.names),
            quotes,
            days,
        )


def _days(a: Features, b: Features) -> int | None:
    return abs(a.day - b.day) if a.day is not None and b.day is not None else None


def _combine(cosine: float, names: float, quotes: int, days: int | None, near: bool) -> float:
    """The score from its parts (see the module's docstring)."""
    score = 0.5 * cosine + 0.5 * names + QUOTE_BONUS * min(quotes, 2)
    if not quotes and not near and names < NAMES_GATE:
        score *= names / NAMES_GATE  # words alone, without shared names, are not a story
    if days is not None and days > CLOSE_DAYS and not near:
        if days > FAR_DAYS:
            score *= FAR_FACTOR
        else:
            score *= 1 - 0.5 * (days - CLOSE_DAYS) / (FAR_DAYS - CLOSE_DAYS)
    return min(score, 1.0)


def display_names(keys: list[str], *surfaces: Mapping[str, str]) -> list[str]:
    """Shared names as written, rarest first, leaving out a word that a longer shared name holds."""
    words = {w for k in keys if " " in k for w in k.split()}
    out = []
    for key in keys:
        if " " not in key and key in words:
            continue
        out.append(next((s[key] for s in surfaces if key in s), key))
    return out


def quotes_match(a: str, b: str) -> bool:
    """Whether two quotations are the same words: equal, one inside the other, or nearly so."""
    return keys_match(quote_key(a), quote_key(b))


def keys_match(ka: str, kb: str) -> bool:
    """`quotes_match` for quote keys."""
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if len(short.split()) >= 4 and f" {short} " in f" {long} ":
        return True
    return fuzz.ratio(ka, kb) >= 90


def shared_quotes(a: Features, b: Features) -> list[str]:
    """The quotations of a that b carries too (a's wording)."""
    if not a.quotes or not b.quotes or a.quote_window_set().isdisjoint(b.quote_window_set()):
        return []
    windows_a, windows_b = a.quote_windows(), b.quote_windows()
    keys_a, keys_b = a.quote_keys(), b.quote_keys()
    near: dict[int, set[int]] = {}
    for window in windows_a.keys() & windows_b.keys():
        for i in windows_a[window]:
            near.setdefault(i, set()).update(windows_b[window])
    return [
        a.quotes[i] for i in sorted(near) if any(keys_match(keys_a[i], keys_b[j]) for j in near[i])
    ]


def _bounded(cache: dict[str, V], key: str, limit: int, make: Callable[[], V]) -> V:
    """`cache[key]`, made by `make` when missing; a full cache is emptied first."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= limit:
            cache.clear()
        value = cache[key] = make()
    return value
