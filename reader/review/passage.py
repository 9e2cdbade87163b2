"""A card's passage: the quote with the sentence before and after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … or CJK stops (with closing quotes), or at a blank line.
_END = re.compile(r"""[.!?…。！？]+["'”’」』)\]]*(?=\s|$)|\n\s*\n""")
_MAX = 400  # a "sentence" longer than this is cut: a card is read at a glance


@dataclass(frozen=True, slots=True)
class Passage:
    """What a card shows: the text before the quote, the quote, the text after it."""

    before: str
    quote: str
    after: str


def passage(text: str, start: int, end: int) -> Passage:
    """The quote `text[start:end]`, its own sentence around it and one sentence more on
    each side."""
    ends: list[int] = []
    for m in _END.finditer(text):
        if text[
            ends[-1] if ends else 0 : m.end()
        ].strip():  # a blank line after a stop is no sentence
            ends.append(m.end())
    starts_before = [e for e in ends if e <= start]
    from_ = starts_before[-2] if len(starts_before) > 1 else 0
    ends_after = [e for e in ends if e > end and text[end:e].strip()]
    to = ends_after[1] if len(ends_after) > 1 else len(text)
    before, after = text[from_:start], text[end:to]
    return Passage(
        _tidy(before).lstrip()[-_MAX:], _tidy(text[start:end]), _tidy(after).rstrip()[:_MAX]
    )


def _tidy(text: str) -> str:
    """Whitespace runs as one space, kept at the ends (where the quote joins on)."""
    return re.sub(r"\s+", " ", text)
