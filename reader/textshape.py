"""Cheap measurements of a line's shape, shared by the header parser and the cleaner."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$|[.!?…,]["”’]\s*$|["”’][.!?]$""")

_STOP_WORDS_TEXT = """
a an and are as at be been but by for from had has have he her his i in is it its of on or
our she so that the their them there they this to was we were which who will with would you
your not than then also after before about into over said says
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a text (cached: reader mode asks about the same lines many times)."""
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=4096)
def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence: . ! ? … possibly inside closing quotes."""
    return bool(_SENTENCE_END.search(text.rstrip()))


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
