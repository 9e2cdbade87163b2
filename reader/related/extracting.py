"""The features of changed articles, as the store's rows: in worker processes when there
are many (each reads its articles from the search index itself), here otherwise."""

from __future__ import annotations

from collections import deque
from collections.abc import Generator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from reader.errors import ReaderError
from reader.infra.processes import process_pool, stop_pool
from reader.model import Article
from reader.related.features import Features, extract
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
    chunks = chunked(ids, CHUNK)

    def articles(chunk: list[str]) -> list[Article]:
        return [a for a in map(index.article, chunk) if a is not None]

    yielded = 0
    if workers > 1 and len(ids) >= POOL_MIN_ARTICLES:
        where = (str(index.root), str(index.path))
        try:
            with process_pool(workers) as pool:
                running: deque[Future] = deque()
                submitted = 0
                try:
                    while submitted < len(chunks) or running:
                        while submitted < len(chunks) and len(running) < workers * 2:
                            running.append(pool.submit(_extract_read, *where, chunks[submitted]))
                            submitted += 1
                        result = running.popleft().result()
                        yield len(chunks[yielded]), result
                        yielded += 1
                except BaseException:  # stopped early (a signal, the app closing): not waiting
                    stop_pool(pool)
                    raise
        except (BrokenProcessPool, OSError, ValueError, ReaderError):
            pass  # the pool failed, or a worker could not read the index: finish here
    for chunk in chunks[yielded:]:
        yield len(chunk), extract_all(articles(chunk))
