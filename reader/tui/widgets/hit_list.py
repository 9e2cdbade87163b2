"""Search results: ranked hits with a snippet whose matched words are highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message

from reader.text.safe import visible_line
from reader.tui.widgets.row_list import RowList

LAST = 1 << 30  # a move to the last row, whatever their number

if TYPE_CHECKING:
    from reader.search.results import Hit


class HitList(RowList):
    """Each hit takes three lines: title and source, snippet, a gap.

    Excerpts are cut for the hits on show: a row drawn without one asks for those of
    the next two screenfuls (ExcerptsWanted), which come back with `add_excerpts`."""

    ROW_HEIGHT = 3

    COMPONENT_CLASSES = {"hit-list--source", "hit-list--snippet", "hit-list--match"}

    class ExcerptsWanted(Message):
        """Hits about to be shown without their excerpts, by id."""

        def __init__(self, ids: list[str]) -> None:
            self.ids = ids
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []
        self._asked: set[str] = set()  # ids whose excerpts were asked for
        self._waiting: int | None = None  # awaiting hits: the moves made meanwhile
        self._open_when_filled = False  # and Enter pressed meanwhile

    def hold_moves(self) -> None:
        """Hold the moves (and an Enter) made from now on until the hits are known:
        `set_hits` makes them in the new hits, `release_moves` in those listed."""
        self._waiting = 0
        self._open_when_filled = False

    @property
    def awaiting_hits(self) -> bool:
        return self._waiting is not None

    def release_moves(self) -> int:
        """The hits listed are the ones: the moves held are made in them; how many."""
        moved, self._waiting = self._waiting or 0, None
        super()._move(moved)
        self._open_held()
        return moved

    def _open_held(self) -> None:
        if self._open_when_filled:
            self._open_when_filled = False
            self.call_later(self.action_select)  # once the screen has shown the hits

    def _move(self, delta: int) -> None:
        if self._waiting is not None:
            self._waiting = max(0, self._waiting + delta)
        else:
            super()._move(delta)

    def action_last(self) -> None:
        if self._waiting is not None:
            self._waiting = LAST
        else:
            super().action_last()

    def action_select(self) -> None:
        if self._waiting is not None:
            self._open_when_filled = True
        else:
            super().action_select()

    def set_hits(self, hits: Sequence[Hit], keep: str | None = None) -> None:
        """Show new hits from the top, or with the cursor still on the article `keep`
        when it is among them (the same query run again)."""
        moved, self._waiting = self._waiting or 0, None
        self.hits = list(hits)
        self._asked = set()
        ids = [hit.id for hit in self.hits]
        if keep in ids:
            self.set_row_count(len(self.hits), ids.index(keep) + moved)
        else:
            self.set_row_count(len(self.hits), moved)
            self.scroll_to(y=0, animate=False, immediate=True)
        if moved:
            self._keep_cursor_visible()
        self._open_held()

    @property
    def highlighted_id(self) -> str | None:
        return self.hits[self.cursor].id if 0 <= self.cursor < len(self.hits) else None

    def fill_hits(self, hits: Sequence[Hit]) -> None:
        """The same hits, completed (counted, excerpts): the cursor and scroll stay, and
        so do the excerpts already shown."""
        shown = {hit.id: hit for hit in self.hits if hit.snippet is not None}
        self.hits = [shown.get(hit.id, hit) if hit.snippet is None else hit for hit in hits]
        if len(self.hits) != self.row_count:  # (not the same hits after all: as they are)
            self.set_row_count(len(self.hits))
        else:
            self.refresh()

    def add_excerpts(self, hits: Sequence[Hit]) -> None:
        """Excerpts cut for some of the hits listed (others are left as they are)."""
        cut = {hit.id: hit for hit in hits if hit.snippet is not None}
        if cut:
            self.hits = [cut.get(hit.id, hit) if hit.snippet is None else hit for hit in self.hits]
            self.refresh()

    def _want_excerpts(self, index: int) -> None:
        """Ask for the excerpts missing around this row: the screenful before it and two
        after (so that paging on either way finds them cut)."""
        page = max(1, self.size.height // self.ROW_HEIGHT)
        wanted = [
            hit.id
            for hit in self.hits[max(0, index - page) : index + 2 * page]
            if hit.snippet is None and hit.id not in self._asked
        ]
        if wanted:
            self._asked.update(wanted)
            self.post_message(self.ExcerptsWanted(wanted))

    def on_cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(self.hits[index].id))

    def on_row_selected(self, index: int) -> None:
        self.post_message(self.Selected(self.hits[index].id))

    def render_row(self, index: int, line: int, width: int, selected: bool) -> Text:
        hit = self.hits[index]
        if line == 0:
            source = Text(
                f" {visible_line(hit.source)}", style=self.component_fg("hit-list--source")
            )
            title = Text(" " + visible_line(" ".join(hit.title.split())), style="bold")
            title.truncate(max(4, width - cell_len(source.plain)), overflow="ellipsis", pad=True)
            return title + source
        if line == 1:
            if hit.snippet is None and hit.id not in self._asked:
                self._want_excerpts(index)
            return self._snippet(hit, width - 3)
        return Text("")

    def _snippet(self, hit: Hit, width: int) -> Text:
        """The snippet on one line, shifted left so its first match is in view."""
        plain = visible_line(hit.snippet or "")
        spans = list(hit.spans)
        shift = 0
        if spans and spans[0][1] > width:
            shift = max(0, spans[0][0] - width // 3)
            plain = "…" + plain[shift + 1 :]
        snippet = Text("   " + plain, style=self.component_fg("hit-list--snippet"))
        match = self.get_component_rich_style("hit-list--match")
        for start, end in spans:
            if end - shift > 1:
                snippet.stylize(match, max(1, start - shift) + 3, end - shift + 3)
        return snippet
