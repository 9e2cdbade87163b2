"""The source list: articles grouped by source, newest first, groups fold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding

from reader.safetext import visible_line
from reader.tui.widgets.row_list import RowList


class ListedArticle(Protocol):
    id: str
    title: str
    source: str
    date: str | None


@dataclass(frozen=True, slots=True)
class Row:
    source: str
    article: ListedArticle | None = None  # None for a group header


class SourceList(RowList):
    """Every article of the library, one line each, under a header per source."""

    BINDINGS = [
        Binding("left,h", "collapse", "Fold", show=False, id="sources.collapse"),
        Binding("right,l", "expand", "Unfold", show=False, id="sources.expand"),
        Binding("z", "toggle_all", "Fold all", show=False, id="sources.toggle_all"),
    ]

    COMPONENT_CLASSES = {
        "source-list--group",
        "source-list--count",
        "source-list--date",
        "source-list--unread",
        "source-list--notes",
        "source-list--stories",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._groups: dict[str, list[ListedArticle]] = {}
        self._order: list[str] = []
        self._rows: list[Row] = []
        self._collapsed: set[str] = set()
        self.read_ids: set[str] = set()
        self.note_counts: dict[str, int] = {}
        self.story_sources: dict[str, int] = {}  # article id -> sources telling its story

    # ----- data ------------------------------------------------------------------------

    def set_articles(self, articles: Sequence[ListedArticle]) -> None:
        """Replace the list, keeping the highlighted article where it still exists."""
        keep = self.highlighted_id
        groups: dict[str, list[ListedArticle]] = {}
        for article in articles:
            groups.setdefault(article.source, []).append(article)
        for items in groups.values():
            items.sort(key=lambda a: a.title.lower())
            items.sort(key=lambda a: a.date or "", reverse=True)
        self._groups = groups
        self._order = sorted(groups, key=str.lower)
        self._rebuild(keep)

    @property
    def article_count(self) -> int:
        return sum(len(items) for items in self._groups.values())

    @property
    def sources(self) -> list[str]:
        return list(self._order)

    def _rebuild(self, keep_id: str | None = None, keep_source: str | None = None) -> None:
        rows: list[Row] = []
        cursor = 0
        for source in self._order:
            if source == keep_source:
                cursor = len(rows)
            rows.append(Row(source))
            if source in self._collapsed:
                continue
            for article in self._groups[source]:
                if article.id == keep_id:
                    cursor = len(rows)
                rows.append(Row(source, article))
        self._rows = rows
        if keep_id is None and keep_source is None:
            cursor = next((i for i, r in enumerate(rows) if r.article), 0)
        self.set_row_count(len(rows), cursor)

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor < len(self._rows) and (article := self._rows[self.cursor].article):
            return article.id
        return None

    def highlight_article(self, article_id: str) -> bool:
        """Move the cursor to an article, unfolding its group; False when unknown."""
        for source, items in self._groups.items():
            if any(a.id == article_id for a in items):
                self._collapsed.discard(source)
                self._rebuild(keep_id=article_id)
                return True
        return False

    def jump_to_source(self, source: str) -> None:
        self._collapsed.discard(source)
        self._rebuild(keep_source=source)
        self.cursor = min(self.cursor + 1, self.row_count - 1)

    def refresh_markers(self) -> None:
        self.refresh()

    # ----- actions ---------------------------------------------------------------------

    def action_collapse(self) -> None:
        if not self._rows:
            return
        source = self._rows[self.cursor].source
        self._collapsed.add(source)
        self._rebuild(keep_source=source)

    def action_expand(self) -> None:
        if not self._rows:
            return
        row = self._rows[self.cursor]
        self._collapsed.discard(row.source)
        self._rebuild(
            keep_id=row.article.id if row.article else None,
            keep_source=None if row.article else row.source,
        )

    def action_toggle_all(self) -> None:
        if not self._rows:
            return
        source = self._rows[self.cursor].source
        if len(self._collapsed) < len(self._order):
            self._collapsed = set(self._order)
        else:
            self._collapsed.clear()
        self._rebuild(keep_source=source)

    def on_cursor_moved(self, index: int) -> None:
        row = self._rows[index]
        if row.article is not None:
            self.post_message(self.Highlighted(row.article.id))

    def on_row_selected(self, index: int) -> None:
        row = self._rows[index]
        if row.article is None:
            if row.source in self._collapsed:
                self._collapsed.discard(row.source)
            else:
                self._collapsed.add(row.source)
            self._rebuild(keep_source=row.source)
        else:
            self.post_message(self.Selected(row.article.id))

    # ----- rendering -------------------------------------------------------------------

    def render_row(self, index: int, line: int, width: int, selected: bool) -> Text:
        row = self._rows[index]
        if row.article is None:
            folded = row.source in self._collapsed
            text = Text("▸ " if folded else "▾ ", style=self.component_fg("source-list--group"))
            text.append(visible_line(row.source), style=self.component_fg("source-list--group"))
            text.append(
                f"  {len(self._groups[row.source])}",
                style=self.component_fg("source-list--count"),
            )
            return text
        article = row.article
        unread = article.id not in self.read_ids
        text = Text("  ")
        text.append("● " if unread else "  ", style=self.component_fg("source-list--unread"))
        right = Text()
        notes = self.note_counts.get(article.id, 0)
        if notes:
            right.append(f" ✎{notes}", style=self.component_fg("source-list--notes"))
        stories = self.story_sources.get(article.id, 0)
        if stories:
            right.append(f" ⧉{stories}", style=self.component_fg("source-list--stories"))
        if article.date:
            right.append(f" {article.date}", style=self.component_fg("source-list--date"))
        title_width = max(4, width - cell_len(text.plain) - cell_len(right.plain) - 1)
        title = Text(visible_line(" ".join(article.title.split())), style="bold" if unread else "")
        title.truncate(title_width, overflow="ellipsis", pad=True)
        text.append_text(title)
        text.append(" ")
        text.append_text(right)
        return text
