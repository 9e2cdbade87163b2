"""Caret motions over an article's text: by character, word, sentence and paragraph.

Pure functions of the text and the spans of the blocks on screen, so the caret
never lands in hidden boilerplate or between blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]+")
_SENTENCE_START = re.compile(r"""(?<=[.!?…])["'”’)\]]*\s+(?=\S)""")

Spans = list[tuple[int, int]]


def clamp(offset: int, blocks: Spans) -> int:
    """The nearest offset inside a shown block (the last character of it at most)."""
    if not blocks:
        return 0
    starts = [s for s, _ in blocks]
    i = bisect_right(starts, offset) - 1
    if i < 0:
        return blocks[0][0]
    start, end = blocks[i]
    if offset < end:
        return offset
    if i + 1 < len(blocks):
        return blocks[i + 1][0]
    return max(start, end - 1)


def char(text: str, offset: int, delta: int, blocks: Spans) -> int:
    """One character (grapheme) left or right, skipping block gaps."""
    # `regex` (for graphemes) is loaded on the first selection, not at start-up.
    from reader.text.graphemes import snap_end, snap_start

    if delta > 0:
        target = snap_end(text, offset + 1)
        start, end = _block_of(offset, blocks)
        if target >= end:
            following = [b for b in blocks if b[0] >= end]
            return following[0][0] if following else offset
        return target
    start, _ = _block_of(offset, blocks)
    if offset <= start:
        earlier = [b for b in blocks if b[1] <= start]
        return max(earlier[-1][0], earlier[-1][1] - 1) if earlier else offset
    return snap_start(text, offset - 1)


def _block_of(offset: int, blocks: Spans) -> tuple[int, int]:
    starts = [s for s, _ in blocks]
    i = max(0, bisect_right(starts, offset) - 1)
    return blocks[i] if blocks else (0, 0)


def _word_spans(text: str, blocks: Spans) -> Spans:
    # finditer with bounds reports offsets in the whole text, not in the block.
    return [(m.start(), m.end()) for start, end in blocks for m in _WORD.finditer(text, start, end)]


def word_forward(text: str, offset: int, blocks: Spans) -> int:
    """`w`: the start of the next word."""
    words = _word_spans(text, blocks)
    i = bisect_right([s for s, _ in words], offset)
    return words[i][0] if i < len(words) else offset


def word_back(text: str, offset: int, blocks: Spans) -> int:
    """`b`: the start of this word, or of the one before when already there."""
    words = _word_spans(text, blocks)
    i = bisect_left([s for s, _ in words], offset) - 1
    return words[i][0] if i >= 0 else offset


def word_end(text: str, offset: int, blocks: Spans) -> int:
    """`e`: the last character of this word, or of the next when already there."""
    words = _word_spans(text, blocks)
    i = bisect_right([e - 1 for _, e in words], offset)
    return words[i][1] - 1 if i < len(words) else offset


def _sentence_starts(text: str, blocks: Spans) -> list[int]:
    starts: list[int] = []
    for start, end in blocks:
        starts.append(start)
        starts.extend(m.end() for m in _SENTENCE_START.finditer(text, start, end))
    return starts


def sentence_forward(text: str, offset: int, blocks: Spans) -> int:
    """`)`: the start of the next sentence."""
    starts = _sentence_starts(text, blocks)
    i = bisect_right(starts, offset)
    return starts[i] if i < len(starts) else offset


def sentence_back(text: str, offset: int, blocks: Spans) -> int:
    """`(`: the start of this sentence, or of the one before when already there."""
    starts = _sentence_starts(text, blocks)
    i = bisect_left(starts, offset) - 1
    return starts[i] if i >= 0 else offset


def sentence_end(text: str, offset: int, blocks: Spans) -> int:
    """The last character of the sentence that holds `offset`."""
    starts = _sentence_starts(text, blocks)
    i = bisect_right(starts, offset)
    _, block_end = _block_of(offset, blocks)
    end = min(starts[i], block_end) if i < len(starts) else block_end
    while end > offset + 1 and text[end - 1].isspace():
        end -= 1
    return max(offset, end - 1)


def sentence_end_forward(text: str, offset: int, blocks: Spans) -> int:
    """`)` while selecting: the last character of this sentence, or of the next one."""
    end = sentence_end(text, offset, blocks)
    if end > offset:
        return end
    following = sentence_forward(text, offset, blocks)
    return sentence_end(text, following, blocks) if following != offset else offset


def paragraphs(text: str, blocks: list[tuple[int, int, bool]]) -> Spans:
    """What `V`, `{` and `}` take as paragraphs: the blocks (start, end, is a table),
    a table's rows apart, since each is a line of its own on screen."""
    spans: Spans = []
    for start, end, table in blocks:
        if not table:
            spans.append((start, end))
            continue
        for row in text[start:end].split("\n"):
            spans.append((start, start + len(row)))
            start += len(row) + 1
    return spans


def paragraph_end_forward(offset: int, blocks: Spans) -> int:
    """`}` while selecting: the last character of this block, or of the next one."""
    _, end = _block_of(offset, blocks)
    if offset < end - 1:
        return end - 1
    following = [e for s, e in blocks if s > offset]
    return following[0] - 1 if following else offset


def paragraph_back(offset: int, blocks: Spans) -> int:
    """`{`: the start of this block, or of the one before when already there."""
    earlier = [s for s, _ in blocks if s < offset]
    return earlier[-1] if earlier else offset


def paragraph_span(offset: int, blocks: Spans) -> tuple[int, int]:
    """The whole block that holds `offset`, as (start, end)."""
    return _block_of(offset, blocks)
