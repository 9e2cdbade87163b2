"""A card's passage: the quote with the sentence before and after it."""

from __future__ import annotations

import re
from typing import NamedTuple

# A sentence ends at . ! ? … followed by a space (with closing quotes), at CJK stops, which
# need none, or at a blank line.
_END = re.compile(r"""[.!?…]+["'”’」』)\]]*(?=\s|$)|[。！？]+[」』）)\]]*|\n\s*\n""")
_MAX = 400  # a "sentence" longer than this is cut: a card is read at a glance
_CUT = "…"
_BLANK = re.compile(r"\n\s*\n")


class Passage(NamedTuple):
    """What a card shows: the text before the quote, the quote, the text after it."""

    before: str
    quote: str
    after: str


def passage(text: str, start: int, end: int, within: tuple[int, int] | None = None) -> Passage:
    """The quote `text[start:end]`, its own sentence around it and one sentence more on
    each side, taken from `within` (a span of text: the quote's block) when given; text
    cut short of a sentence is marked "…"."""
    low, high = within if within is not None else (0, len(text))
    low, high = min(low, start), max(high, end)
    ends: list[int] = []
    for m in _END.finditer(text, low, high):
        if text[
            ends[-1] if ends else low : m.end()
        ].strip():  # a blank line after a stop is no sentence
            ends.append(m.end())
    starts_before = [e for e in ends if e <= start]
    from_ = starts_before[-2] if len(starts_before) > 1 else low
    ends_after = [e for e in ends if e > end and text[end:e].strip()]
    to = ends_after[1] if len(ends_after) > 1 else high
    before = _tidy(text[from_:start]).lstrip()
    after = _tidy(text[end:to]).rstrip()
    if len(before) > _MAX:
        before = _CUT + before[-_MAX:]
    if len(after) > _MAX:
        after = after[:_MAX] + _CUT
    return Passage(before, _tidy(text[start:end]), after)


def kept_passage(prefix: str, quote: str, suffix: str, kept: int) -> Passage:
    """The passage from a note's own context (`kept` characters each side at most),
    for a note its article no longer holds: the quote's paragraph only, and "…" where
    the context stops because no more was kept rather than at a paragraph."""
    low = max((m.end() for m in _BLANK.finditer(prefix)), default=0)
    gap = _BLANK.search(suffix)
    start, end = len(prefix), len(prefix) + len(quote)
    high = end + (gap.start() if gap else len(suffix))
    text = prefix + quote + suffix
    shown = passage(text, start, end, (low, high))
    before, after = shown.before, shown.after
    if not low and len(prefix) >= kept and before == _tidy(prefix).lstrip() and before:
        before = _CUT + before
    if not gap and len(suffix) >= kept and after == _tidy(suffix).rstrip() and after:
        after += _CUT
    return Passage(before, shown.quote, after)


def _tidy(text: str) -> str:
    """Whitespace runs as one space, kept at the ends (where the quote joins on)."""
    return re.sub(r"\s+", " ", text)
