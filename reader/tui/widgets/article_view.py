"""The article pane: a Line-API view of one article, wrapped at a readable measure."""

from __future__ import annotations

from dataclasses import dataclass

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
from reader.safetext import visible
from reader.tui.layout import Layout, Line, layout_article


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled span of canonical text: an annotation, a search match, a flash."""

    start: int
    end: int
    style: Style


class ArticleView(ScrollView, can_focus=True):
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
        "article-view--link",
        "article-view--code",
        "article-view--empty",
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
    ]

    class PositionChanged(Message):
        """The reading position (canonical offset of the top line) moved."""

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

    def __init__(self, *, text_width: int = 80, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text_width = text_width
        self.article: Article | None = None
        self.meta_line = ""
        self.show_boilerplate = False
        self.highlights: list[Highlight] = []
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        self.caret: int | None = None
        self.empty_message = "No article open."
        self._layout: Layout | None = None
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._version = 0

    # ----- content -------------------------------------------------------------------

    def show_article(self, article: Article | None, meta: str = "", offset: int = 0) -> None:
        """Display an article scrolled so that canonical `offset` is at the top."""
        self.article = article
        self.meta_line = meta
        self.highlights = []
        self.matches = []
        self.current_match = -1
        self.caret = None
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)
        if offset:
            # The new virtual size takes effect on the next refresh; scroll after it.
            self.call_after_refresh(self.scroll_to_offset, offset, top=True)

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.highlights = sorted(highlights, key=lambda h: (h.start, h.end))
        self._invalidate()

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        self.matches = matches
        self.current_match = current
        self._invalidate()
        self.refresh_bindings()
        if 0 <= current < len(matches):
            self.call_after_refresh(self.scroll_to_offset, matches[current][0])
        self.post_message(self.MatchMoved(current, len(matches)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step_match":
            return bool(self.matches)
        return True

    def action_step_match(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) match, wrapping around."""
        if not self.matches:
            return
        total = len(self.matches)
        if self.current_match < 0:
            top = self.top_offset
            first = next((i for i, (s, _) in enumerate(self.matches) if s >= top), 0)
            self.current_match = first if delta > 0 else (first - 1) % total
        else:
            self.current_match = (self.current_match + delta) % total
        self._invalidate()
        self.scroll_to_offset(self.matches[self.current_match][0])
        self.post_message(self.MatchMoved(self.current_match, total))

    def action_toggle_boilerplate(self) -> None:
        top = self.top_offset
        self.show_boilerplate = not self.show_boilerplate
        self._relayout()
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
        available = max(10, self.scrollable_content_region.width - 2)
        return min(self.text_width, available)

    @property
    def left_pad(self) -> int:
        width = self.scrollable_content_region.width
        return max(1, (width - self.layout_width) // 2)

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
        self.scroll_to(y=target, animate=animate, immediate=not animate)

    def _relayout(self) -> None:
        if self.article is None:
            self._layout = None
            self.virtual_size = Size(0, 0)
        else:
            self._layout = layout_article(
                self.article,
                self.meta_line,
                self.layout_width,
                show_boilerplate=self.show_boilerplate,
            )
            self.virtual_size = Size(self.scrollable_content_region.width, len(self._layout.lines))
        self._invalidate()

    def _invalidate(self) -> None:
        self._version += 1
        self._cache.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is not None and self._layout.width != self.layout_width:
            top = self.top_offset
            self._relayout()
            self.call_after_refresh(self.scroll_to_offset, top, top=True)
        else:
            self._invalidate()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None and round(old) != round(new):
            self.post_message(self.PositionChanged(self.article.id, self.top_offset))

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
        return self.article.text[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
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
        key = (row, width)
        selection = self.text_selection
        if selection is None and (cached := self._cache.get(key)) is not None:
            return cached
        strip = self._render_row(row, width, selection)
        if selection is None:
            self._cache[key] = strip
        return strip

    def _render_row(self, row: int, width: int, selection: Selection | None) -> Strip:
        base = self.rich_style
        if self._layout is None:
            if row == 1:
                text = Text(self.empty_message, style=self._style("article-view--empty"))
                segments = [Segment(" " * 2, base), *text.render(self.app.console)]
                return Strip(segments).extend_cell_length(width, base).crop(0, width)
            return Strip.blank(width, base)
        lines = self._layout.lines
        if row >= len(lines):
            return Strip.blank(width, base)
        line = lines[row]
        pad = self.left_pad
        if line.is_text:
            text = self._text_line(line, row, selection)
        else:
            text = Text(visible(line.label), style=self._style(f"article-view--{line.kind}"))
        segments = [Segment(" " * pad, base)]
        if line.prefix:
            segments.append(Segment(line.prefix, base + self._style("article-view--prefix")))
        segments.extend(text.render(self.app.console))
        strip = Strip(segments).apply_offsets(-(pad + len(line.prefix)), row)
        return strip.extend_cell_length(width, base).crop(0, width)

    def _style(self, component: str) -> Style:
        if component in self.COMPONENT_CLASSES:
            return self.get_component_rich_style(component, partial=True)
        return Style()

    def _text_line(self, line: Line, row: int, selection: Selection | None) -> Text:
        assert self.article is not None
        start, end = line.start, line.end
        text = Text(visible(self.article.text[start:end]))
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
        for highlight in self.highlights:
            if highlight.start >= end:
                break
            self._stylize_span(text, start, end, highlight.start, highlight.end, highlight.style)
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
            text.stylize(
                self.screen.get_component_rich_style("screen--selection"), max(0, s_start), s_end
            )
        if self.caret is not None and start <= self.caret <= end:
            column = self.caret - start
            if column >= len(text):
                text.append(" ")
            text.stylize(self._style("article-view--caret"), column, column + 1)
        return text

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
