"""Full-text search over a library: the query language and the SQLite FTS5 index."""

from reader.search.index import LibraryIndex, index_path, open_index
from reader.search.query import Query, Term, parse_query
from reader.search.records import ArticleRow
from reader.search.results import Hit, SearchResult, UpdateStats

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
