"""How much of a long article the story features and a comparison look at.

Both cost time in proportion to the text, a comparison more (quotations against
quotations, each side's words against the other's quotes): a 19 MB article took 57 s
and 1 GB to compare. So they read the body blocks within the first `LIMIT` characters of
the canonical text, cut at a space, and a comparison says when it stopped short (and
the compare view shows no more than was compared).
"""

from __future__ import annotations

from dataclasses import replace

from reader.model import Article, Block

LIMIT = 200_000  # characters: two sides this long compare in well under a second
_BACK_TO_SPACE = 200  # how far a cut may move back to fall between two words


def window_end(article: Article, limit: int = LIMIT) -> int:
    """The canonical offset where the looked-at part of the article ends."""
    text = article.text
    if len(text) <= limit:
        return len(text)
    space = max(text.rfind(c, max(0, limit - _BACK_TO_SPACE), limit + 1) for c in " \n")
    return space if space > 0 else limit


def body_in_window(article: Article, limit: int = LIMIT) -> list[tuple[Block, str]]:
    """The body blocks that begin within the window, each with its text up to the window's end."""
    end = window_end(article, limit)
    return [
        (block, article.text[block.start : min(block.end, end)])
        for block in article.body_blocks
        if block.start < end
    ]


def article_until(article: Article, end: int) -> Article:
    """The article with its text cut at canonical offset `end` (itself when it is shorter):
    what the compare view shows of a side it compared only in part."""
    if end >= len(article.text):
        return article
    blocks = []
    for block in article.blocks:
        if block.start >= end:
            break
        if block.end > end:
            size = end - block.start
            marks = tuple(
                replace(mark, end=min(mark.end, size)) for mark in block.marks if mark.start < size
            )
            block = replace(block, end=end, marks=marks)
        blocks.append(block)
    return replace(article, text=article.text[:end], blocks=blocks)
