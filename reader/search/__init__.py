"""Full-text search over a library: the query language and the SQLite FTS5 index.

Names are loaded on first use, so that importing one part (the listing, say) does not
load the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.infra.lazy import lazy_names

if TYPE_CHECKING:
    from reader.search.index import LibraryIndex, index_path, open_index
    from reader.search.query import Query, Term, parse_query
    from reader.search.records import ArticleRow
    from reader.search.results import Hit, SearchResult, UpdateStats

_HOMES = {
    "ArticleRow": "records",
    "Hit": "results",
    "LibraryIndex": "index",
    "Query": "query",
    "SearchResult": "results",
    "Term": "query",
    "UpdateStats": "results",
    "index_path": "index",
    "open_index": "index",
    "parse_query": "query",
}

__all__ = [
    "ArticleRow",
    "Hit",
    "LibraryIndex",
    "Query",
    "SearchResult",
    "Term",
    "UpdateStats",
    "index_path",
    "open_index",
    "parse_query",
]


__getattr__ = lazy_names(__name__, _HOMES)
