"""Finding an annotation's span again after its article's text has changed.

`Anchorer(text).anchor(target)` tries, in order:

1. *exact*: the stored offsets still hold the quote, character for character
   (and still fall on cluster boundaries);
2. *moved*: the quote occurs elsewhere (as is, or after folding, see
   `reader.notes.folding`): the only occurrence, or the one whose prefix and
   suffix best match the stored context and that lies closest to where it
   should be: the old place shifted by how far the nearest already-anchored
   target moved (the local length change).
   A quote under 20 characters also needs one side of its context to agree, so
   a short quote is not pinned to an unrelated passage;
3. *fuzzy*: a span close to the quote (bounded edit distance via rapidfuzz),
   searched near the old place first, then everywhere; only for quotes of 10+
   characters, only when the quote is >= 75% similar and a context side agrees;
4. *orphaned*: nothing fits; the anchor carries the stored offsets unchanged
   and the annotation must be kept, not dropped.

Offsets never split a grapheme cluster. An `Anchorer` folds the text at most
once and remembers how far each target moved, so anchoring many annotations
after an edit costs a few small `str.find` calls each. Fuzzy searches beyond a
window around the old place share a per-`Anchorer` budget, so a text where
most annotations are orphaned still anchors in well under a second per MB.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from reader.notes.folding import Folded, fold_str
from reader.notes.match_edges import whole_words, within_paragraphs
from reader.notes.schema import Target
from reader.text.graphemes import is_boundary, snap_end, snap_start

CONTEXT = 32
MIN_FUZZY_QUOTE = 10  # shorter quotes are never matched approximately
DISTINCT_QUOTE = 20  # shorter exact quotes need some context agreement to move
QUOTE_SIMILARITY = 0.75  # minimum quote similarity for a fuzzy match
SIDE_AGREES = 0.6  # a context side agrees at this similarity (fuzzy)
SIDE_HINTS = 0.5  # ... and is good enough to move a short exact quote
GOOD_CONTEXT = 0.8  # mean context similarity that ends a search early
_EXACT_PADS = (64, 1024, 65536, None)
_FUZZY_PADS = (512, 16384, 262144, None)
_CHEAP_FUZZY = 40000  # windows up to this size are always searched
_FUZZY_BUDGET = 32_000_000  # characters of wider fuzzy search per Anchorer


def _context_fits(text: str, target: Target) -> bool:
    """Whether the text around the target's old offsets is the context it was made with."""
    before = text[max(0, target.start - len(target.prefix)) : target.start]
    after = text[target.end : target.end + len(target.suffix)]
    return target.prefix.endswith(before) and target.suffix.startswith(after)


class AnchorStatus(StrEnum):
    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a target is now; for an orphan, the stored (stale) offsets."""

    start: int
    end: int
    status: AnchorStatus

    @property
    def found(self) -> bool:
        return self.status is not AnchorStatus.ORPHANED


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    quote: float  # similarity of the quote, 0..1
    prefix: float
    suffix: float
    position: float

    @property
    def context(self) -> float:
        return (self.prefix + self.suffix) / 2

    @property
    def score(self) -> float:
        return 0.5 * self.quote + 0.2 * self.prefix + 0.2 * self.suffix + 0.1 * self.position


class Anchorer:
    """Anchors targets in one text; reuse it for all of an article's annotations."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: Folded | None = None
        self._shifts: list[tuple[int, int]] = []  # (old start, how far it moved), sorted
        self._budget = _FUZZY_BUDGET  # bounds wide fuzzy searches when much is orphaned

    @property
    def folded(self) -> Folded:
        if self._folded is None:
            self._folded = Folded(self.text)
        return self._folded

    def anchor(self, target: Target) -> Anchor:
        """The target's span in this text, and how it was found."""
        text, quote = self.text, target.exact
        start, end = target.start, target.end
        if (
            quote
            and text[start:end] == quote
            and end - start == len(quote)
            and is_boundary(text, start)
            and is_boundary(text, end)
        ):
            # Still in place; but in repetitive text the same words may have slid into
            # the old offsets (" cat cat " minus a word): when the context disagrees, a
            # place whose context fits better wins.
            found = None if _context_fits(text, target) else self._moved(_Context(target, start))
            if found is None or found[0] == start:
                insort(self._shifts, (start, 0))
                return Anchor(start, end, AnchorStatus.EXACT)
            insort(self._shifts, (start, found[0] - start))
            return Anchor(found[0], found[1], AnchorStatus.MOVED)
        context = _Context(target, start + self._shift_near(start))
        found = self._moved(context) if context.quote else None
        status = AnchorStatus.MOVED
        if found is None and len(context.quote) >= MIN_FUZZY_QUOTE:
            found, status = self._fuzzy(context), AnchorStatus.FUZZY
        if found is None:
            return Anchor(start, end, AnchorStatus.ORPHANED)
        insort(self._shifts, (start, found[0] - start))
        return Anchor(found[0], found[1], status)

    def find(self, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
        """The span of the `occurrence`-th (1-based) match of `quote`, folding both."""
        if occurrence < 1:
            return None
        return next(islice(self.find_all(quote), occurrence - 1, None), None)

    def find_all(self, quote: str) -> Iterator[tuple[int, int]]:
        """The spans of every match of `quote`, in order, folding both."""
        needle = _trim(fold_str(quote))
        if not needle:
            return
        folded = self.folded
        i = folded.text.find(needle)
        while i != -1:
            span = self._source_span(i, i + len(needle))
            if span:
                yield span
                i = folded.text.find(needle, i + len(needle))
            else:
                i = folded.text.find(needle, i + 1)

    def _shift_near(self, start: int) -> int:
        """How far the nearest target anchored before this one moved: the local edit."""
        if not self._shifts:
            return 0
        k = bisect_right(self._shifts, (start, float("inf")))
        return self._shifts[max(0, k - 1)][1]

    # -- moved: the quote itself, somewhere else ---------------------------------------

    def _moved(self, context: _Context) -> tuple[int, int] | None:
        text, target = self.text, context.target
        raw = _search(
            text,
            target.exact,
            context.expected,
            lambda s, e: is_boundary(text, s) and is_boundary(text, e),
            lambda s, e: context.score_raw(text, s, e),
        )
        if raw is not None and context.accepts_exact(raw):
            return raw.start, raw.end
        folded = self.folded
        expected = folded.from_source(context.expected)
        found = _search(
            folded.text,
            context.quote,
            expected,
            lambda s, e: self._source_span(s, e) is not None,
            lambda s, e: context.score(folded.text, s, e, 1.0, expected),
        )
        if found is None or not context.accepts_exact(found):
            return None
        span = self._source_span(found.start, found.end)
        return span and _keep_spaces(text, *span, target.exact)

    def _source_span(self, fs: int, fe: int) -> tuple[int, int] | None:
        """The original span for a folded match, if it starts and ends on clusters."""
        folded, text = self.folded, self.text
        if not (folded.aligned(fs) and folded.aligned(fe)):
            return None
        s, e = folded.to_source_start(fs), folded.to_source_end(fe)
        if not (is_boundary(text, s) and is_boundary(text, e)):
            return None
        return s, e

    # -- fuzzy: something close to the quote -------------------------------------------

    def _fuzzy(self, context: _Context) -> tuple[int, int] | None:
        needle, target, folded = context.quote, context.target, self.folded
        hay = folded.text
        expected = folded.from_source(context.expected)
        best: _Candidate | None = None
        for pad in _FUZZY_PADS:
            lo, hi = _window(len(hay), expected, len(needle), pad and max(pad, 4 * len(needle)))
            if hi - lo > _CHEAP_FUZZY:
                if hi - lo > self._budget:
                    break
                self._budget -= hi - lo
            hit = fuzz.partial_ratio_alignment(
                needle, hay[lo:hi], score_cutoff=QUOTE_SIMILARITY * 100 - 10
            )
            if hit is not None:
                fs, fe = _refine(hay, needle, lo + hit.dest_start, lo + hit.dest_end)
                similarity = Levenshtein.normalized_similarity(needle, hay[fs:fe])
                found = context.score(hay, fs, fe, similarity, expected)
                if context.accepts_fuzzy(found) and (best is None or found.score > best.score):
                    best = found
            if (best is not None and best.context >= GOOD_CONTEXT) or (lo, hi) == (0, len(hay)):
                break
        if best is None:
            return None
        s = snap_start(self.text, folded.to_source_start(best.start))
        e = snap_end(self.text, folded.to_source_end(best.end))
        s, e = _edges(self.text, s, e, target)
        return _keep_spaces(self.text, s, e, target.exact) if s < e else None


class _Context:
    """A target's folded quote and context, and how to score a place against them."""

    def __init__(self, target: Target, expected: int) -> None:
        self.target = target
        self.expected = expected  # where the quote should be now, in the new text
        self.quote = _trim(fold_str(target.exact))
        self.prefix = fold_str(target.prefix)
        self.suffix = fold_str(target.suffix)

    def score_raw(self, text: str, s: int, e: int) -> _Candidate:
        t = self.target
        before = text[max(0, s - len(t.prefix)) : s]
        after = text[e : e + len(t.suffix)]
        prefix = 1.0 if before == t.prefix else _side(self.prefix, fold_str(before), s == 0)
        suffix = 1.0 if after == t.suffix else _side(self.suffix, fold_str(after), e == len(text))
        return _Candidate(s, e, 1.0, prefix, suffix, _closeness(s, self.expected, len(text)))

    def score(self, hay: str, s: int, e: int, quote: float, expected: int) -> _Candidate:
        before = hay[max(0, s - len(self.prefix)) : s]
        after = hay[e : e + len(self.suffix)]
        return _Candidate(
            s,
            e,
            quote,
            _side(self.prefix, before, s == 0),
            _side(self.suffix, after, e == len(hay)),
            _closeness(s, expected, len(hay)),
        )

    def accepts_exact(self, found: _Candidate) -> bool:
        if len(self.quote) >= DISTINCT_QUOTE:
            return True
        return max(found.prefix, found.suffix) >= SIDE_HINTS

    def accepts_fuzzy(self, found: _Candidate) -> bool:
        return found.quote >= QUOTE_SIMILARITY and max(found.prefix, found.suffix) >= SIDE_AGREES


def _search(
    hay: str,
    needle: str,
    expected: int,
    ok: Callable[[int, int], bool],
    score: Callable[[int, int], _Candidate],
) -> _Candidate | None:
    """The best exact occurrence of `needle`, looking in growing windows around `expected`.

    Stops at the first window whose best occurrence has good context; otherwise
    scans the whole text and returns the best by context and closeness.
    """
    best: _Candidate | None = None
    seen: set[int] = set()
    n, length = len(hay), len(needle)
    for pad in _EXACT_PADS:
        lo, hi = _window(n, expected, length, pad)
        i = hay.find(needle, lo, hi)
        while i != -1:
            if i not in seen:
                seen.add(i)
                if ok(i, i + length):
                    found = score(i, i + length)
                    if best is None or found.score > best.score:
                        best = found
            i = hay.find(needle, i + 1, hi)
        if (best is not None and best.context >= GOOD_CONTEXT) or (lo, hi) == (0, n):
            break
    return best


def _window(n: int, expected: int, length: int, pad: int | None) -> tuple[int, int]:
    if pad is None:
        return 0, n
    return max(0, expected - pad), min(n, max(0, expected) + length + pad)


def _refine(hay: str, needle: str, fs: int, fe: int) -> tuple[int, int]:
    """Adjust a rough match's edges to the span most similar to `needle`."""
    slack = max(3, len(needle) // 4)

    def rank(s: int, e: int) -> tuple[float, int, int]:
        trimmed = hay[s:e]
        edge = (trimmed[:1] == " ") + (trimmed[-1:] == " ")
        return Levenshtein.normalized_similarity(needle, trimmed), -edge, -abs(e - s - len(needle))

    best = rank(fs, fe)
    for _ in range(2):
        for s in range(max(0, fs - slack), min(fe - 1, fs + slack) + 1):
            r = rank(s, fe)
            if r > best:
                best, fs = r, s
        for e in range(max(fs + 1, fe - slack), min(len(hay), fe + slack) + 1):
            r = rank(fs, e)
            if r > best:
                best, fe = r, e
    while fs < fe and hay[fs] == " ":
        fs += 1
    while fe > fs and hay[fe - 1] == " ":
        fe -= 1
    return fs, fe


def _edges(text: str, s: int, e: int, target: Target) -> tuple[int, int]:
    """A fuzzy match's edges: on word edges where the quote's are (a quote may start or
    end inside a word), within the paragraphs of the quote's words."""
    quote = target.exact
    s, e = whole_words(
        text,
        s,
        e,
        widen=(
            not (target.prefix[-1:].isalnum() and quote[:1].isalnum()),
            not (quote[-1:].isalnum() and target.suffix[:1].isalnum()),
        ),
    )
    s, e = within_paragraphs(text, s, e, quote)
    return snap_start(text, s), snap_end(text, e)


def _trim(folded: str) -> str:
    """`folded` without edge spaces (but a space carrying a combining mark stays)."""
    i, j = 0, len(folded)
    while i < j and folded[i] == " " and is_boundary(folded, i + 1):
        i += 1
    while j > i and folded[j - 1] == " ":
        j -= 1
    return folded[i:j]


def _keep_spaces(text: str, s: int, e: int, quote: str) -> tuple[int, int]:
    """Widen a match found without its edge whitespace by the quote's own edge whitespace."""
    lead = len(quote) - len(quote.lstrip())
    trail = len(quote) - len(quote.rstrip())
    while lead and s > 0 and text[s - 1].isspace():
        s, lead = s - 1, lead - 1
    while trail and e < len(text) and text[e].isspace():
        e, trail = e + 1, trail - 1
    return s, e


def _side(stored: str, actual: str, at_edge: bool) -> float:
    """How well one side of the context agrees (an empty side means 'at the edge')."""
    if not stored:
        return 1.0 if at_edge else 0.0
    return Levenshtein.normalized_similarity(stored, actual)


def _closeness(position: int, expected: int, n: int) -> float:
    return 1.0 - min(1.0, abs(position - expected) / max(n, 1))


def make_target(text: str, start: int, end: int, context: int = CONTEXT) -> Target:
    """A target for text[start:end], widened to whole clusters, with context each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"not a non-empty span of the text: {start}..{end}")
    start, end = snap_start(text, start), snap_end(text, end)
    before = snap_end(text, max(0, start - context))
    after = snap_start(text, min(len(text), end + context))
    return Target(text[start:end], text[before:start], text[end:after], start, end)


def reanchor(text: str, target: Target) -> Anchor:
    """Anchor one target (use an `Anchorer` for many targets in the same text)."""
    return Anchorer(text).anchor(target)


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the `occurrence`-th match of `quote` in `text`, tolerant of folding."""
    return Anchorer(text).find(quote, occurrence)
