"""The source list: articles grouped by source, newest first, groups fold."""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import cell_len
from rich.text import Text

from reader.search.listing import ID, Group, Listing, ListingRow
from reader.text.safe import visible_line
from reader.tui.keys import bindings
from reader.tui.widgets.row_list import RowList

MIN_TITLE_BESIDE_DATE = 24  # cells of title a row keeps before showing its date
ARROW, FOLDED = "▾ ", "▸ "  # before a source's name, unfolded and folded


class SourceList(RowList):
    """Every article of the library, one line each, under a header per source.

    Rows are drawn from a `Listing` (one flat list of tuples) through the group
    boundaries: no object per row, so 100k articles cost no more to show than 100.
    """

    BINDINGS = bindings("sources")

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
        self._listing = Listing()
        self._starts: list[int] = []  # the row of each group's header
        self._collapsed: set[str] = set()
        self.read_ids: set[str] = set()
        self.note_counts: dict[str, int] = {}
        self.story_sources: dict[str, int] = {}  # article id -> sources telling its story

    # ----- data ------------------------------------------------------------------------

    def set_listing(self, listing: Listing) -> None:
        """Replace the list, keeping the highlighted article, or source header, where it
        still exists."""
        keep_id, keep_source = self.highlighted_id, None
        if keep_id is None and 0 <= self.cursor < self.row_count:
            keep_source = self._row(self.cursor)[0].source
        self._listing = listing
        self._rebuild(keep_id, keep_source)

    @property
    def article_count(self) -> int:
        return len(self._listing.rows)

    @property
    def sources(self) -> list[str]:
        return [group.source for group in self._listing.groups]

    def _rebuild(self, keep_id: str | None = None, keep_source: str | None = None) -> None:
        starts: list[int] = []
        count = 0
        cursor = None
        for group in self._listing.groups:
            starts.append(count)
            if group.source == keep_source:
                cursor = count
            count += 1
            if group.source not in self._collapsed:
                count += group.end - group.start
        self._starts = starts
        if keep_id is not None and (position := self._row_of(keep_id)) is not None:
            cursor = position
        if cursor is None:  # the first article on show
            cursor = next(
                (
                    start + 1
                    for start, group in zip(starts, self._listing.groups, strict=True)
                    if group.source not in self._collapsed and group.end > group.start
                ),
                0,
            )
        self.set_row_count(count, cursor)

    def _row(self, index: int) -> tuple[Group, ListingRow | None]:
        """The group a row belongs to, and its article (None for the group's header)."""
        g = bisect_right(self._starts, index) - 1
        group = self._listing.groups[g]
        offset = index - self._starts[g]
        return group, (self._listing.rows[group.start + offset - 1] if offset else None)

    def _row_of(self, article_id: str) -> int | None:
        """The row showing an article, when its group is unfolded."""
        position = self._listing.index_of(article_id)
        if position is None:
            return None
        group = self._listing.group_at(position)
        g = self._listing.groups.index(group)
        if group.source in self._collapsed:
            return None
        return self._starts[g] + 1 + position - group.start

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor < self.row_count and (article := self._row(self.cursor)[1]):
            return article[ID]
        return None

    def highlight_article(self, article_id: str) -> bool:
        """Move the cursor to an article, unfolding its group; False when unknown."""
        position = self._listing.index_of(article_id)
        if position is None:
            return False
        self._collapsed.discard(self._listing.group_at(position).source)
        self._rebuild(keep_id=article_id)
        return True

    def jump_to_source(self, source: str) -> None:
        self._collapsed.discard(source)
        self._rebuild(keep_source=source)
        self.cursor = min(self.cursor + 1, self.row_count - 1)

    def refresh_markers(self) -> None:
        self.refresh()

    # ----- actions ---------------------------------------------------------------------

    def action_collapse(self) -> None:
        if not self.row_count:
            return
        source = self._row(self.cursor)[0].source
        self._collapsed.add(source)
        self._rebuild(keep_source=source)

    def action_expand(self) -> None:
        if not self.row_count:
            return
        group, article = self._row(self.cursor)
        self._collapsed.discard(group.source)
        self._rebuild(
            keep_id=article[ID] if article else None,
            keep_source=None if article else group.source,
        )

    def action_toggle_all(self) -> None:
        if not self.row_count:
            return
        source = self._row(self.cursor)[0].source
        sources = self.sources
        if len(self._collapsed) < len(sources):
            self._collapsed = set(sources)
        else:
            self._collapsed.clear()
        self._rebuild(keep_source=source)

    def on_cursor_moved(self, index: int) -> None:
        article = self._row(index)[1]
        if article is not None:
            self.post_message(self.Highlighted(article[ID]))

    def toggles_at(self, index: int, x: int) -> bool:
        """A source header's arrow (`▾`, `▸`) folds or unfolds it at a click."""
        return x < len(ARROW) and self._row(index)[1] is None

    def on_row_selected(self, index: int) -> None:
        group, article = self._row(index)
        if article is None:
            if group.source in self._collapsed:
                self._collapsed.discard(group.source)
            else:
                self._collapsed.add(group.source)
            self._rebuild(keep_source=group.source)
        else:
            self.post_message(self.Selected(article[ID]))

    # ----- rendering -------------------------------------------------------------------

    def render_row(self, index: int, line: int, width: int, selected: bool) -> Text:
        group, article = self._row(index)
        if article is None:
            folded = group.source in self._collapsed
            text = Text(FOLDED if folded else ARROW, style=self.component_fg("source-list--group"))
            text.append(visible_line(group.source), style=self.component_fg("source-list--group"))
            text.append(f"  {group.total:,}", style=self.component_fg("source-list--count"))
            return text
        article_id, title, date = article
        unread = article_id not in self.read_ids
        text = Text("  ")
        text.append("● " if unread else "  ", style=self.component_fg("source-list--unread"))
        right = Text()
        notes = self.note_counts.get(article_id, 0)
        if notes:
            right.append(f" ✎{notes}", style=self.component_fg("source-list--notes"))
        stories = self.story_sources.get(article_id, 0)
        if stories:
            right.append(f" ⧉{stories}", style=self.component_fg("source-list--stories"))
        room = width - cell_len(text.plain) - cell_len(right.plain) - 1
        if date and room - len(date) - 1 >= MIN_TITLE_BESIDE_DATE:  # else the title has it
            right.append(f" {date}", style=self.component_fg("source-list--date"))
            room -= len(date) + 1
        title_width = max(4, room)
        shown = Text(visible_line(" ".join(title.split())), style="bold" if unread else "")
        shown.truncate(title_width, overflow="ellipsis", pad=True)
        text.append_text(shown)
        text.append(" ")
        text.append_text(right)
        return text
