"""Grapheme cluster boundaries, close enough to UAX #29 for snapping offsets.

Handles combining marks and spacing marks, ZWJ emoji sequences, variation
selectors, emoji modifiers and tags, regional indicator pairs, Hangul jamo and
CRLF. Used so that annotation offsets never split what a reader sees as one
character.
"""

from __future__ import annotations

import unicodedata

_ZWJ = "\u200d"


def _is_extend(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x300:
        return False
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    return (
        cp in (0x200C, 0x200D)
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or 0x1F3FB <= cp <= 0x1F3FF  # emoji skin-tone modifiers
        or 0xE0020 <= cp <= 0xE007F  # tags (subdivision flags)
        or 0xE0100 <= cp <= 0xE01EF  # variation selectors supplement
        or 0x1160 <= cp <= 0x11FF  # Hangul medial vowels and final consonants
        or 0xD7B0 <= cp <= 0xD7FB
    )


def _is_pictographic(ch: str) -> bool:
    cp = ord(ch)
    return 0x1F000 <= cp <= 0x1FAFF or (cp >= 0x2100 and unicodedata.category(ch) == "So")


def _is_regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _is_hangul_leading(ch: str) -> bool:
    cp = ord(ch)
    return 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97F


def _joins_hangul_leading(ch: str) -> bool:
    cp = ord(ch)
    return _is_hangul_leading(ch) or 0x1160 <= cp <= 0x11A7 or 0xAC00 <= cp <= 0xD7A3


def is_boundary(text: str, i: int) -> bool:
    """Whether offset `i` falls between two grapheme clusters of `text`."""
    if i <= 0 or i >= len(text):
        return True
    before, after = text[i - 1], text[i]
    if before < "\u0300" and after < "\u0300":  # fast path: Latin-1 except CR LF
        return not (before == "\r" and after == "\n")
    if _is_extend(after):
        return False
    if before == _ZWJ and _is_pictographic(after):
        return False
    if _is_hangul_leading(before) and _joins_hangul_leading(after):
        return False
    if _is_regional(before) and _is_regional(after):
        run = 0
        j = i - 1
        while j >= 0 and _is_regional(text[j]):
            run += 1
            j -= 1
        return run % 2 == 0
    return True


def snap_start(text: str, i: int) -> int:
    """`i` moved back to the start of the cluster it is in."""
    i = max(0, min(i, len(text)))
    while not is_boundary(text, i):
        i -= 1
    return i


def snap_end(text: str, i: int) -> int:
    """`i` moved forward to the end of the cluster it is in."""
    i = max(0, min(i, len(text)))
    while not is_boundary(text, i):
        i += 1
    return i
