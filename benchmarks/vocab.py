"""A fixed vocabulary with Zipf-like frequencies: real common words, then made-up rare ones.

The vocabulary does not depend on the seed, so queries can name words by rank.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from functools import cache

ZIPF_EXPONENT = 1.07
VOCAB_SIZE = 60_000

# Roughly in order of frequency in news English: function words first.
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "it",
    "on",
    "was",
    "with",
    "he",
    "as",
    "be",
    "by",
    "at",
    "said",
    "his",
    "from",
    "are",
    "have",
    "an",
    "not",
    "has",
    "but",
    "they",
    "this",
    "were",
    "had",
    "which",
    "been",
    "their",
    "will",
    "who",
    "its",
    "more",
    "also",
    "after",
    "one",
    "we",
    "about",
    "year",
    "new",
    "would",
    "there",
    "two",
    "up",
    "or",
    "when",
    "she",
    "her",
    "people",
    "first",
    "than",
    "over",
    "could",
    "time",
    "government",
    "last",
    "out",
    "all",
    "other",
    "into",
    "than",
    "years",
    "only",
    "some",
    "can",
    "while",
    "against",
    "country",
    "state",
    "minister",
    "police",
    "officials",
    "told",
    "president",
    "percent",
    "says",
    "former",
    "world",
    "since",
    "three",
    "week",
    "public",
    "national",
    "week",
    "between",
    "city",
    "before",
    "during",
    "because",
    "under",
    "most",
    "where",
    "many",
    "four",
    "security",
    "million",
    "month",
    "court",
    "support",
    "report",
    "company",
    "health",
    "water",
    "military",
    "power",
    "group",
    "party",
    "political",
    "members",
    "local",
    "including",
    "next",
    "told",
    "war",
    "economic",
    "forces",
    "deal",
    "plan",
    "market",
    "election",
    "leaders",
    "region",
    "system",
    "service",
    "workers",
    "months",
    "children",
    "women",
    "school",
    "news",
    "next",
    "days",
    "according",
    "both",
    "through",
    "well",
    "early",
    "further",
    "area",
    "billion",
    "today",
    "meeting",
    "team",
    "law",
    "international",
    "growth",
    "energy",
    "project",
    "second",
    "policy",
    "capital",
    "oil",
    "trade",
    "already",
    "around",
    "another",
    "rights",
    "crisis",
    "office",
    "months",
    "reported",
    "campaign",
    "global",
    "data",
    "information",
    "program",
    "community",
    "family",
    "workers",
    "foreign",
    "chief",
    "major",
    "prices",
    "development",
    "conference",
    "president",
    "parliament",
    "agency",
    "attack",
    "investigation",
    "bank",
    "council",
    "decision",
    "agreement",
    "officials",
    "industry",
    "weekend",
    "minister",
    "university",
    "study",
    "research",
    "hospital",
    "emergency",
    "election",
    "border",
    "climate",
    "budget",
    "control",
    "federal",
    "sources",
    "statement",
    "spokesman",
    "violence",
    "evidence",
]

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "br",
    "dr",
    "gr",
    "st",
    "tr",
    "ch",
    "sh",
    "th",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "ai", "ea", "ou"]
_CODAS = ["", "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st"]


def _pseudo_words(count: int, taken: set[str]) -> list[str]:
    """Pronounceable made-up words, 2–4 syllables, from a fixed generator."""
    rng = random.Random(20240601)
    out: list[str] = []
    while len(out) < count:
        syllables = rng.choice((1, 2, 2, 2, 3, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if word not in taken and len(word) >= 4:
            taken.add(word)
            out.append(word)
    return out


@cache
def vocabulary() -> tuple[list[str], list[float]]:
    """(words by rank, cumulative Zipf weights)."""
    words = list(dict.fromkeys(COMMON))
    words += _pseudo_words(VOCAB_SIZE - len(words), set(words))
    cum = list(
        itertools.accumulate(1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(words) + 1))
    )
    return words, cum


def sample(rng: random.Random, k: int) -> list[str]:
    """k words drawn by Zipf frequency."""
    words, cum = vocabulary()
    return rng.choices(words, cum_weights=cum, k=k)


def word_at(rank: int) -> str:
    """The word of a given 1-based frequency rank."""
    return vocabulary()[0][rank - 1]


def rank_of(word: str) -> int:
    words = vocabulary()[0]
    return words.index(word) + 1


def draw_rank(rng: random.Random) -> int:
    """A 1-based rank drawn by Zipf frequency."""
    cum = vocabulary()[1]
    return bisect(cum, rng.random() * cum[-1]) + 1
