"""Cheap measurements of a line's shape, shared by the header parser and the cleaner."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from reader.text.scripts import IDEOGRAPHS_AND_KANA

_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)
# Chinese and Japanese are written without spaces: each ideograph or kana counts as a
# word, as word processors count them (and reading time follows the count).
_CJK = IDEOGRAPHS_AND_KANA
_HAS_CJK = re.compile(f"[{_CJK}]")
_WORD_OR_CJK = re.compile(rf"[{_CJK}]|[^\W{_CJK}](?:[^\W{_CJK}]|['’-])*")
# A sentence ends with one of these, perhaps inside closing quotes and brackets.
_STOPS = ".!?…。！？"
_CLOSERS = "\"'”’)]」』）"
_QUOTE_CLOSERS = '"”’'


# Letters whose case forms re relates otherwise than str.lower() does (a superset of
# them: the Greek and Cyrillic blocks whole).
_ODD_FOLDS = re.compile(
    "[\u00b5\u0130\u0131\u017f\u0345\u0370-\u04ff\u1c80-\u1c88\u1e60\u1e61\u1e9b"
    "\u1f00-\u1fff\u212a\ua640-\ua69f\ufb00-\ufb06]"
)


def lowers_plainly(text: str) -> bool:
    """Does re's case-insensitive matching see `text` as `text.lower()` does? (It does
    unless the text holds a Turkish dotless i, a long s, Greek, Cyrillic, a Kelvin sign.)"""
    return text.isascii() or not _ODD_FOLDS.search(text)


class Caseless:
    """A pattern matched case-insensitively, run on the text in lower case: re's
    IGNORECASE tries every letter both ways and is several times slower on long lines.

    The pattern's letters must be lower case. Text that does not lower plainly is
    matched with IGNORECASE, so the answer is always IGNORECASE's.
    """

    __slots__ = ("_exact", "_fast")

    def __init__(self, pattern: str) -> None:
        self._exact = re.compile(pattern, re.IGNORECASE)
        self._fast = re.compile(pattern)

    @property
    def pattern(self) -> str:
        return self._fast.pattern

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        """`low`, when given, is `text.lower()` (a caller testing several patterns)."""
        if lowers_plainly(text):
            return self._fast.search(text.lower() if low is None else low)
        return self._exact.search(text)

    def match(self, text: str, low: str | None = None) -> re.Match[str] | None:
        if lowers_plainly(text):
            return self._fast.match(text.lower() if low is None else low)
        return self._exact.match(text)


_STOP_WORDS_TEXT = """
a an and are as at be been but by for from had has have he her his i in is it its of on or
our she so that the their them there they this to was we were which who will with would you
your not than then also after before about into over said says
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of text; in Chinese and Japanese, each ideograph or kana (cached: reader
    mode asks about the same lines many times)."""
    cjk = not text.isascii() and _HAS_CJK.search(text)
    return tuple((_WORD_OR_CJK if cjk else _WORD).findall(text))


@lru_cache(maxsize=4096)
def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence: . ! ? … possibly inside closing quotes."""
    line = text.rstrip()
    core = line.rstrip(_CLOSERS)
    if core and core[-1] in _STOPS:
        return True
    # A comma or stop inside a closing quote: `him,"` and `"Go".`
    pair = line[-2:]
    return len(pair) == 2 and (
        (pair[0] in ".!?…," and pair[1] in _QUOTE_CLOSERS)
        or (pair[0] in _QUOTE_CLOSERS and pair[1] in ".!?")
    )


def stopword_ratio(tokens: Sequence[str]) -> float:
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t.lower() in STOP_WORDS) / len(tokens)


@lru_cache(maxsize=4096)
def is_prose(text: str) -> bool:
    """A sentence or more of running text."""
    tokens = words(text)
    if len(tokens) >= 25:
        return True
    return ends_sentence(text) and len(tokens) >= 6


@lru_cache(maxsize=4096)
def is_title_like(text: str) -> bool:
    """A short line with no sentence ending: a headline, a heading, a label or a link."""
    stripped = text.strip()
    tokens = words(stripped)
    if not tokens or len(stripped) > 140 or len(tokens) > 16:
        return False
    if ends_sentence(stripped):
        return False
    # A long line dense with function words is a sentence that lost its full stop.
    return not (len(tokens) >= 10 and stopword_ratio(tokens) > 0.4)


# Reading regular expressions' alternatives, so that a long alternation can be split by
# the letter its matches start with: re tries every branch in turn at each place.
_QUANTIFIERS = ("?", "*", "+", "{")


def _scan(pattern: str, start: int, stop_at_close: bool) -> tuple[list[int], int]:
    """The places of the top-level "|" in `pattern` from `start`, and where the scan
    ended: the group's closing ")" when `stop_at_close`, else the pattern's end."""
    bars: list[int] = []
    depth, in_class, k = 0, False, start
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0 and stop_at_close:
                return bars, k
            depth -= 1
        elif c == "|" and depth == 0:
            bars.append(k)
        k += 1
    return bars, k


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression ("a|(b|c)" → "a", "(b|c)")."""
    bars, _ = _scan(pattern, 0, stop_at_close=False)
    ends = [-1, *bars, len(pattern)]
    return [pattern[a + 1 : b] for a, b in pairwise(ends)]


def first_letters(alternative: str) -> str | None:
    """The letters and digits one of which every match of `alternative` starts with, or
    None when a glance cannot tell (an escape, a class, an optional start)."""
    if not alternative:
        return None
    head = alternative[0]
    if head.isalnum():
        return None if alternative[1:2] in _QUANTIFIERS else head
    if head != "(":
        return None
    _, close = _scan(alternative, 1, stop_at_close=True)
    inner = alternative[1:close]
    if inner.startswith("?:"):
        inner = inner[2:]
    elif inner.startswith("?"):
        return None
    firsts = [first_letters(a) for a in alternatives(inner)]
    quantifier = alternative[close + 1 : close + 2]
    if quantifier == "?" and alternative[close + 2 : close + 3] not in _QUANTIFIERS:
        firsts.append(first_letters(alternative[close + 2 :]))  # an optional opening group
    elif quantifier in _QUANTIFIERS:
        return None
    if any(f is None for f in firsts):
        return None
    return "".join(f for f in firsts if f)


def opening_letters(pattern: str) -> frozenset[str] | None:
    """The letters and digits (in lower case) a match of `pattern`, anchored at the
    start ("^(a|b)c" or "^a|^b"), opens with, or None when a glance cannot tell."""
    firsts = []
    for alternative in alternatives(pattern):
        if not alternative.startswith("^"):
            return None
        firsts.append(first_letters(alternative[1:]))
    if any(f is None for f in firsts):
        return None
    return frozenset("".join(f for f in firsts if f).lower())


def may_open(text: str, letters: frozenset[str] | None) -> bool:
    """Can `text` open with one of `letters` (from `opening_letters`), as a pattern
    matched case-insensitively sees it? A cheap test before the pattern itself: only
    the first character counts, and an odd one ("ſ", "ı") may open with anything."""
    first = text[:1]
    return letters is None or first.lower() in letters or not lowers_plainly(first)


def factored(pattern: str) -> str:
    """`pattern` with its alternatives that open with the same plain character grouped
    under it ("cookie|consent" → "c(?:ookie|onsent)"): the same matches, fewer branches
    for re to try at each place of a search."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives(pattern):
        size = 2 if alternative[:1] == "\\" else 1
        head = alternative[:size]
        plain = head and head not in ("(", "[", ".", "^", "$") and not head.isspace()
        if plain and alternative[size : size + 1] not in _QUANTIFIERS:
            groups.setdefault(head, []).append(alternative[size:])
        else:
            groups.setdefault(alternative, []).append("")
    return "|".join(
        head if rests == [""] else f"{head}(?:{'|'.join(rests)})" for head, rests in groups.items()
    )
