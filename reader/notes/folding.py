"""A comparison form of text, with a map back to offsets in the original.

Folding makes matching tolerant of what edits and conversions change without
changing meaning: every run of whitespace (line breaks from re-wrapping, CRLF,
tabs, NBSP and other Unicode spaces) becomes one space; characters are
compatibility-decomposed (NFKD), so NFC and NFD text, ligatures and full-width
forms compare equal; curly quotes become straight ones and dashes a hyphen;
zero-width characters disappear. Stored quotes are never rewritten: only the
comparison uses this form.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

_SPECIAL = re.compile(r"(\s*[^\S ]\s*| {2,})|([^\x00-\x7f\s]+)")

_REPLACE = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00ad\u200b\u2060\ufeff", ""),
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _REPLACE:
        return _REPLACE[ch]
    return "".join(_REPLACE.get(c, c) for c in unicodedata.normalize("NFKD", ch))


def _fold_run(run: str) -> list[str]:
    return list(map(_fold_char, run))


def _substitute(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return " "
    return "".join(_fold_run(match.group(2)))


def fold_str(text: str) -> str:
    """The folded form of `text` (for short strings; no offset map)."""
    return _SPECIAL.sub(_substitute, text)


class Folded:
    """`text` folded, with offset maps between the folded and the original text.

    The map is a list of segments (folded start, original start, folded length,
    original length). A segment of equal lengths maps character by character;
    any other maps as a whole, so a folded offset inside it maps to its edges.
    """

    __slots__ = ("_f", "_fl", "_o", "_ol", "source_length", "text")

    def __init__(self, source: str) -> None:
        self.source_length = len(source)
        self._f: list[int] = []
        self._o: list[int] = []
        self._fl: list[int] = []
        self._ol: list[int] = []
        pieces: list[str] = []
        fpos = 0
        done = 0

        def add(piece: str, ostart: int, olen: int) -> None:
            nonlocal fpos
            flen = len(piece)
            if flen == olen and self._f and self._fl[-1] == self._ol[-1]:
                self._fl[-1] += flen
                self._ol[-1] += olen
            else:
                self._f.append(fpos)
                self._o.append(ostart)
                self._fl.append(flen)
                self._ol.append(olen)
            pieces.append(piece)
            fpos += flen

        for match in _SPECIAL.finditer(source):
            start, end = match.span()
            if start > done:
                add(source[done:start], done, start - done)
            if match.group(1) is not None:
                add(" ", start, end - start)
            else:
                folded = _fold_run(match.group(2))
                if set(map(len, folded)) == {1}:
                    add("".join(folded), start, end - start)
                else:
                    for k, piece in enumerate(folded):
                        add(piece, start + k, 1)
            done = end
        if done < len(source) or not self._f:
            add(source[done:], done, len(source) - done)
        self.text = "".join(pieces)

    def to_source_start(self, fi: int) -> int:
        """The original offset where folded offset `fi` starts."""
        if fi >= len(self.text):
            return self.source_length
        k = bisect_right(self._f, fi) - 1
        if self._fl[k] == self._ol[k]:
            return self._o[k] + fi - self._f[k]
        return self._o[k]

    def to_source_end(self, fe: int) -> int:
        """The original offset where a folded span ending at `fe` ends."""
        if fe <= 0:
            return 0
        k = bisect_right(self._f, fe - 1) - 1
        if self._fl[k] == self._ol[k]:
            return self._o[k] + fe - self._f[k]
        return self._o[k] + self._ol[k]

    def from_source(self, oi: int) -> int:
        """The folded offset for original offset `oi`."""
        if oi >= self.source_length:
            return len(self.text)
        k = max(0, bisect_right(self._o, oi) - 1)
        if self._fl[k] == self._ol[k]:
            return self._f[k] + oi - self._o[k]
        return self._f[k]
