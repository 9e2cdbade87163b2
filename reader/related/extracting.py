"""The features of changed articles, as the store's rows: in worker processes when there
are many (each reads its articles from the search index itself), here otherwise."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from reader.model import Article
from reader.related.features import Features, extract
from reader.related.pool import in_order
from reader.related.store import Batch, batch
from reader.search.index import LibraryIndex

CHUNK = 250
POOL_MIN_ARTICLES = 400  # below this, starting processes costs more than it saves


def chunked(items: list[str], size: int) -> list[list[str]]:
    """The items in lists of `size` (the last one shorter)."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def extract_all(articles: list[Article]) -> Batch:
    """The articles' features as the store's rows (made where the features are)."""
    return batch(_extract_one(a) for a in articles)


def _extract_one(article: Article) -> Features:
    """The article's features; empty ones (it matches nothing) if its text defeats extraction,
    so that one odd file neither stops the update nor is retried until it changes."""
    try:
        return extract(article)
    except Exception:
        return Features(
            article.id, article.sha256, article.title, article.source, None, {}, {}, {}, []
        )


# A worker's own connection to the search index, opened on its first chunk: the workers
# read the articles themselves, so the updating process neither reads nor sends them.
_WORKER_INDEX: dict[tuple[str, str], LibraryIndex] = {}


def _extract_read(root: str, db_path: str, ids: list[str]) -> Batch:
    """In a worker: the store's rows of these indexed articles (those still there)."""
    index = _WORKER_INDEX.get((root, db_path))
    if index is None:
        index = _WORKER_INDEX[root, db_path] = LibraryIndex(Path(root), db_path=Path(db_path))
    return extract_all([a for a in map(index.article, ids) if a is not None])


def extracted(
    index: LibraryIndex, ids: list[str], workers: int
) -> Generator[tuple[int, Batch], None, None]:
    """(articles done, their store rows) per chunk, in order; from worker processes when
    there are many (each reads its chunks' articles from the index and makes their rows)."""

    def here(chunk: list[str]) -> Batch:
        return extract_all([a for a in map(index.article, chunk) if a is not None])

    apart = workers if len(ids) >= POOL_MIN_ARTICLES else 1
    where = (str(index.root), str(index.path))
    for chunk, rows in in_order(chunked(ids, CHUNK), apart, _extract_read, where, here):
        yield len(chunk), rows
