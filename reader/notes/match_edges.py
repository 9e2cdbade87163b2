"""The edges of an approximate match of a quote: on whole words, and across no paragraph
break into words the quote does not have (a folded teaser's last word before the
paragraph the quote is from)."""

from __future__ import annotations

import re

from reader.notes.folding import fold_str

_BREAK = re.compile(r"\n[^\S\n]*\n\s*")  # a blank line, and the space after it
_WORD = re.compile(r"\w+")


def whole_words(
    text: str, start: int, end: int, *, widen: tuple[bool, bool] = (True, True)
) -> tuple[int, int]:
    """The span widened to the ends of the words it cuts (each side as `widen` says),
    and trimmed of spaces."""
    if widen[0]:
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
    if widen[1]:
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def within_paragraphs(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """text[start:end], a match of `quote`, without a first or last paragraph past a
    blank line that is not the quote's own first or last words (a quote holding a blank
    line itself is left as it is)."""
    if _BREAK.search(quote):
        return start, end
    said = _words(quote)
    while breaks := list(_BREAK.finditer(text, start, end)):
        head, tail = breaks[0], breaks[-1]
        first, last = _words(text[start : head.start()]), _words(text[tail.end() : end])
        if not first or said[: len(first)] != first:
            start = head.end()
        elif not last or said[-len(last) :] != last:
            end = tail.start()
        else:
            break
    return whole_words(text, start, end, widen=(False, False))


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_str(text).casefold())
