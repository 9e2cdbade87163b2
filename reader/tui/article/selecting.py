"""Selecting by keyboard (`v`, `V`, then motions), kept as Textual's selection too, so that
the mouse and `ctrl+c` work on it; and asking for a note on what is selected.

A selection is kept as offsets into the article's text and placed on the screen's rows and
columns anew on each layout, so a resize or the list pane hidden never moves it to other
text."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.geometry import Offset
from textual.selection import Selection

from reader.text.safe import without_controls
from reader.tui.article import motions
from reader.tui.article.cursor import ReadingCursor
from reader.tui.article.drag_edges import DragEdges
from reader.tui.article.messages import AnnotateRequested
from reader.tui.keys import with_keys_named

if TYPE_CHECKING:
    from reader.tui.article.view import ArticleView


class KeyboardSelection(DragEdges, ReadingCursor):
    """Part of `ArticleView`: the selection mode and Textual's selection protocol."""

    # A mouse selection's offsets, on the layout they were read from
    _offsets_memo: tuple[Selection, object, tuple[int, int] | None] | None = None

    if TYPE_CHECKING:
        matches: list[tuple[int, int]]
        current_match: int
        caret: int | None
        _anchor: int
        _selected: tuple[int, int]  # the text selected, [start, end), when `_placed` shows
        _placed: Selection | None  # the selection this view gave Textual, from `_selected`

        def scroll_to_offset(
            self, offset: int, *, animate: bool = False, top: bool = False
        ) -> None: ...

    def action_start_select(self) -> None:
        """`v`: a caret at the reading cursor, or the match under it selected whole (as
        vim's `gn`); motions extend the selection."""
        blocks = self._shown_blocks()
        if not blocks:
            return
        at = motions.clamp(self.cursor, blocks)
        if self._on_title_match(at, blocks):
            self.notify("That match is in the title: notes go on the article's text.", timeout=3)
            return
        match = self._match_at(at)
        self.selecting = True
        if match is not None:
            self._anchor, self.caret = match[0], max(match[0], match[1] - 1)
        else:
            self._anchor = self.caret = at
        self._sync_selection()
        self.refresh_bindings()

    def _on_title_match(self, at: int, blocks: list[tuple[int, int]]) -> bool:
        """The current match is in the header and the cursor still where it put it."""
        if not 0 <= self.current_match < len(self.matches):
            return False
        start = self.matches[self.current_match][0]
        return start < 0 and at == motions.clamp(start, blocks)

    def _match_at(self, offset: int) -> tuple[int, int] | None:
        """The match under `offset`: the current one first, else any."""
        if 0 <= self.current_match < len(self.matches):
            start, end = self.matches[self.current_match]
            if start <= offset < end:
                return start, end
        return next(((s, e) for s, e in self.matches if s <= offset < e), None)

    def action_select_paragraph(self) -> None:
        """`V`: select the whole paragraph at the caret (or at the reading cursor); in a
        table, the row."""
        blocks = self._shown_blocks()
        if not blocks:
            return
        at = (
            self.caret
            if self.selecting and self.caret is not None
            else motions.clamp(self.cursor, blocks)
        )
        start, end = motions.paragraph_span(at, self._paragraphs())
        self.selecting = True
        self._anchor = start
        self.caret = max(start, end - 1)
        self._sync_selection()
        self.refresh_bindings()

    def action_move(self, unit: str, delta: int) -> None:
        if not self.selecting or self.caret is None or self.article is None:
            return
        text, blocks, at = self.article.text, self._shown_blocks(), self.caret
        if unit == "char":
            at = motions.char(text, at, delta, blocks)
        elif unit == "word":
            at = (motions.word_forward if delta > 0 else motions.word_back)(text, at, blocks)
        elif unit == "word_end":
            at = motions.word_end(text, at, blocks)
        elif unit == "sentence":
            # Forward motions stop at the end of a unit, so a selection never takes
            # the first letter of the next sentence or paragraph along.
            if delta > 0:
                at = motions.sentence_end_forward(text, at, blocks)
            else:
                at = motions.sentence_back(text, at, blocks)
        elif unit == "paragraph":
            if delta > 0:
                at = motions.paragraph_end_forward(at, self._paragraphs())
            else:
                at = motions.paragraph_back(at, self._paragraphs())
        elif unit == "line":
            at = self._line_move(at, delta, blocks)
        self.caret = at
        self._sync_selection()
        self.move_cursor(at, scroll=False)
        self.scroll_to_offset(at)

    def _line_move(self, offset: int, delta: int, blocks: list[tuple[int, int]]) -> int:
        layout = self._layout
        assert layout is not None
        row, column = layout.point_for_offset(offset)
        target = row + delta
        layout.ensure_row(target)
        while 0 <= target < layout.row_count and not layout.line(target).is_text:
            target += delta
            layout.ensure_row(target)
        if not 0 <= target < layout.row_count:
            return offset
        return motions.clamp(layout.offset_at(target, column), blocks)

    def _sync_selection(self) -> None:
        """Mirror the keyboard selection into Textual's, so ctrl+c copies it."""
        if self.caret is None:
            return
        from reader.text.graphemes import snap_end  # `regex`: not loaded at start-up

        start, end = sorted((self._anchor, self.caret))
        end = snap_end(self.article.text, end + 1) if self.article else end + 1
        self.select_offsets(start, end)
        self.refresh()  # (the rows cached are kept: each knows the selection it shows)

    def action_cancel_select(self) -> None:
        self.selecting = False
        self.caret = None
        self.clear_selection()
        self.refresh()
        self.refresh_bindings()

    def selected_span(self) -> tuple[int, int] | None:
        """The (start, end) offsets of the selected text in the article, if any text is selected."""
        selection = self.text_selection
        if selection is None:
            return None
        span = self._offsets_of(selection)
        if span is None or span[0] == span[1] or self.article is None:
            return None
        if not self.article.text[span[0] : span[1]].strip():
            return None
        return span

    def action_annotate(self) -> None:
        self._request_annotation(with_note=True)

    def action_highlight(self) -> None:
        self._request_annotation(with_note=False)

    def action_select_highlight(self) -> None:
        self._request_annotation(with_note=False)

    def _request_annotation(self, *, with_note: bool) -> None:
        span = self.selected_span()
        if span is None:
            # (the key works without one, so that it says how, rather than nothing)
            how = "{article.select}, then move ({article.select_paragraph}: the paragraph)"
            self.notify(
                with_keys_named(
                    self.app, f"Select a passage first: {how}, or drag with the mouse."
                ),
                timeout=4,
            )
            return
        self.post_message(AnnotateRequested(cast("ArticleView", self), span[0], span[1], with_note))
        self.action_cancel_select()

    # ----- the selection as Textual knows it (the mouse, ctrl+c) ------------------------

    def _offsets_of(self, selection: Selection) -> tuple[int, int] | None:
        """The canonical (start, end) of a selection: as kept, for the one this view
        placed; else (the mouse's) read off the layout it was made on, this one."""
        if selection is self._placed:
            return self._selected
        # Asked for each row drawn: worked out once for a selection on a layout.
        memo = self._offsets_memo
        if memo is None or memo[0] is not selection or memo[1] is not self._layout:
            memo = self._offsets_memo = (selection, self._layout, self.selection_offsets(selection))
        return memo[2]

    def selection_offsets(self, selection: Selection) -> tuple[int, int] | None:
        """The canonical (start, end) a Textual selection covers on the present layout: its
        columns are cells (see `cells`), its end the cell after the last one taken."""
        if self._layout is None or self.article is None:
            return None
        start = (
            self._layout.offset_at(selection.start.y, selection.start.x)
            if selection.start is not None
            else 0
        )
        end = (
            self._layout.end_at(selection.end.y, selection.end.x)
            if selection.end is not None
            else len(self.article.text)
        )
        return (start, end) if start <= end else (end, start)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self._offsets_of(selection)
        if span is None or self.article is None:
            return None
        start, end = span
        return without_controls(self.article.text[start:end]), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        # (Told after the fact: only the selection still shown is taken as the one.)
        if selection is None:
            self._stop_edge_scroll()
        elif selection is self.text_selection:
            if selection is not self._edge_kept:
                kept = self._kept_at_edge(selection)
                if kept is not None:
                    self.screen.selections = {self: kept}  # told again, of this one
                    return
            span = self._offsets_of(selection)
            if span is not None:
                self._selected, self._placed = span, selection  # kept as text from now on
        if selection is None and self.selecting:
            # Textual dropped the selection (a click elsewhere): leave selection mode too.
            self.selecting = False
            self.caret = None
            self.refresh_bindings()
        self.refresh()

    def select_offsets(self, start: int, end: int) -> None:
        """Select canonical [start, end) as a Textual selection (so ctrl+c copies it)."""
        if self._layout is None:
            return
        self._selected = (start, end)
        self._place(Selection(self._point(start), self._point(end)))

    def _selection_laid_out(self) -> None:
        """After a new layout: the selection shown is placed on its rows and columns."""
        shown = self._placed
        if self._layout is not None and shown is not None and shown is self.text_selection:
            start, end = self._selected
            self._place(Selection(self._point(start), self._point(end)))

    def _place(self, selection: Selection) -> None:
        self._placed = selection
        self.screen.selections = {self: selection}

    def clear_selection(self) -> None:
        self._placed = None
        if self in self.screen.selections:
            self.screen.selections = {}

    def _point(self, offset: int) -> Offset:
        assert self._layout is not None
        row, column = self._layout.point_for_offset(offset)
        return Offset(column, row)
