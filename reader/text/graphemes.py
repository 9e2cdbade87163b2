"""Grapheme cluster boundaries (UAX #29, through the `regex` module's \\X).

Used so that annotation offsets never split what a reader sees as one character:
a base letter and its combining marks, a ZWJ emoji sequence, a flag, CR LF.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_CLUSTER = regex.compile(r"\X")
_JOINS_PREVIOUS = regex.compile(
    r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}\p{Grapheme_Cluster_Break=SpacingMark}]"
)
# Clusters longer than this (only in pathological text) may be cut at the window's edge.
_WINDOW = 64


@lru_cache(maxsize=8192)
def is_extend(ch: str) -> bool:
    """Whether `ch` always belongs to the cluster of the character before it."""
    return ch >= "\u0300" and _JOINS_PREVIOUS.match(ch) is not None


def is_boundary(text: str, i: int) -> bool:
    """Whether offset `i` falls between two grapheme clusters of `text`."""
    if i <= 0 or i >= len(text):
        return True
    before, after = text[i - 1], text[i]
    if before < "\u0300" and after < "\u0300":  # fast path: Latin-1, where only CR LF joins
        return not (before == "\r" and after == "\n")
    start = _safe_start(text, i)
    for match in _CLUSTER.finditer(text, pos=start, endpos=min(len(text), i + _WINDOW)):
        if match.end() >= i:
            return match.end() == i or match.start() == i
    return True


def _safe_start(text: str, i: int) -> int:
    """A position at or before `i - 1` that surely starts a cluster."""
    j = i - 1
    floor = max(0, i - _WINDOW)
    while j > floor and not (text[j] < "\u0300" and text[j - 1] < "\u0300" and text[j - 1] != "\r"):
        j -= 1
    return j


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
