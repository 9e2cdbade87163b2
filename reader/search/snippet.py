"""Excerpts of search hits: the passage of an article that best shows a query's words.

Cut in Python rather than by FTS5's snippet(), whose cost grows with the square of a
document's matches, and only for the hits asked for.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache, cached_property
from itertools import pairwise

from reader.search.cjk import RUN, has_cjk
from reader.text.find import (
    MARKS,
    as_searched,
    fold_char,
    fold_query,
    passed_over,
    without_ignored,
)
from reader.text.scripts import CJK, compiled

ELLIPSIS = "…"
MAX_SCAN = 100_000  # bytes of a body searched for matches
FIRST_SCAN = 16_000  # searched first: most articles are shorter, most passages early
MAX_MATCHES = 2_000  # matches weighed when choosing the passage

Span = tuple[int, int]
Excerpt = tuple[str, tuple[Span, ...]]  # one line, and its matches

_SCRIPTS = (range(0xC0, 0x250), range(0x370, 0x500), range(0x1E00, 0x2000))


@cache
def _accented() -> dict[str, str]:
    """Each letter with accented letters that fold to it, and those letters."""
    found: dict[str, str] = {}
    for block in _SCRIPTS:
        for char in map(chr, block):
            folded = fold_char(char)
            if len(folded) == 1 and folded != char.lower():
                found[folded] = found.get(folded, "") + char
    return found


# Every letter that folds to another lies in these blocks: a text with none of them is
# searched literally without building the pattern of all such letters (see _accented).
_IN_SCRIPTS = re.compile("[" + "".join(f"{chr(r.start)}-{chr(r.stop - 1)}" for r in _SCRIPTS) + "]")


# Text of ASCII and of signs that have no case and fold to nothing else (typographic
# quotes, dashes, bullets, ©, the middle dot…): the case of a letter can change there
# only by lower(), letter for letter.
_UNCASED = re.compile(
    "[\x00-\x7f\u00a0-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb-\u00bf\u2000-\u206f]*"
)


@cache
def _any_accented() -> re.Pattern[str]:
    """Any letter that folds to another: a text without one can be searched literally."""
    return re.compile("[" + re.escape("".join(_accented().values())) + "]")


def _loose(token: str) -> str:
    """A pattern for a folded word that also matches its accented spellings."""
    accented = _accented()
    return "".join(
        f"[{re.escape(c + accented[c])}]" if c in accented else re.escape(c) for c in token
    )


# A letter of a word written between spaces or signs: a word of these ends where CJK
# letters start, as it does in the index (see search.cjk). In a text without CJK
# letters, any letter: the patterns for such texts leave out the class of CJK letters,
# whose compiling would be most of a short search's (see `compiled`).
_LETTER = rf"[^\W_{CJK}]"
_ANY_LETTER = r"[^\W_]"
# The words of a text as the index takes them (what unicode61 calls a word, near enough),
# CJK runs apart from the words around them.
_TOKEN_OR_RUN = rf"{RUN}|{_LETTER}+"
_WORD = re.compile(f"{_ANY_LETTER}+")
_RUN_APART = f"({RUN})"  # (split by it, a text keeps its runs)


def _is_run(token: str) -> bool:
    return not token.isascii() and compiled(RUN).match(token) is not None


def _between(a: str, b: str) -> str:
    """What may lie between two words of a phrase: a CJK run and a word may touch."""
    return r"[\W_]*" if _is_run(a) != _is_run(b) else r"[\W_]+"


def _joined(tokens: list[str], pattern: Callable[[str], str]) -> str:
    """The pattern of a phrase: each word's pattern, what may lie between them."""
    out = pattern(tokens[0])
    for a, b in pairwise(tokens):
        out += _between(a, b) + pattern(b)
    return out


class _Term:
    """One word or phrase of a query as patterns over lower-cased text: `plain` for
    text without accented or CJK letters (a literal first, which the regex engine finds
    fast), `loose` for text with them. `forms` are its spellings as token lists.
    A CJK run is found anywhere in a run, as the index finds it."""

    def __init__(self, forms: list[list[str]], prefix: bool) -> None:
        self._forms = forms
        self._prefix = prefix
        self._open_end = not _is_run(forms[0][-1])
        self._bounded = not _is_run(forms[0][0])
        plain = []
        for tokens in forms:
            first = re.escape(tokens[0])
            rest = _joined(tokens, re.escape)[len(first) :]
            # The lookbehind comes after the first word so that the pattern starts with it.
            behind = f"(?<!{_ANY_LETTER}{first})" if self._bounded else ""
            plain.append(f"{first}{behind}{rest}")
        self.plain = re.compile(rf"(?:{'|'.join(plain)}){self._tail(_ANY_LETTER)}")

    def _tail(self, letter: str) -> str:
        """What follows the words: more letters for a prefix, then none (a word's end)."""
        return (f"{letter}*" if self._prefix else "") + (f"(?!{letter})" if self._open_end else "")

    @cached_property
    def loose(self) -> re.Pattern[str]:
        # Made on first use: most texts have no accented or CJK letter, and this pattern
        # of every letter's accented forms and of CJK letters takes a few ms to build.
        loose = [_joined(tokens, _loose) for tokens in self._forms]
        behind = f"(?<!{_LETTER})" if self._bounded else ""
        return re.compile(rf"{behind}(?:{'|'.join(loose)}){self._tail(_LETTER)}")


def _forms(text: str) -> list[list[str]]:
    """The words of text as the index may hold them: lower-cased (as unicode61 keeps
    ß, Hangul or ligatures) and folded (accents off, as it does for Latin letters; not
    in CJK runs, which it keeps as they are)."""
    parts = compiled(_RUN_APART).split(text) if has_cjk(text) else [text]
    folded = " ".join(p if _is_run(p) else fold_query(p) for p in parts)
    forms: list[list[str]] = []
    for form in (as_searched(text.lower()), folded):
        tokens = (compiled(_TOKEN_OR_RUN) if has_cjk(form) else _WORD).findall(form)
        if tokens and tokens not in forms:
            forms.append(tokens)
    return forms


class Matcher:
    """Finds a query's words in text much as the index does: whole words, any case,
    any accents, prefixes (`word*`) and phrases (words in a row, whatever lies between)."""

    def __init__(self, terms: Iterable[tuple[str, bool]]) -> None:
        self._terms: list[_Term] = []
        seen = set()
        for text, prefix in terms:
            forms = _forms(text)
            key = (tuple(map(tuple, forms)), prefix)
            if forms and key not in seen:
                seen.add(key)
                self._terms.append(_Term(forms, prefix))
        self.count = len(self._terms)

    @cached_property
    def _any(self) -> re.Pattern[str]:
        """Any of the terms, in any case and with any accents."""
        return re.compile("|".join(t.loose.pattern for t in self._terms), re.IGNORECASE)

    @cached_property
    def _any_plain(self) -> re.Pattern[str]:
        """Any of the terms in lower-cased text without accented letters."""
        return re.compile("|".join(t.plain.pattern for t in self._terms))

    def spans(self, text: str) -> tuple[Span, ...]:
        """Every match in a short text (a word with invisible characters or accent marks
        in it too)."""
        if not self._terms:
            return ()
        plain = as_searched(text)
        if len(plain) != len(text):  # matched as it reads, spans given in `text`
            kept = _kept(text)
            return tuple((kept[s], _end(text, kept, e)) for s, e in self.spans(plain) if e > s)
        text = plain  # (its quotes made straight, one for one: the same offsets)
        if _UNCASED.fullmatch(text):  # lower-cased in place, no accents: the literal patterns
            return tuple(m.span() for m in self._any_plain.finditer(text.lower()))
        return tuple(m.span() for m in self._any.finditer(text))

    def matches(self, text: str, end: int) -> Iterator[tuple[int, int, int]]:
        """(start, end, term number) of the matches in text[:end], in order."""
        if not self._terms:
            return iter(())
        head = text[:end]
        plain = as_searched(head)
        if len(plain) != len(head):  # matched as it reads, spans given in `text`
            kept = _kept(head)
            inner = self.matches(plain, len(plain))
            return ((kept[s], _end(text, kept, e), k) for s, e, k in inner)
        head = plain  # (its quotes made straight, one for one: the same offsets)
        lowered = head.lower()
        if len(lowered) != len(head):  # lower() grew a letter: İ
            return _numbered(self._any.finditer(head), 0)
        loose = (
            _IN_SCRIPTS.search(lowered) is not None and _any_accented().search(lowered) is not None
        ) or has_cjk(lowered)
        found = [
            _numbered((t.loose if loose else t.plain).finditer(lowered), k)
            for k, t in enumerate(self._terms)
        ]
        return found[0] if len(found) == 1 else heapq.merge(*found)

    def passage(self, text: str, reach: int) -> Span | None:
        """The first match of the earliest stretch of `reach` characters holding the
        most different words of the query, or None when nothing matches."""
        best = self._passage(text, reach, FIRST_SCAN)
        if len(text) > FIRST_SCAN and (best is None or best[1] < self.count):
            best = self._passage(text, reach, MAX_SCAN)
        return best[0] if best else None

    def _passage(self, text: str, reach: int, end: int) -> tuple[Span, int] | None:
        if not self.count:
            return None
        window: deque[tuple[int, int, int]] = deque()
        seen: Counter[int] = Counter()
        best, score = None, 0
        for n, match in enumerate(self.matches(text, end)):
            window.append(match)
            seen[match[2]] += 1
            # The match itself stays, however far past `reach` a long word takes it.
            while window[0] is not match and window[0][0] < match[1] - reach:
                seen[window.popleft()[2]] -= 1
            distinct = sum(1 for c in seen.values() if c)
            if distinct > score:
                best, score = window[0][:2], distinct
            if score == self.count or n >= MAX_MATCHES:
                break
        return (best, score) if best else None


def _kept(text: str) -> list[int]:
    """Where each character of `as_searched(text)` is in `text`."""
    return [i for i, char in enumerate(text) if not passed_over(char)]


_MARKS_RUN = re.compile(f"[{MARKS}]*")


def _end(text: str, kept: list[int], end: int) -> int:
    """The end in `text` of a match ending at `end` in `as_searched(text)`: after the
    accent marks on its last letter."""
    at = kept[end - 1] + 1
    marks = _MARKS_RUN.match(text, at)
    return marks.end() if marks else at


def _numbered(found: Iterator[re.Match[str]], k: int) -> Iterator[tuple[int, int, int]]:
    return ((m.start(), m.end(), k) for m in found)


def _word_starts(text: str, at: int) -> bool:
    """Whether a cut at `at` leaves whole words after it: after a space, or beside a CJK
    letter (CJK text has no spaces; a word is found anywhere in its runs, and a word of
    other letters ends where they start)."""
    return at == 0 or text[at - 1].isspace() or has_cjk(text[at - 1 : at + 1])


def lead(text: str, length: int = 160) -> str:
    """The start of a text as a one-line excerpt, cut at a word with an ellipsis."""
    plain = " ".join(text[: length * 8].split())
    if len(plain) <= length:
        return plain if len(text) <= length * 8 else plain + ELLIPSIS
    cut = plain.rfind(" ", 0, length)
    return plain[: cut if cut > length // 2 else length].rstrip() + ELLIPSIS


def excerpt(text: str, matcher: Matcher, length: int = 160) -> tuple[str, tuple[Span, ...]]:
    """A one-line excerpt of about `length` characters around the passage that best
    shows the query's words, with every match in it as a span; the opening of the text
    when nothing matches. Words read as they show, without invisible characters in them."""
    text = without_ignored(text)
    found = matcher.passage(text, length * 2 // 3)
    if found is None:
        return lead(text, length), ()
    # Only the neighbourhood of the passage is tidied up, not the whole text.
    at = found[0]
    lo, hi = max(0, at - length), max(at + 2 * length, found[1])  # a long word read whole
    while 0 < lo < at and not _word_starts(text, lo):
        lo += 1  # never start inside a word: its tail could pass for a match
    before = " ".join(text[lo:at].split())
    if before and text[at - 1].isspace():
        before += " "
    plain = before + " ".join(text[at:hi].split())
    first = next(iter(matcher.spans(plain[len(before) :])), (0, 0))
    first = (first[0] + len(before), first[1] + len(before))
    context = max(0, first[0] - length // 4)
    start = context if _word_starts(plain, context) else plain.rfind(" ", 0, context) + 1
    if first[1] - start > length:  # one long token (a URL) before the match: cut into it
        start = context
    end = start + length
    if end < len(plain):
        cut = plain.rfind(" ", first[1], end)
        end = cut if cut > first[1] else end
    body = plain[start:end].rstrip()
    spans = matcher.spans(body)
    if first[1] > start + len(body):  # a word longer than the excerpt: marked as far as shown
        cut_at = first[0] - start
        spans = (*(s for s in spans if s[1] <= cut_at), (cut_at, len(body)))
    prefix = ELLIPSIS if start or lo else ""
    suffix = ELLIPSIS if start + len(body) < len(plain) or hi < len(text) else ""
    shift = len(prefix)
    return prefix + body + suffix, tuple((a + shift, b + shift) for a, b in spans)


def excerpt_of_start(start: str, matcher: Matcher, length: int = 160) -> Excerpt | None:
    """What `excerpt` cuts from any text that begins with `start`, when `start` is enough
    to tell (so the rest of a packed text need not be unpacked): for a query of one word
    or phrase, found early enough in `start`; None otherwise.

    With one term, the passage is its first match, and the excerpt reaches at most
    2 * length past it; the match must end before `start` does (a word cut there would
    pass for a whole one)."""
    if matcher.count != 1:
        return None
    start = without_ignored(start)
    found = next(matcher.matches(start, len(start)), None)
    if found is None or found[0] + 3 * length >= len(start) or found[1] + 1 >= len(start):
        return None
    return excerpt(start, matcher, length)
