"""Find text in an article ignoring case and accents, reporting offsets in the original."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.text.safe import BIDI_MARKS

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SPACES = re.compile(r"\s+")
# Invisible in a word, so passed over when matching: zero-width space, non-joiner and
# joiner, word joiner, BOM (zero-width no-break space), soft hyphen, the bidi marks (LRM,
# RLM, ALM). Shown text keeps them (a joiner holds an emoji sequence together).
IGNORED = "\u200b\u200c\u200d\u2060\ufeff\u00ad" + BIDI_MARKS
_IGNORED = re.compile(f"[{IGNORED}]")
_IGNORED_CHARS = frozenset(IGNORED)
# Accents written as marks of their own, left where a letter has no composed form with
# them (n̈) or they are stacked (Z͓͔͑͒algo): passed over in a word as its accents are, so
# that it stays one word, found with or without them. Other scripts' vowel signs are not
# among them.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK = re.compile(f"[{MARKS}]")
_PASSED_OVER = re.compile(f"[{IGNORED}{MARKS}]")
# Apostrophes and double quotes typeset (’ “ ” « », ‘ ‚ ‛ „ ‟) or written as primes or a
# letter (′ ‵ ″ ‶ ʼ): read as the straight ones a keyboard types, in search, find, the
# Notes filter and the anchoring of notes, so that `don't` finds `don’t` and the
# reverse. One character for one: offsets are kept.
APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc"
QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb"
STRAIGHT = dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(QUOTES, '"')
_AS_TYPED = str.maketrans(STRAIGHT)
_SEARCHED_OTHERWISE = re.compile(f"[{IGNORED}{MARKS}{APOSTROPHES}{QUOTES}]")


def without_ignored(text: str) -> str:
    """`text` as it reads: without the invisible characters matching passes over."""
    return _IGNORED.sub("", text) if _IGNORED.search(text) else text


def as_searched(text: str) -> str:
    """`text` as search reads its words: without invisible characters nor accent marks,
    its apostrophes and double quotes straight (see `APOSTROPHES`)."""
    if text.isascii() or _SEARCHED_OTHERWISE.search(text) is None:
        return text
    return straight_quotes(without_passed_over(text))


def without_passed_over(text: str) -> str:
    """`text` without the characters search passes over in a word (`passed_over`); its
    quotes as written."""
    return _PASSED_OVER.sub("", text)


def straight_quotes(text: str) -> str:
    """`text` with its apostrophes and double quotes straight, one for one (see
    `APOSTROPHES`)."""
    return text.translate(_AS_TYPED)


def passed_over(char: str) -> bool:
    """Whether search and find pass over this character in a word (see `as_searched`)."""
    return _PASSED_OVER.match(char) is not None


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    if ch in _IGNORED_CHARS or _MARK.match(ch):
        return ""
    if ch in STRAIGHT:
        return STRAIGHT[ch]
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (stripped or ch).casefold().replace("\u00a0", " ")


class FoldedText:
    """A lower-cased, accent-free copy of a text and a map back to its offsets."""

    __slots__ = ("_index", "folded", "length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        if text.isascii():
            self.folded = text.lower()
            self._index: list[int] | None = None
            return
        out: list[str] = []
        index: list[int] = []
        pos = 0
        for match in _NON_ASCII.finditer(text):
            start, end = match.span()
            out.append(text[pos:start].lower())
            index.extend(range(pos, start))
            for i in range(start, end):
                folded = fold_char(text[i])
                out.append(folded)
                index.extend([i] * len(folded))
            pos = end
        out.append(text[pos:].lower())
        index.extend(range(pos, len(text)))
        self.folded = "".join(out)
        self._index = index

    def _start(self, i: int) -> int:
        return i if self._index is None else self._index[i]

    def _end(self, i: int) -> int:
        return i if self._index is None else self._index[i - 1] + 1

    def find_all(self, needle: str, limit: int = 10_000) -> list[tuple[int, int]]:
        """Every non-overlapping match of `needle` as (start, end) in the original."""
        target = fold_query(needle)
        if not target:
            return []
        spans: list[tuple[int, int]] = []
        at = self.folded.find(target)
        while at != -1 and len(spans) < limit:
            spans.append((self._start(at), self._end(at + len(target))))
            at = self.folded.find(target, at + len(target))
        return spans


def fold_query(needle: str) -> str:
    """The folded form of what the user typed (spaces collapsed, case and accents gone)."""
    text = _SPACES.sub(" ", needle.strip())
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) if not c.isascii() else c.lower() for c in text)


def find_terms(folded: FoldedText, terms: list[str]) -> list[tuple[int, int]]:
    """Matches of any of `terms`, sorted, overlaps merged."""
    spans = sorted(span for term in terms for span in folded.find_all(term))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
