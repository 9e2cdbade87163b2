"""The article pane: a Line-API view of one article, wrapped at a readable measure."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from typing import TYPE_CHECKING, Literal, TypeAlias

from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model import Article
from reader.text.find import FoldedText
from reader.tui.article import bindings, messages, motions
from reader.tui.article.background_layout import MIN_WIDTH, BackgroundLayout
from reader.tui.article.colors import NO_COLOUR_PARTS, colour_system, flash_style
from reader.tui.article.highlight_runs import Run, highlight_runs, runs_within
from reader.tui.article.keeping_place import PlaceKeeping
from reader.tui.article.layout import HEADER, Layout, Line, header_text
from reader.tui.article.paint import (
    PARTS,
    Highlight,
    Palette,
    annotation_style,
    paint_line,
    paint_message,
)
from reader.tui.article.selecting import KeyboardSelection
from reader.tui.article.wrap import wrap_offsets
from reader.tui.keys import bound_key, in_sentence
from reader.tui.widgets.draw_style import DrawStyle

if TYPE_CHECKING:
    from reader.notes.placement import Placed

__all__ = ["ArticleView", "Highlight"]

# What of the selection and the caret a text line shows: the columns of its text
# selected (see `_selected_columns`), and the caret's column.
RowMarks: TypeAlias = tuple[tuple[int, int] | None, int | None]


class ArticleView(
    DrawStyle, PlaceKeeping, BackgroundLayout, KeyboardSelection, ScrollView, can_focus=True
):
    """Shows an article; scrolls by line and page; maps screen cells to text offsets."""

    COMPONENT_CLASSES = {f"article-view--{part}" for part in PARTS}
    _drawing = False  # while render_lines draws
    _drawing_palette: Palette | None = None

    BINDINGS = bindings.BINDINGS
    READ_ONLY_ACTIONS = bindings.READ_ONLY_ACTIONS
    SELECT_ONLY_ACTIONS = bindings.SELECT_ONLY_ACTIONS

    PositionChanged: TypeAlias = messages.PositionChanged
    CursorMoved: TypeAlias = messages.CursorMoved
    MatchMoved: TypeAlias = messages.MatchMoved
    AnnotateRequested: TypeAlias = messages.AnnotateRequested
    AnnotationAction: TypeAlias = messages.AnnotationAction
    AnnotationFocused: TypeAlias = messages.AnnotationFocused

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
        self.matches: list[tuple[int, int]] = []  # the matches shown: n/N go through them
        self.current_match = -1
        self.folded_matches = 0  # the matches in folded text, not shown
        self._found: list[tuple[int, int]] = []  # every match, shown or folded
        self.caret: int | None = None
        self.cursor = 0  # the reading cursor: where `v` and `V` start (a canonical offset)
        self.selecting = False
        self._anchor = 0
        self._selected: tuple[int, int] = (0, 0)
        self._placed: Selection | None = None
        self.annotations: list[Placed] = []
        self.current_annotation: str | None = None
        self.empty_message = "No article open."
        self.narrow_message = f"Too narrow to read: widen the pane to {MIN_WIDTH} cells or more."
        self._layout: Layout | None = None
        self._cache: LRUCache[tuple[int, int, bool, RowMarks | None], Strip] = LRUCache(1024)
        self._version = 0
        self._pending_top: int | None = None
        self._pending_above = 0  # screen lines above the cursor when the view is restored
        self._range: tuple[int, int] | None = None  # a passage jumped to (see show_range)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        # Cached lines and annotation colours belong to the old theme.
        self._restyle_annotations()
        self._invalidate()

    # ----- content -------------------------------------------------------------------

    def show_article(
        self, article: Article | None, meta: str = "", offset: int = 0, above: int | None = None
    ) -> None:
        """Display an article with the reading cursor on canonical `offset`, at the top of
        the view, or `above` screen lines below it (or, when the same article is shown
        again, where the cursor was on it: the same id, or the same text under a new name)."""
        old = self.article
        same = article is not None and old is not None and article.id == old.id
        same = same or (article is not None and old is not None and article.sha256 == old.sha256)
        if article is None or old is None or article.sha256 != old.sha256:
            self.clear_selection()  # other text: what was selected is not in it
        row = self.cursor_row
        if above is None and same and self._pending_top is not None:
            above = self._pending_above  # not scrolled to its place yet: that place stands
        elif above is None:
            above = max(0, row - round(self.scroll_y)) if same and row is not None else 0
        self.article = article
        self.meta_line = meta
        self.highlights = []
        self.backdrop = []
        self.matches = []
        self.current_match = -1
        self.folded_matches = 0
        self._found = []
        self.caret = None
        self.selecting = False
        self.annotations = []
        self.current_annotation = None
        self._pending_top = None
        self._range = None
        self._relayout()
        blocks = self._shown_blocks()
        self.cursor = motions.clamp(offset, blocks) if blocks else 0
        self.refresh_bindings()
        self.scroll_to(y=0, animate=False, immediate=True)
        if offset:
            self._pending_top = offset
            self._pending_above = above
            # At once, so the next frame shows the place rather than the article's top; and
            # again after the refresh, which may bring a scrollbar and another layout.
            self._scroll_to_place(offset, above)
            self.call_after_refresh(self._restore_top)

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
        colors = colour_system(self.app) if self.is_mounted else "truecolor"
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
                style = styles[look] = annotation_style(*look, dark, colors)
            highlights.append(Highlight(placed.start, placed.end, style))
        self.set_highlights(highlights)

    def flash(self, start: int, end: int, seconds: float = 0.8) -> None:
        """Briefly show a span in reverse video (see `flash_style`), to point the eye at it."""
        colors = colour_system(self.app) if self.is_mounted else "truecolor"
        flash = Highlight(start, end, flash_style(colors))
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
            self.show_range(placed.start, placed.end)
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

    def annotation_at(self, offset: int) -> Placed | None:
        """The annotation whose passage holds canonical `offset` (the first, where they overlap)."""
        return next((p for p in self.annotations if p.start <= offset < p.end), None)

    @property
    def target_placed(self) -> Placed | None:
        """The note `e`, `d` and `y` act on: the current one, else the one under the cursor."""
        return self.current_placed or self.annotation_at(self.cursor)

    def _act_on_annotation(self, action: Literal["edit", "delete", "confirm"]) -> None:
        placed = self.target_placed
        if placed is None:
            # (the key works off a note, so that it says how to pick one)
            key = in_sentence(bound_key(self.app, "article.next_note"))
            self.notify(f"Move onto a note ({key} next note) to {action} it.", timeout=4)
            return
        if placed.id != self.current_annotation:
            self.focus_annotation(placed.id, scroll=False)  # so it is seen which one
        self.post_message(self.AnnotationAction(action, placed.id))

    def action_edit_annotation(self) -> None:
        self._act_on_annotation("edit")

    def action_delete_annotation(self) -> None:
        self._act_on_annotation("delete")

    def action_confirm_annotation(self) -> None:
        self._act_on_annotation("confirm")

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
        hit = self.annotation_at(at)
        if hit is not None and hit.id != self.current_annotation:
            self.focus_annotation(hit.id, scroll=False)

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        """Highlight `matches` (canonical spans, or header ones: see `header_matches`) and
        go to `matches[current]` (-1: to none). While boilerplate is hidden, only the
        matches in the text shown are highlighted and stepped through, the others counted
        (`folded_matches`); a current match in folded text gives way to the next shown."""
        self._found = matches
        wanted = matches[current][0] if 0 <= current < len(matches) else None
        self._show_found(wanted)
        if self.current_match >= 0:
            start = self.matches[self.current_match][0]
            self.move_cursor(start, scroll=False)
            self.call_after_refresh(self.scroll_to_offset, start)

    def header_matches(self, needle: str) -> list[tuple[int, int]]:
        """Where `needle` is in the header (the title, subtitle and meta line): spans in
        header offsets, which come before every canonical offset (see `HEADER`)."""
        if self.article is None:
            return []
        found = FoldedText(header_text(self.article, self.meta_line)).find_all(needle)
        return [(HEADER + start, HEADER + end) for start, end in found]

    def _show_found(self, wanted: int | None) -> None:
        """Show the matches found that lie in the text shown; the current one is the first
        of them at or after offset `wanted` (wrapping round), none when it is None."""
        found = self._found
        if self.show_boilerplate or self.article is None or not found:
            shown = found
        else:
            blocks = self.article.blocks
            starts = [b.start for b in blocks]

            def in_view(start: int) -> bool:
                i = bisect_right(starts, start) - 1
                return i < 0 or not blocks[i].boilerplate  # (the header is always shown)

            shown = [span for span in found if in_view(span[0])]
        self.matches = shown
        self.folded_matches = len(found) - len(shown)
        self.current_match = -1
        if wanted is not None and shown:
            self.current_match = next((i for i, (s, _) in enumerate(shown) if s >= wanted), 0)
        self._invalidate()
        self.refresh_bindings()
        self._post_match_moved()

    def _post_match_moved(self) -> None:
        self.post_message(
            self.MatchMoved(self.current_match, len(self.matches), self.folded_matches)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.article is None:
            return action in self.READ_ONLY_ACTIONS and action.startswith(("scroll", "page"))
        if self.selecting:
            return action not in self.READ_ONLY_ACTIONS
        if action in self.SELECT_ONLY_ACTIONS:
            return False
        if action == "step_match":
            return bool(self.matches)
        if action == "cancel_select":
            return self.text_selection is not None
        if action in ("edit_annotation", "delete_annotation"):
            return bool(self.annotations)  # off a note, the key says how to pick one
        if action == "confirm_annotation":
            target = self.target_placed
            return bool(self.annotations) and (target is None or target.status == "fuzzy")
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
        self._post_match_moved()

    def action_toggle_boilerplate(self) -> None:
        top = self.top_offset
        self.show_boilerplate = not self.show_boilerplate
        self._relayout()
        self.move_cursor(self.cursor, scroll=False)  # off hidden boilerplate
        self.call_after_refresh(self.scroll_to_offset, top, top=True)
        if self._found:  # the matches in folded text come and go with it
            current = self.current_match
            self._show_found(self.matches[current][0] if current >= 0 else None)
        state = "shown, dimmed" if self.show_boilerplate else "hidden"
        if self.article is not None and self.article.boilerplate_blocks:
            self.notify(f"Boilerplate {state}.", timeout=2)
        elif self.article is not None:
            self.notify("This article has no boilerplate.", timeout=2)

    def plain_lines(self) -> list[str]:
        """The laid-out lines as plain text, as they read on screen (all of them)."""
        if self._layout is None or self.article is None:
            return []
        layout = self._layout
        return [layout.shown(line) for line in layout.lines]

    # ----- geometry --------------------------------------------------------------------

    @property
    def top_offset(self) -> int:
        """Canonical offset of the first text line at or below the top of the view."""
        if self._layout is None:
            return 0
        return self._layout.offset_at(round(self.scroll_y), 0)

    def row_of(self, offset: int) -> int:
        return self._layout.row_for_offset(offset) if self._layout else 0

    def _invalidate(self) -> None:
        self._version += 1
        self._cache.clear()
        self.refresh()

    def say(self, message: str) -> None:
        """Show `message` where the article would be, while none is open."""
        self.empty_message = message
        self._invalidate()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None and round(old) != round(new):
            self.post_message(self.PositionChanged(self.article.id, self.top_offset))
            # After any scroll still waiting to happen: a find's or a note's jump.
            self.call_after_refresh(self._keep_cursor_in_view, self.cursor)

    # ----- rendering -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        _scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        on_cursor = row == self.cursor_row and self.has_focus
        # A row is painted again only when what it shows changes: as a drag goes on,
        # the rows whose part of the selection changed.
        marks = self._marks_on(row)
        key = (row, width, on_cursor, marks)
        if (cached := self._cache.get(key)) is not None:
            return cached
        strip = self._render_row(row, width, marks, on_cursor)
        self._cache[key] = strip
        return strip

    def _marks_on(self, row: int) -> RowMarks | None:
        """The selection's columns and the caret's on a row's text (see `_render_row`);
        None when it shows neither."""
        selection, caret, layout = self.text_selection, self.caret, self._layout
        if (selection is None and caret is None) or layout is None or self.article is None:
            return None
        layout.ensure_row(row)
        if row >= layout.row_count or not (line := layout.line(row)).is_text:
            return None
        columns = self._selected_columns(line, selection)
        at = caret - line.start if caret is not None and line.start <= caret <= line.end else None
        return None if columns is None and at is None else (columns, at)

    def _render_row(
        self, row: int, width: int, marks: RowMarks | None = None, on_cursor: bool = False
    ) -> Strip:
        if self._layout is None or self.article is None:
            message = self.empty_message if self.article is None else self.narrow_message
            # From the second row, wrapped to the pane (a narrow one most of all), in its
            # one colour: the first frame does without the article's palette.
            lines = wrap_offsets(message, max(1, width - 3))
            if 1 <= row <= len(lines):
                start, end = lines[row - 1]
                empty = self.get_component_rich_style("article-view--empty")
                return paint_message(
                    message[start:end],
                    Palette(self.base_style, {"empty": empty}),
                    width=width,
                    console=self.app.console,
                )
            return Strip.blank(width, self.base_style)
        palette = self._palette()
        self._layout.ensure_row(row)  # scrolled far (the scrollbar dragged): laid out now
        if row >= self._layout.row_count:
            return Strip.blank(width, palette.base)
        line = self._layout.line(row)
        paint = partial(
            paint_line,
            line,
            self.article.text,
            palette,
            width=width,
            pad=self._left_pad(width),
            row=row,
            on_cursor=on_cursor,
            console=self.app.console,
        )
        if not line.is_text:  # a header, a rule or a blank line: no text or notes on it
            if line.label_at is None:
                return paint()
            return paint(matches=self.matches, current_match=self.current_match)
        return paint(
            block=self.article.blocks[line.block],
            backdrop=self.backdrop,
            notes=runs_within(self._annotation_runs(), self._run_ends, line.start, line.end),
            matches=self.matches,
            current_match=self.current_match,
            selection=marks[0] if marks else None,
            caret=line.start + marks[1] if marks and marks[1] is not None else None,
        )

    def _selected_columns(self, line: Line, selection: Selection | None) -> tuple[int, int] | None:
        """The characters of a text line that `selection` takes, as the columns `paint_line`
        paints (-1: on past its end): read from the text selected, so that what is painted
        is what is copied and noted."""
        span = self._offsets_of(selection) if selection is not None else None
        if span is None or span[1] <= line.start or span[0] > line.end:
            return None
        start, end = span
        return max(0, start - line.start), -1 if end > line.end else end - line.start

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawing = True
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = False
            self._drawing_palette = None

    def _palette(self) -> Palette:
        """The colours to paint in: worked out once for all the lines of a drawing."""
        palette = self._drawing_palette
        if palette is None:
            palette = self._make_palette()
            if self._drawing:
                self._drawing_palette = palette
        return palette

    def _make_palette(self) -> Palette:
        parts = {part: self.get_component_rich_style(f"article-view--{part}") for part in PARTS}
        if self.is_mounted and colour_system(self.app) is None:
            for part, attributes in NO_COLOUR_PARTS.items():
                parts[part] += attributes
        return Palette(self.base_style, parts)

    def _annotation_runs(self) -> list[Run]:
        if self._runs is None:
            self._runs = highlight_runs(self.highlights)
            self._run_ends = [run.end for run in self._runs]
        return self._runs
