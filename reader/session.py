"""One library opened for reading: its index, reading state and notes, for the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from reader.model import Article
from reader.notes.placement import Annotations
from reader.notes.store import NotesStore
from reader.paths import notes_dir_for
from reader.search.index import LibraryIndex, open_index
from reader.search.query import parse_query
from reader.search.records import ArticleRow
from reader.state import ReadingState


class Session:
    """The core services a front end needs, opened lazily so start-up stays instant."""

    def __init__(self, root: Path, *, notes_dir: Path | None = None) -> None:
        self.root = root
        self.notes_dir = notes_dir or notes_dir_for(root)

    @cached_property
    def index(self) -> LibraryIndex:
        return open_index(self.root)

    @cached_property
    def state(self) -> ReadingState:
        return ReadingState(self.root)

    @cached_property
    def annotations(self) -> Annotations:
        return Annotations(NotesStore(self.notes_dir))

    def articles(self) -> list[ArticleRow]:
        """Every indexed article, from the index alone (no file is read)."""
        return self.index.articles()

    def article(self, article_id: str) -> Article | None:
        return self.index.article(article_id)

    def update_index(self, progress: Callable[[int, int], None] | None = None):
        return self.index.update(progress=progress)

    def search(self, text: str, limit: int = 200):
        return self.index.search(text, limit=limit, read_ids=self.state.read_ids())

    @staticmethod
    def highlight_terms(text: str) -> list[str]:
        """The words and phrases of a query worth highlighting in an opened hit."""
        return [term.text for term in parse_query(text).terms if term.text.strip()]
