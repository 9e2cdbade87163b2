"""MinHash over word shingles with LSH bands: near-duplicate candidates without comparing all pairs.

One-permutation hashing: each shingle's CRC-32 picks one of `BINS` bins and competes for
that bin's minimum, so a signature costs one cheap hash per shingle (no numpy needed).
Two texts share a band (ROWS bins in a row, all equal) with a probability that rises
steeply with their Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import operator
import zlib
from collections.abc import Sequence

SHINGLE = 3
BINS = 64
ROWS = 4
EMPTY = -1


def signature(words: Sequence[str]) -> list[int]:
    """The MinHash signature of a word sequence's shingles (empty when too short to compare)."""
    if len(words) < SHINGLE + 8:
        return []
    shingles = map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False))
    # A bin's minimum is its smallest hash (hash = value * BINS + bin): in ascending
    # order, the first hash seen in a bin is that bin's, and all are set after a few.
    mins = [EMPTY] * BINS
    left = BINS
    for h in sorted(map(zlib.crc32, map(str.encode, shingles))):
        slot = h % BINS
        if mins[slot] == EMPTY:
            mins[slot] = h // BINS
            left -= 1
            if not left:
                break
    return mins


def bands(sig: Sequence[int]) -> list[int]:
    """The LSH band keys of a signature (signed 64-bit); bands with an empty bin are left out."""
    keys = []
    for band, i in enumerate(range(0, len(sig) - ROWS + 1, ROWS)):
        rows = sig[i : i + ROWS]
        if EMPTY in rows:
            continue
        raw = f"{band}:{','.join(map(str, rows))}".encode()
        keys.append(
            int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)
        )
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if EMPTY not in a and EMPTY not in b:
        return sum(map(operator.eq, a, b)) / len(a)
    pairs = [(x, y) for x, y in zip(a, b, strict=False) if x != EMPTY or y != EMPTY]
    return sum(x == y for x, y in pairs) / len(pairs) if pairs else 0.0
