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

from rapidfuzz import fuzz

from reader.related.features import Features, quote_key
from reader.related.minhash import similarity

SAME_STORY = 0.35  # the score from which two articles count as the same story
NEAR_DUPLICATE_COSINE = 0.8
NEAR_DUPLICATE_SHINGLES = 0.6
CLOSE_DAYS = 3  # dates this close are the same news cycle
FAR_DAYS = 10  # beyond this, only a near-duplicate is the same story
FAR_FACTOR = 0.25
QUOTE_BONUS = 0.15


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency: 1 for a word everywhere, more the rarer it is."""
    return math.log((n + 1) / (df + 1)) + 1.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """A pair's score and what it rests on."""

    score: float
    cosine: float
    names: float
    shared_entities: list[str]
    shared_quotes: list[str]
    days_apart: int | None


class Scorer:
    """Scores pairs against document frequencies: df(kind_and_key) -> count, n articles."""

    def __init__(self, df: Callable[[str], int], n: int) -> None:
        self._df = df
        self.n = max(n, 1)

    def term_weights(self, f: Features) -> dict[str, float]:
        return {t: (1 + math.log(c)) * idf(self._df("t:" + t), self.n) for t, c in f.terms.items()}

    def name_weights(self, f: Features) -> dict[str, float]:
        return {e: idf(self._df("e:" + e), self.n) for e in f.entities}

    def cosine(self, a: Features, b: Features) -> float:
        if not a.terms or not b.terms:
            return 0.0
        wa, wb = self.term_weights(a), self.term_weights(b)
        if len(wb) < len(wa):
            wa, wb = wb, wa
        dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
        if not dot:
            return 0.0
        return dot / math.sqrt(sum(w * w for w in wa.values()) * sum(w * w for w in wb.values()))

    def evidence(self, a: Features, b: Features) -> Evidence:
        cosine = self.cosine(a, b)
        na, nb = self.name_weights(a), self.name_weights(b)
        shared = [e for e in na if e in nb]
        total = math.sqrt(sum(na.values()) * sum(nb.values()))
        names = sum(na[e] for e in shared) / total if total else 0.0
        quotes = shared_quotes(a.quotes, b.quotes)
        score = 0.5 * cosine + 0.5 * names + QUOTE_BONUS * min(len(quotes), 2)
        days = abs(a.day - b.day) if a.day is not None and b.day is not None else None
        near_duplicate = (
            cosine >= NEAR_DUPLICATE_COSINE
            or similarity(a.minhash, b.minhash) >= NEAR_DUPLICATE_SHINGLES
        )
        if days is not None and days > CLOSE_DAYS and not near_duplicate:
            if days > FAR_DAYS:
                score *= FAR_FACTOR
            else:
                score *= 1 - 0.5 * (days - CLOSE_DAYS) / (FAR_DAYS - CLOSE_DAYS)
        shared.sort(
            key=lambda e: (-round(na[e], 6), " " not in e, -a.entities[e] - b.entities[e], e)
        )
        return Evidence(
            round(min(score, 1.0), 4),
            round(cosine, 4),
            round(names, 4),
            display_names(shared, a.names, b.names),
            quotes,
            days,
        )


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
    ka, kb = quote_key(a), quote_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if len(short.split()) >= 4 and f" {short} " in f" {long} ":
        return True
    return fuzz.ratio(ka, kb) >= 90


def shared_quotes(a: list[str], b: list[str]) -> list[str]:
    """The quotations of a that b carries too (a's wording)."""
    return [q for q in a if any(quotes_match(q, other) for other in b)]
