"""The article pane: a Line-API view of one article, wrapped at a readable measure."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model import Article
from reader.text.safe import visible_line, without_controls
from reader.tui import motions
from reader.tui.highlight_colors import highlight_style
from reader.tui.layout import Layout, Line, layout_article
from reader.tui.widgets.draw_style import DrawStyle, fitted
from reader.tui.widgets.highlight_runs import Run, highlight_runs, runs_within
from reader.tui.wrap import whole_characters

if TYPE_CHECKING:
    from reader.notes.placement import Placed


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled span of canonical text: an annotation, a search match, a flash."""

    start: int
    end: int
    style: Style


class ArticleView(DrawStyle, ScrollView, can_focus=True):
    """Shows an article; scrolls by line and page; maps screen cells to text offsets."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--subtitle",
        "article-view--meta",
        "article-view--rule",
        "article-view--heading",
        "article-view--quote",
        "article-view--prefix",
        "article-view--boilerplate",
        "article-view--match",
        "article-view--match-current",
        "article-view--caret",
        "article-view--cursor",
        "article-view--cursor-line",
        "article-view--link",
        "article-view--code",
        "article-view--empty",
        "article-view--selection",
    }

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("space,pagedown", "page_down", "Page", show=False, id="article.page_down"),
        Binding("shift+space,pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("b", "toggle_boilerplate", "Boilerplate", id="article.boilerplate"),
        Binding("n", "step_match(1)", "Next match", id="article.next_match"),
        Binding("N", "step_match(-1)", "Prev match", id="article.previous_match"),
        Binding("v", "start_select", "Select", id="article.select"),
        Binding(
            "V", "select_paragraph", "Select paragraph", show=False, id="article.select_paragraph"
        ),
        Binding("a", "annotate", "Annotate", id="article.annotate"),
        Binding("h", "highlight", "Highlight", id="article.highlight"),
        Binding("right_square_bracket", "step_annotation(1)", "Next note", id="article.next_note"),
        Binding(
            "left_square_bracket",
            "step_annotation(-1)",
            "Prev note",
            show=False,
            id="article.previous_note",
        ),
        Binding("e", "edit_annotation", "Edit note", id="article.edit_note"),
        Binding("d", "delete_annotation", "Delete note", id="article.delete_note"),
        Binding("y", "confirm_annotation", "Confirm place", id="article.confirm_note"),
        # Selection mode (after v): motions extend the selection from where it began.
        Binding("left,h", "move('char', -1)", "←", show=False, id="select.left"),
        Binding("right,l", "move('char', 1)", "→", show=False, id="select.right"),
        Binding("up,k", "move('line', -1)", "↑", show=False, id="select.up"),
        Binding("down,j", "move('line', 1)", "↓", show=False, id="select.down"),
        Binding("w", "move('word', 1)", "Word", id="select.word"),
        Binding("b", "move('word', -1)", "Word back", show=False, id="select.word_back"),
        Binding("e", "move('word_end', 1)", "Word end", show=False, id="select.word_end"),
        Binding("right_parenthesis", "move('sentence', 1)", "Sentence", id="select.sentence"),
        Binding(
            "left_parenthesis",
            "move('sentence', -1)",
            "Sentence back",
            show=False,
            id="select.sentence_back",
        ),
        Binding("right_curly_bracket", "move('paragraph', 1)", "Paragraph", id="select.paragraph"),
        Binding(
            "left_curly_bracket",
            "move('paragraph', -1)",
            "Paragraph back",
            show=False,
            id="select.paragraph_back",
        ),
        Binding("H", "select_highlight", "Highlight", id="select.highlight"),
        # A priority binding: the screen drops every selection at Esc before the other
        # bindings are looked at, and the Esc would then leave the article too.
        Binding("escape", "cancel_select", "Cancel", priority=True, id="select.cancel"),
        Binding("ctrl+c", "screen.copy_text", "Copy", show=False, id="select.copy"),
    ]

    # Keys that mean one thing while reading and another while selecting.
    READ_ONLY_ACTIONS = frozenset(
        {
            "scroll_down",
            "scroll_up",
            "scroll_home",
            "scroll_end",
            "page_down",
            "page_up",
            "toggle_boilerplate",
            "step_match",
            "start_select",
            "step_annotation",
            "edit_annotation",
            "delete_annotation",
            "confirm_annotation",
            "highlight",
        }
    )
    SELECT_ONLY_ACTIONS = frozenset({"move", "select_highlight"})

    class PositionChanged(Message):
        """The reading position (canonical offset of the top line) moved."""

        def __init__(self, article_id: str, offset: int) -> None:
            self.article_id = article_id
            self.offset = offset
            super().__init__()

    class CursorMoved(Message):
        """The reading cursor moved to canonical `offset` (the reading position)."""

        def __init__(self, article_id: str, offset: int) -> None:
            self.article_id = article_id
            self.offset = offset
            super().__init__()

    class MatchMoved(Message):
        """The current match changed: `current` is 0-based, -1 for none."""

        def __init__(self, current: int, total: int) -> None:
            self.current = current
            self.total = total
            super().__init__()

    class AnnotateRequested(Message):
        """The reader wants to annotate text[start:end] (with a note, or highlight only)."""

        def __init__(self, view: ArticleView, start: int, end: int, with_note: bool) -> None:
            self.view = view
            self.start = start
            self.end = end
            self.with_note = with_note
            super().__init__()

        @property
        def control(self) -> ArticleView:
            return self.view

    class AnnotationAction(Message):
        """Edit, delete or confirm the annotation under the reader's attention."""

        def __init__(self, action: str, annotation_id: str) -> None:
            self.action = action
            self.annotation_id = annotation_id
            super().__init__()

    class AnnotationFocused(Message):
        """The current annotation changed (None when there is none)."""

        def __init__(self, placed: Placed | None) -> None:
            self.placed = placed
            super().__init__()

    def __init__(self, *, text_width: int = 80, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text_width = text_width
        self.article: Article | None = None
        self.meta_line = ""
        self.show_boilerplate = False
        self.highlights: list[Highlight] = []  # annotations
        self._runs: list[Run] | None = None  # the annotations as painted, worked out once
        self._run_ends: list[int] = []
        self.backdrop: list[Highlight] = []  # drawn beneath: comparison colours, a flash
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        self.caret: int | None = None
        self.cursor = 0  # the reading cursor: where `v` and `V` start (a canonical offset)
        self.selecting = False
        self._anchor = 0
        self.annotations: list[Placed] = []
        self.current_annotation: str | None = None
        self.empty_message = "No article open."
        self._layout: Layout | None = None
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(1024)
        self._version = 0
        self._pending_top: int | None = None
        self._pending_above = 0  # screen lines above the cursor when the view is restored

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        # Cached lines and annotation colours belong to the old theme.
        self._restyle_annotations()
        self._invalidate()

    # ----- content -------------------------------------------------------------------

    def show_article(self, article: Article | None, meta: str = "", offset: int = 0) -> None:
        """Display an article with the reading cursor on canonical `offset`, at the top of
        the view (or, when the same article is shown again, where the cursor was on it)."""
        same = article is not None and self.article is not None and article.id == self.article.id
        row = self.cursor_row
        above = max(0, row - round(self.scroll_y)) if same and row is not None else 0
        self.article = article
        self.meta_line = meta
        self.highlights = []
        self.backdrop = []
        self.matches = []
        self.current_match = -1
        self.caret = None
        self.selecting = False
        self.annotations = []
        self.current_annotation = None
        self._pending_top = None
        self._relayout()
        blocks = self._shown_blocks()
        self.cursor = motions.clamp(offset, blocks) if blocks else 0
        self.refresh_bindings()
        self.scroll_to(y=0, animate=False, immediate=True)
        if offset:
            # The new virtual size takes effect on the next refresh; scroll after it.
            self._pending_top = offset
            self._pending_above = above
            self.call_after_refresh(self._restore_top)

    def _restore_top(self) -> None:
        """Scroll a newly shown (or re-laid) article to the offset it should open at."""
        if self._pending_top is not None:
            offset, self._pending_top = self._pending_top, None
            above, self._pending_above = self._pending_above, 0
            if above and self._layout is not None:
                row = self._layout.row_for_offset(offset)
                self.scroll_to(y=max(0, row - above), animate=False, immediate=True, force=True)
            else:
                self.scroll_to_offset(offset, top=True)

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.highlights = sorted(highlights, key=lambda h: (h.start, h.end))
        self._runs = None
        self._invalidate()

    def set_backdrop(self, highlights: list[Highlight]) -> None:
        """Colours under the annotations' own (kept when the annotations change)."""
        self.backdrop = sorted(highlights, key=lambda h: (h.start, h.end))
        self._invalidate()

    def set_annotations(self, placed: list[Placed]) -> None:
        """Show these annotations highlighted in their colours (orphans are not placed)."""
        self.annotations = [p for p in placed if not p.orphaned]
        if self.current_annotation and not any(
            p.id == self.current_annotation for p in self.annotations
        ):
            self.current_annotation = None
        self._restyle_annotations()
        self.refresh_bindings()

    def _restyle_annotations(self) -> None:
        dark = self.app.current_theme.dark if self.is_mounted else True
        # A handful of distinct styles, shared: thousands of notes make no more of them.
        styles: dict[tuple[str, bool, bool], Style] = {}
        highlights = []
        for placed in self.annotations:
            look = (
                placed.annotation.color,
                placed.status == "fuzzy",
                placed.id == self.current_annotation,
            )
            style = styles.get(look)
            if style is None:
                style = styles[look] = _annotation_style(*look, dark)
            highlights.append(Highlight(placed.start, placed.end, style))
        self.set_highlights(highlights)

    def flash(self, start: int, end: int, seconds: float = 0.8) -> None:
        """Briefly show a span in reverse video, to point the eye at it."""
        flash = Highlight(start, end, Style(reverse=True))
        self.set_backdrop([*self.backdrop, flash])

        def restore() -> None:
            self.set_backdrop([h for h in self.backdrop if h is not flash])

        self.set_timer(seconds, restore)

    @property
    def current_placed(self) -> Placed | None:
        return next((p for p in self.annotations if p.id == self.current_annotation), None)

    def focus_annotation(self, annotation_id: str | None, *, scroll: bool = True) -> None:
        self.current_annotation = annotation_id
        self._restyle_annotations()
        self.refresh_bindings()
        placed = self.current_placed
        if placed is not None and scroll:
            self.move_cursor(placed.start, scroll=False)
            self.call_after_refresh(self.scroll_to_offset, placed.start)
        self.post_message(self.AnnotationFocused(placed))

    def action_step_annotation(self, delta: int) -> None:
        """`]` / `[`: the next or previous annotation from the current one (or the top)."""
        if not self.annotations:
            return
        starts = [p.start for p in self.annotations]
        current = self.current_placed
        if current is not None:
            index = self.annotations.index(current) + delta
        elif delta > 0:
            index = bisect_left(starts, self.cursor)
        else:
            index = bisect_left(starts, self.cursor) - 1
        index %= len(self.annotations)
        self.focus_annotation(self.annotations[index].id)

    def action_edit_annotation(self) -> None:
        if (placed := self.current_placed) is not None:
            self.post_message(self.AnnotationAction("edit", placed.id))

    def action_delete_annotation(self) -> None:
        if (placed := self.current_placed) is not None:
            self.post_message(self.AnnotationAction("delete", placed.id))

    def action_confirm_annotation(self) -> None:
        if (placed := self.current_placed) is not None:
            self.post_message(self.AnnotationAction("confirm", placed.id))

    # ----- the reading cursor ----------------------------------------------------------

    @property
    def cursor_row(self) -> int | None:
        """The screen row (in the whole layout) of the reading cursor."""
        if self._layout is None or not self._layout.rows:
            return None
        return self._layout.row_for_offset(self.cursor)

    def move_cursor(self, offset: int, *, scroll: bool = True) -> None:
        """Put the reading cursor on canonical `offset`, scrolling just enough to show it."""
        blocks = self._shown_blocks()
        offset = motions.clamp(offset, blocks) if blocks else 0
        if offset != self.cursor:
            self.cursor = offset
            self.refresh()
            if self.article is not None:
                self.post_message(self.CursorMoved(self.article.id, offset))
        if scroll:
            self._follow_cursor()

    def _follow_cursor(self) -> None:
        row = self.cursor_row
        if row is None or self._layout is None:
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if row == self._layout.rows[0]:
            target = 0  # the first line: the title above it comes into view too
        elif row < top:
            target = row
        elif row >= top + height:
            target = row - height + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def _keep_cursor_in_view(self) -> None:
        """After the view scrolled by itself (wheel, scrollbar, a jump), bring the cursor
        onto the nearest line on screen, as vim does."""
        row = self.cursor_row
        if row is None or self._layout is None or self.selecting or self._pending_top is not None:
            return
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        if top <= row < bottom:
            return
        rows = self._layout.rows
        first, last = bisect_left(rows, top), bisect_left(rows, bottom) - 1
        if first > last:
            return  # no text on screen (a long title)
        target = rows[first] if row < top else rows[last]
        self.move_cursor(self._layout.lines[target].start, scroll=False)

    def _cursor_to_row(self, index: int, *, scroll: bool = True) -> None:
        """The cursor to the start of text line `index` (clamped)."""
        assert self._layout is not None
        rows = self._layout.rows
        row = rows[min(max(0, index), len(rows) - 1)]
        self.move_cursor(self._layout.lines[row].start, scroll=scroll)

    def action_scroll_down(self) -> None:
        """`j`: the cursor one line down; the view follows."""
        if (row := self.cursor_row) is not None and self._layout is not None:
            self._cursor_to_row(bisect_left(self._layout.rows, row) + 1)

    def action_scroll_up(self) -> None:
        if (row := self.cursor_row) is not None and self._layout is not None:
            self._cursor_to_row(bisect_left(self._layout.rows, row) - 1)

    def action_scroll_home(self) -> None:
        if self.cursor_row is not None:
            self._cursor_to_row(0, scroll=False)
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_scroll_end(self) -> None:
        if self.cursor_row is not None:
            self._cursor_to_row(len(self._layout.rows) - 1 if self._layout else 0, scroll=False)
        self.scroll_end(animate=False, immediate=True, force=True)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """A page down or up, the cursor carried along (to the last or first line when the
        view cannot move further)."""
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        target = min(max(0, top + direction * height), round(self.max_scroll_y))
        row = self.cursor_row
        if row is not None and self._layout is not None:
            rows = self._layout.rows
            if target == top:
                index = len(rows) - 1 if direction > 0 else 0
            else:
                index = bisect_left(rows, row + target - top)
                if index >= len(rows) or rows[index] >= target + height:
                    index -= 1
            self._cursor_to_row(index, scroll=False)
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows while the article has the focus

    def on_blur(self) -> None:
        self.refresh()

    # ----- selecting by keyboard -------------------------------------------------------

    def _shown_blocks(self) -> list[tuple[int, int]]:
        if self.article is None:
            return []
        return [
            (b.start, b.end)
            for b in self.article.blocks
            if self.show_boilerplate or not b.boilerplate
        ]

    def action_start_select(self) -> None:
        """`v`: a caret at the reading cursor, or the match under it selected whole (as
        vim's `gn`); motions extend the selection."""
        blocks = self._shown_blocks()
        if not blocks:
            return
        at = motions.clamp(self.cursor, blocks)
        match = self._match_at(at)
        self.selecting = True
        if match is not None:
            self._anchor, self.caret = match[0], max(match[0], match[1] - 1)
        else:
            self._anchor = self.caret = at
        self._sync_selection()
        self.refresh_bindings()

    def _match_at(self, offset: int) -> tuple[int, int] | None:
        """The match under `offset`: the current one first, else any."""
        if 0 <= self.current_match < len(self.matches):
            start, end = self.matches[self.current_match]
            if start <= offset < end:
                return start, end
        return next(((s, e) for s, e in self.matches if s <= offset < e), None)

    def action_select_paragraph(self) -> None:
        """`V`: select the whole paragraph at the caret (or at the reading cursor)."""
        blocks = self._shown_blocks()
        if not blocks:
            return
        at = (
            self.caret
            if self.selecting and self.caret is not None
            else motions.clamp(self.cursor, blocks)
        )
        start, end = motions.paragraph_span(at, blocks)
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
                at = motions.paragraph_end_forward(at, blocks)
            else:
                at = motions.paragraph_back(at, blocks)
        elif unit == "line":
            at = self._line_move(at, delta, blocks)
        self.caret = at
        self._sync_selection()
        self.move_cursor(at, scroll=False)
        self.scroll_to_offset(at)

    def _line_move(self, offset: int, delta: int, blocks: list[tuple[int, int]]) -> int:
        assert self._layout is not None
        row = self._layout.row_for_offset(offset)
        line = self._layout.lines[row]
        column = offset - line.start if line.is_text else 0
        target = row + delta
        while 0 <= target < len(self._layout.lines) and not self._layout.lines[target].is_text:
            target += delta
        if not 0 <= target < len(self._layout.lines):
            return offset
        return motions.clamp(self._layout.offset_at(target, column), blocks)

    def _sync_selection(self) -> None:
        """Mirror the keyboard selection into Textual's, so ctrl+c copies it."""
        if self.caret is None:
            return
        from reader.text.graphemes import snap_end  # `regex`: not loaded at start-up

        start, end = sorted((self._anchor, self.caret))
        end = snap_end(self.article.text, end + 1) if self.article else end + 1
        self.select_offsets(start, end)
        self._invalidate()

    def action_cancel_select(self) -> None:
        self.selecting = False
        self.caret = None
        self.clear_selection()
        self._invalidate()
        self.refresh_bindings()

    def _selected_span(self) -> tuple[int, int] | None:
        selection = self.text_selection
        if selection is None:
            return None
        span = self.selection_offsets(selection)
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
        span = self._selected_span()
        if span is None:
            self.notify("Select a passage first: v, then move; or drag with the mouse.", timeout=3)
            return
        self.post_message(self.AnnotateRequested(self, span[0], span[1], with_note))
        self.action_cancel_select()

    def on_click(self, event: events.Click) -> None:
        """A click puts the reading cursor there; on highlighted text it makes that
        annotation the current one."""
        if self._layout is None or self.selecting:
            return
        # The character under the pointer (the style's offset is its run's first one).
        widget, offset = self.screen.get_widget_and_offset_at(event.screen_x, event.screen_y)
        if widget is not self or offset is None:
            return
        at = self._layout.offset_at(offset.y, offset.x)
        self.move_cursor(at, scroll=False)
        hit = next((p for p in self.annotations if p.start <= at < p.end), None)
        if hit is not None and hit.id != self.current_annotation:
            self.focus_annotation(hit.id, scroll=False)

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        self.matches = matches
        self.current_match = current
        self._invalidate()
        self.refresh_bindings()
        if 0 <= current < len(matches):
            self.move_cursor(matches[current][0], scroll=False)
            self.call_after_refresh(self.scroll_to_offset, matches[current][0])
        self.post_message(self.MatchMoved(current, len(matches)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.article is None:
            return action in self.READ_ONLY_ACTIONS and action.startswith(("scroll", "page"))
        if self.selecting:
            return action not in self.READ_ONLY_ACTIONS
        if action in self.SELECT_ONLY_ACTIONS:
            return False
        if action == "step_match":
            return bool(self.matches)
        if action in ("annotate", "highlight"):
            return self._selected_span() is not None
        if action == "cancel_select":
            return self.text_selection is not None
        if action in ("edit_annotation", "delete_annotation"):
            return self.current_placed is not None
        if action == "confirm_annotation":
            current = self.current_placed
            return current is not None and current.status == "fuzzy"
        if action == "step_annotation":
            return bool(self.annotations)
        return True

    def action_step_match(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) match, wrapping around."""
        if not self.matches:
            return
        total = len(self.matches)
        if self.current_match < 0:
            first = next((i for i, (s, _) in enumerate(self.matches) if s >= self.cursor), 0)
            self.current_match = first if delta > 0 else (first - 1) % total
        else:
            self.current_match = (self.current_match + delta) % total
        self._invalidate()
        self.move_cursor(self.matches[self.current_match][0], scroll=False)
        self.scroll_to_offset(self.matches[self.current_match][0])
        self.post_message(self.MatchMoved(self.current_match, total))

    def action_toggle_boilerplate(self) -> None:
        top = self.top_offset
        self.show_boilerplate = not self.show_boilerplate
        self._relayout()
        self.move_cursor(self.cursor, scroll=False)  # off hidden boilerplate
        self.call_after_refresh(self.scroll_to_offset, top, top=True)
        state = "shown, dimmed" if self.show_boilerplate else "hidden"
        if self.article is not None and self.article.boilerplate_blocks:
            self.notify(f"Boilerplate {state}.", timeout=2)
        elif self.article is not None:
            self.notify("This article has no boilerplate.", timeout=2)

    def plain_lines(self) -> list[str]:
        """The laid-out lines as plain text, as they read on screen."""
        if self._layout is None or self.article is None:
            return []
        text = self.article.text
        return [
            line.prefix + text[line.start : line.end] if line.is_text else line.label
            for line in self._layout.lines
        ]

    # ----- geometry --------------------------------------------------------------------

    @property
    def layout_width(self) -> int:
        return self._layout_width(self.scrollable_content_region.width)

    @property
    def left_pad(self) -> int:
        return self._left_pad(self.scrollable_content_region.width)

    def _target_layout_width(self) -> int:
        """The width to lay the article out at: counting the scrollbar a long article
        is about to get, rather than laying it out again when the scrollbar comes (a
        second 100 ms for 1 MB)."""
        width = self.scrollable_content_region.width
        article = self.article
        # Surely taller than the view: at most `width` characters go on a line.
        if (
            article is not None
            and not self.show_vertical_scrollbar
            and len(article.text) > 2 * width * max(1, self.size.height)
        ):
            width -= self.styles.scrollbar_size_vertical
        return self._layout_width(width)

    def _layout_width(self, width: int) -> int:
        return min(self.text_width, max(10, width - 2))

    def _left_pad(self, width: int) -> int:
        return max(1, (width - self._layout_width(width)) // 2)

    @property
    def top_offset(self) -> int:
        """Canonical offset of the first text line at or below the top of the view."""
        if self._layout is None:
            return 0
        return self._layout.offset_at(round(self.scroll_y), 0)

    def row_of(self, offset: int) -> int:
        return self._layout.row_for_offset(offset) if self._layout else 0

    def scroll_to_offset(self, offset: int, *, animate: bool = False, top: bool = False) -> None:
        """Bring canonical `offset` into view (at the top, or a third down)."""
        if self._layout is None:
            return
        row = self._layout.row_for_offset(offset)
        if top:
            target = row if offset > 0 else 0
        else:
            if self.scroll_y <= row < self.scroll_y + self.size.height - 1:
                return
            target = max(0, row - self.size.height // 3)
        # Forced: an article shown a moment ago may not have its scrollbar laid out yet
        # (the target is kept within the text all the same).
        self.scroll_to(y=target, animate=animate, immediate=not animate, force=True)

    def relayout(self) -> None:
        """Lay the article out again (after the header changed), keeping the place."""
        self._remember_place()
        self._relayout()
        self.call_after_refresh(self._restore_top)

    def _remember_place(self) -> None:
        """Before laying out again: the cursor's line is to stay where it is on screen (unless
        a place is still waiting to be restored)."""
        if self._pending_top is None and round(self.scroll_y) == 0:
            self._pending_top, self._pending_above = 0, 0  # the top stays in view
        elif self._pending_top is None:
            row = self.cursor_row
            self._pending_top = self.cursor
            height = self.scrollable_content_region.height
            above = row - round(self.scroll_y) if row is not None else 0
            self._pending_above = min(max(0, above), max(0, height - 1))

    def _relayout(self) -> None:
        if self.article is None:
            self._layout = None
            self.virtual_size = Size(0, 0)
        else:
            self._layout = layout_article(
                self.article,
                self.meta_line,
                self._target_layout_width(),
                show_boilerplate=self.show_boilerplate,
            )
            self.virtual_size = Size(self.scrollable_content_region.width, len(self._layout.lines))
        self._invalidate()

    def _invalidate(self) -> None:
        self._version += 1
        self._cache.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width()

    def watch_show_vertical_scrollbar(self) -> None:
        # The scrollbar takes a column without always sending a Resize.
        self._fit_width()

    def _fit_width(self) -> None:
        """Lay the text out again if the width it may take has changed."""
        if self._layout is not None and self._layout.width != self._target_layout_width():
            self._remember_place()
            self._relayout()
            self.call_after_refresh(self._restore_top)
        else:
            self._invalidate()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None and round(old) != round(new):
            self.post_message(self.PositionChanged(self.article.id, self.top_offset))
            # After any scroll still waiting to happen: a find's or a note's jump.
            self.call_after_refresh(self._keep_cursor_in_view)

    # ----- selection protocol -----------------------------------------------------------

    def selection_offsets(self, selection: Selection) -> tuple[int, int] | None:
        """The canonical (start, end) a Textual selection covers."""
        if self._layout is None or self.article is None:
            return None
        start = (
            self._layout.offset_at(selection.start.y, selection.start.x)
            if selection.start is not None
            else 0
        )
        end = (
            self._layout.offset_at(selection.end.y, selection.end.x)
            if selection.end is not None
            else len(self.article.text)
        )
        return (start, end) if start <= end else (end, start)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self.selection_offsets(selection)
        if span is None or self.article is None:
            return None
        start, end = span
        return without_controls(self.article.text[start:end]), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        if selection is None and self.selecting:
            # Textual dropped the selection (a click elsewhere): leave selection mode too.
            self.selecting = False
            self.caret = None
            self.refresh_bindings()
        self._invalidate()

    def select_offsets(self, start: int, end: int) -> None:
        """Select canonical [start, end) as a Textual selection (so ctrl+c copies it)."""
        if self._layout is None:
            return
        begin = self._point(start)
        finish = self._point(end)
        self.screen.selections = {self: Selection(begin, finish)}

    def clear_selection(self) -> None:
        if self in self.screen.selections:
            self.screen.selections = {}

    def _point(self, offset: int):
        from textual.geometry import Offset

        assert self._layout is not None
        row = self._layout.row_for_offset(offset)
        line = self._layout.lines[row]
        return Offset(max(0, offset - line.start) if line.is_text else 0, row)

    # ----- rendering -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        _scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        on_cursor = row == self.cursor_row and self.has_focus
        key = (row, width, on_cursor)
        selection = self.text_selection
        if selection is None and (cached := self._cache.get(key)) is not None:
            return cached
        strip = self._render_row(row, width, selection, on_cursor)
        if selection is None:
            self._cache[key] = strip
        return strip

    def _render_row(
        self, row: int, width: int, selection: Selection | None, on_cursor: bool = False
    ) -> Strip:
        base = self.base_style
        if self._layout is None:
            if row == 1:
                text = Text(self.empty_message, style=self._style("article-view--empty"))
                segments = [Segment(" " * 2, base), *text.render(self.app.console)]
                return fitted(segments, 2 + text.cell_len, width, base)
            return Strip.blank(width, base)
        lines = self._layout.lines
        if row >= len(lines):
            return Strip.blank(width, base)
        line = lines[row]
        pad = self._left_pad(width)
        if line.is_text:
            text = self._text_line(line, row, selection)
        else:
            text = Text(visible_line(line.label), style=self._style(f"article-view--{line.kind}"))
        if on_cursor:
            # The cursor line: a bar in the gutter and a faint band across the row.
            base += Style(bgcolor=self._style("article-view--cursor-line").bgcolor)
            bar = base + Style(color=self._style("article-view--cursor").color)
            segments = [Segment(" " * (pad - 1), base), Segment("▌", bar)]
        else:
            segments = [Segment(" " * pad, base)]
        if line.prefix:
            segments.append(Segment(line.prefix, base + self._style("article-view--prefix")))
        # Every run sits on the widget's own colours, so the theme shows through.
        segments.extend(
            Segment(seg.text, base + seg.style if seg.style else base)
            for seg in text.render(self.app.console)
        )
        used = pad + cell_len(line.prefix) + text.cell_len
        # Text offsets for mouse selection, on the text only (as Strip.apply_offsets).
        x = -(pad + len(line.prefix))
        placed = []
        for segment in segments:
            placed.append(Segment(segment.text, (segment.style or Style()) + _offset_meta(x, row)))
            x += len(segment.text)
        return fitted(placed, used, width, base)

    def _style(self, component: str) -> Style:
        if component in self.COMPONENT_CLASSES:
            return self.get_component_rich_style(component)
        return Style()

    def _text_line(self, line: Line, row: int, selection: Selection | None) -> Text:
        assert self.article is not None
        start, end = line.start, line.end
        text = Text(visible_line(self.article.text[start:end]))
        if line.boilerplate:
            text.stylize(self._style("article-view--boilerplate"))
        elif line.kind == "heading":
            text.stylize(self._style("article-view--heading"))
        elif line.kind == "quote":
            text.stylize(self._style("article-view--quote"))
        block = self.article.blocks[line.block]
        for mark in block.marks:
            self._stylize_span(
                text,
                start,
                end,
                block.start + mark.start,
                block.start + mark.end,
                self._mark_style(mark.style),
            )
        for highlight in self.backdrop:
            if highlight.start < end and highlight.end > start:
                self._stylize_span(
                    text, start, end, highlight.start, highlight.end, highlight.style
                )
        # Annotations, overlaps underlined: one span per run, however many overlap.
        for run in runs_within(self._annotation_runs(), self._run_ends, start, end):
            self._stylize_span(text, start, end, run.start, run.end, run.style)
        match_style = self._style("article-view--match")
        for n, (m_start, m_end) in enumerate(self.matches):
            if m_end <= start or m_start >= end:
                continue
            style = (
                self._style("article-view--match-current")
                if n == self.current_match
                else match_style
            )
            self._stylize_span(text, start, end, m_start, m_end, style)
        if selection is not None and (span := selection.get_span(row)) is not None:
            s_start, s_end = span
            if s_end == -1:
                s_end = len(text)
            text.stylize(self._style("article-view--selection"), max(0, s_start), s_end)
        if self.caret is not None and start <= self.caret <= end:
            column = self.caret - start
            if column >= len(text):
                text.append(" ")
            text.stylize(self._style("article-view--caret"), column, column + 1)
        whole_characters(text)
        return text

    def _annotation_runs(self) -> list[Run]:
        if self._runs is None:
            self._runs = highlight_runs(self.highlights)
            self._run_ends = [run.end for run in self._runs]
        return self._runs

    def _mark_style(self, kind: str) -> Style:
        if kind == "strong":
            return Style(bold=True)
        if kind == "em":
            return Style(italic=True)
        if kind == "code":
            return self._style("article-view--code")
        return self._style("article-view--link")

    @staticmethod
    def _stylize_span(text: Text, start: int, end: int, s: int, e: int, style: Style) -> None:
        if e <= start or s >= end:
            return
        text.stylize(style, max(0, s - start), min(end, e) - start)


def _annotation_style(color: str, fuzzy: bool, current: bool, dark: bool) -> Style:
    style = highlight_style(color, dark)
    if fuzzy:
        style += Style(italic=True, underline=True)
    if current:
        style += Style(bold=True)
    return style


def _offset_meta(x: int, y: int) -> Style:
    return Style.from_meta({"offset": (x, y)})
