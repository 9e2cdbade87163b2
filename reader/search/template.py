"""Each source's template: lines that recur across many of its articles are its chrome.

A site's menus, footers and standing lines ("Our Standards: The Thomson Reuters Trust
Principles") come back on every page saved from it, while a story's sentences do not.
The index keeps, per source, how many of its articles hold each short block (a table
of block hashes, filled and emptied as articles are indexed and removed), and an article
read from the index folds the blocks that most of its source's articles share, saying
so. Sources of a few articles have no template; and a fold that would leave less than
half of an article's text is not made.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from dataclasses import replace

from reader.model import Article, Block

DDL = (
    "CREATE TABLE IF NOT EXISTS template_lines (source TEXT NOT NULL, hash INTEGER NOT NULL, "
    "docs INTEGER NOT NULL, PRIMARY KEY (source, hash)) WITHOUT ROWID"
)
# Blocks longer than this are the articles' own text, never a template's.
MAX_CHARS = 400
# A source needs this many articles before it has a template ...
MIN_ARTICLES = 5
# ... and a block is template when this share of them (and at least MIN_REPEATS) hold it.
SHARE = 0.5
MIN_REPEATS = 3
# A template fold never leaves less than this share of an article's words.
KEEP_SHARE = 0.5


def line_hash(text: str) -> int:
    """A stable 63-bit hash of a block's text, whitespace and case folded."""
    key = " ".join(text.split()).casefold().encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") >> 1


def hashes(text: str, blocks: list[Block]) -> set[int]:
    return {line_hash(text[b.start : b.end]) for b in blocks if 0 < b.end - b.start <= MAX_CHARS}


def count(conn: sqlite3.Connection, source: str, lines: set[int], step: int) -> None:
    """Add (step 1) or take away (step -1) one article's lines from its source's counts."""
    if not lines:
        return
    rows = [(source, h) for h in lines]
    if step > 0:
        conn.executemany(
            "INSERT INTO template_lines VALUES (?, ?, 1) "
            "ON CONFLICT (source, hash) DO UPDATE SET docs = docs + 1",
            rows,
        )
        return
    conn.executemany(
        "UPDATE template_lines SET docs = docs - 1 WHERE source = ? AND hash = ?", rows
    )
    conn.executemany("DELETE FROM template_lines WHERE source = ? AND hash = ? AND docs <= 0", rows)


def apply(conn: sqlite3.Connection, article: Article) -> Article:
    """The article with its source's template blocks folded (a new Article)."""
    # Both columns of the articles_source index: a seek to the source's rows, where
    # `source = ?` alone scanned the whole index for every article read.
    total = conn.execute(
        "SELECT count(*) FROM articles WHERE source = ?1 COLLATE NOCASE AND source = ?1",
        (article.source,),
    ).fetchone()[0]
    if total < MIN_ARTICLES:
        return article
    need = max(MIN_REPEATS, math.ceil(SHARE * total))
    candidates = {
        line_hash(article.block_text(b)): k
        for k, b in enumerate(article.blocks)
        if not b.boilerplate and 0 < b.end - b.start <= MAX_CHARS
    }
    if not candidates:
        return article
    marks = ",".join("?" * len(candidates))
    found = conn.execute(
        f"SELECT hash, docs FROM template_lines WHERE source = ? AND docs >= ? "
        f"AND hash IN ({marks})",
        (article.source, need, *candidates),
    ).fetchall()
    if not found:
        return article
    folded = {candidates[h]: docs for h, docs in found}
    body = sum(b.end - b.start for b in article.blocks if not b.boilerplate)
    cut = sum(article.blocks[k].end - article.blocks[k].start for k in folded)
    if body and body - cut < KEEP_SHARE * body:
        return article
    blocks = [
        replace(
            b,
            boilerplate=True,
            reason=f"on {folded[k]} of {total} pages from {article.source}",
        )
        if k in folded
        else b
        for k, b in enumerate(article.blocks)
    ]
    return replace(article, blocks=blocks)
