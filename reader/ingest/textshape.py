"""Cheap measurements of a line's shape, shared by the header parser and the cleaner."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)
# Chinese and Japanese are written without spaces: each ideograph or kana counts as a
# word, as word processors count them (and reading time follows the count).
_CJK = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_HAS_CJK = re.compile(f"[{_CJK}]")
_WORD_OR_CJK = re.compile(rf"[{_CJK}]|[^\W{_CJK}](?:[^\W{_CJK}]|['’-])*")
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」』）]*$|[.!?…,]["”’]\s*$|["”’][.!?]$""")

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
