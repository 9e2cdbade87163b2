"""A comparison form of text, with a map back to offsets in the original.

Folding makes matching tolerant of what edits and conversions change without
changing meaning: every run of whitespace (line breaks from re-wrapping, CRLF,
tabs, NBSP and other Unicode spaces) becomes one space; text is NFKC-normalized,
so NFC and NFD, ligatures and full-width forms compare equal; curly quotes
become straight ones and dashes a hyphen; soft hyphens, zero-width spaces and
bidi marks disappear. Stored quotes are never rewritten: only the comparison uses this form.

Already-normalized text folds at C speed (a `str.translate` plus a regex for
whitespace runs); only characters that NFKC would change are handled one by one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from reader.text.find import STRAIGHT
from reader.text.graphemes import is_extend
from reader.text.safe import BIDI_MARKS

# Every character str.isspace() accepts but the space itself.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    map(chr, [*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
)
# One character for one: offsets are unchanged, so `str.translate` does it in bulk.
_ONE_FOR_ONE = str.maketrans(
    {
        **dict.fromkeys(_WHITESPACE, " "),
        **STRAIGHT,  # (as search and find read them)
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)
# Soft hyphen, zero-width space, word joiner, BOM, bidi marks.
_DROP = frozenset("\u00ad\u200b\u2060\ufeff" + BIDI_MARKS)
_SPACE_RUNS = " {2,}"


@lru_cache(maxsize=8192)
def _stable(ch: str) -> bool:
    """Whether `ch` folds to itself wherever it stands."""
    return ch not in _DROP and not is_extend(ch) and unicodedata.is_normalized("NFKC", ch)


@lru_cache(maxsize=8192)
def _fold_cluster(cluster: str) -> str:
    if cluster in _DROP:
        return ""  # (one carrying combining marks stays, or they would change base)
    return unicodedata.normalize("NFKC", cluster).translate(_ONE_FOR_ONE)


@lru_cache(maxsize=256)
def _uneven(unstable: str) -> re.Pattern[str]:
    """What may change length: space runs, and unstable characters with their base."""
    if not unstable:
        return re.compile(_SPACE_RUNS)
    return re.compile(f"{_SPACE_RUNS}|.?[{re.escape(unstable)}]+", re.DOTALL)


def _clusters(run: str) -> list[str]:
    """`run` cut before every character that does not compose with the one before."""
    cuts = [i for i, ch in enumerate(run) if i == 0 or not is_extend(ch)]
    return [run[a:b] for a, b in zip(cuts, [*cuts[1:], len(run)], strict=True)]


def fold_str(text: str) -> str:
    """The folded form of `text`."""
    return Folded(text).text


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

        spaced = source.translate(_ONE_FOR_ONE)
        unstable = {ch for ch in set(spaced) if ch >= "\x80" and not _stable(ch)}
        single = {ch: _fold_cluster(ch) for ch in unstable if not is_extend(ch)}
        single = {ch: folded for ch, folded in single.items() if len(folded) == 1}
        if single:  # e.g. full-width forms: still one for one
            spaced = spaced.translate({ord(ch): folded for ch, folded in single.items()})
        done = 0
        for match in _uneven("".join(sorted(unstable - single.keys()))).finditer(spaced):
            start, end = match.span()
            if start > done:
                add(spaced[done:start], done, start - done)
            run = match.group()
            if run[0] == " " and run[1] == " ":
                add(" ", start, end - start)
            else:
                for cluster in _clusters(run):
                    add(_fold_cluster(cluster), start, len(cluster))
                    start += len(cluster)
            done = end
        if done < len(source) or not self._f:
            add(spaced[done:], done, len(source) - done)
        self.text = "".join(pieces)

    def aligned(self, fi: int) -> bool:
        """Whether folded offset `fi` maps exactly (is not inside a reshaped piece)."""
        if fi <= 0 or fi >= len(self.text):
            return True
        k = bisect_right(self._f, fi) - 1
        return self._fl[k] == self._ol[k] or self._f[k] == fi

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
