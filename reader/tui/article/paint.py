"""Painting one screen line of an article: a pure function of the line, what lies over its
text (marks, notes, find matches, a selection, the caret) and the colours, giving its cells.

Nothing here reads a widget: the view hands in its colours as a `Palette`, and tests call
`paint_line` with no app running.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.model import Block
from reader.text.safe import visible_line
from reader.tui.article.cells import pieces
from reader.tui.article.colors import highlight_style
from reader.tui.article.highlight_runs import Run
from reader.tui.article.layout import Line, drawn_text
from reader.tui.article.wrap import whole_characters
from reader.tui.widgets.draw_style import fitted, on_base

# The parts of a line that have colours of their own: the view's component classes are
# these names after `article-view--`.
PARTS = (
    "title",
    "subtitle",
    "meta",
    "rule",
    "heading",
    "quote",
    "prefix",
    "boilerplate",
    "match",
    "match-current",
    "caret",
    "cursor",
    "cursor-line",
    "link",
    "code",
    "empty",
    "selection",
)

_PLAIN = Style()


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled span of canonical text: an annotation, a search match, a flash."""

    start: int
    end: int
    style: Style


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours an article is painted in: `base` (the widget's own, under everything)
    and one style per part named in `PARTS`; a part left out has no style of its own."""

    base: Style = _PLAIN
    parts: Mapping[str, Style] = field(default_factory=dict)

    def __getitem__(self, part: str) -> Style:
        return self.parts.get(part, _PLAIN)


_console: Console | None = None


def _plain_console() -> Console:
    # Text.render asks a console only to look up styles given by name; ours are Styles.
    global _console
    if _console is None:
        _console = Console(color_system=None, force_terminal=False, width=80)
    return _console


def paint_line(
    line: Line,
    text: str,
    palette: Palette,
    *,
    width: int,
    pad: int = 1,
    row: int = 0,
    block: Block | None = None,
    backdrop: Iterable[Highlight] = (),
    notes: Iterable[Run] = (),
    matches: Sequence[tuple[int, int]] = (),
    current_match: int = -1,
    selection: tuple[int, int] | None = None,
    caret: int | None = None,
    on_cursor: bool = False,
    console: Console | None = None,
) -> Strip:
    """The `width` cells of screen row `row` showing `line` of an article whose canonical
    text is `text`, `pad` cells in from the left.

    A text line is painted, bottom to top, in its kind's colour, its `block`'s marks
    (bold, italic, code, links), the `backdrop`, the `notes` (annotation runs, see
    `highlight_runs`), the find `matches` (`current_match` brighter; on a header line
    too, in header offsets), the `selection` (columns of the line's text; an end of -1
    runs to the end) and the `caret` (a canonical offset). `on_cursor` draws the reading
    cursor's bar and band. The text is shown as it is: markup and escape sequences in it
    are painted literally, control characters as visible symbols. Each cell carries its
    text offset (for the mouse).
    """
    base = palette.base
    if line.is_text:
        body = _text_line(line, text, palette, block)
        _paint_spans(body, line, backdrop)
        # Annotations, overlaps underlined: one span per run, however many overlap.
        _paint_spans(body, line, notes)
        _paint_matches(body, line.start, line.end, matches, current_match, palette)
        if selection is not None:
            _paint_selection(body, selection, palette["selection"])
        if caret is not None and line.start <= caret <= line.end:
            _paint_caret(body, caret - line.start, palette["caret"])
        whole_characters(body)
    else:
        body = Text(visible_line(line.label), style=palette[line.kind])
        if line.label_at is not None:  # a header line: find looks there too
            at = line.label_at
            _paint_matches(body, at, at + len(line.label), matches, current_match, palette)
    if on_cursor:
        # The cursor line: a bar in the gutter and a faint band across the row.
        base += Style(bgcolor=palette["cursor-line"].bgcolor)
        bar = base + Style(color=palette["cursor"].color)
        segments = [Segment(" " * (pad - 1), base), Segment("▌", bar)]
    else:
        segments = [Segment(" " * pad, base)]
    if line.prefix:
        segments.append(Segment(line.prefix, base + palette["prefix"]))
    # Every run sits on the widget's own colours, so the theme shows through.
    segments.extend(on_base(body, console or _plain_console(), base))
    used = pad + cell_len(line.prefix) + body.cell_len
    # Each cell's column of the line's text, for the mouse (see `cells`): the pad and the
    # prefix before the text's first cell.
    x = -(pad + cell_len(line.prefix))
    placed = []
    cells = 0
    for segment in segments:
        style = segment.style or _PLAIN
        for piece, cells in pieces(segment.text):
            placed.append(Segment(piece, _at_offset(style, x, row)))
            x += cells
    if placed and len(placed[-1].text) != cells:
        # Past the end, Textual reads the last segment's column plus its characters: after
        # one drawn otherwise than a cell each, a mark of the column the text ends at.
        placed.append(Segment("", base + _offset_meta(x, row)))
    return fitted(placed, used, width, base)


def paint_message(
    message: str, palette: Palette, *, width: int, console: Console | None = None
) -> Strip:
    """A line saying `message` (as "No article open."), two cells in."""
    base = palette.base
    body = Text(message, style=palette["empty"])
    segments = [Segment(" " * 2, base), *on_base(body, console or _plain_console(), base)]
    return fitted(segments, 2 + body.cell_len, width, base)


def _text_line(line: Line, text: str, palette: Palette, block: Block | None) -> Text:
    """The line's text in its kind's colour, with its block's marks."""
    start, end = line.start, line.end
    body = Text(drawn_text(text, line, block))
    if line.boilerplate:
        body.stylize(palette["boilerplate"])
    elif line.kind == "heading":
        body.stylize(palette["heading"])
    elif line.kind == "quote":
        body.stylize(palette["quote"])
    if block is not None:
        for mark in block.marks:
            _stylize_span(
                body,
                start,
                end,
                block.start + mark.start,
                block.start + mark.end,
                mark_style(mark.style, palette),
            )
    return body


def _paint_spans(body: Text, line: Line, spans: Iterable[Highlight | Run]) -> None:
    for span in spans:
        _stylize_span(body, line.start, line.end, span.start, span.end, span.style)


def _paint_matches(
    body: Text,
    start: int,
    end: int,
    matches: Sequence[tuple[int, int]],
    current: int,
    palette: Palette,
) -> None:
    """The find's matches over the text from offset `start` to `end` that `body` shows."""
    for n, (m_start, m_end) in enumerate(matches):
        if m_end <= start or m_start >= end:
            continue
        style = palette["match-current"] if n == current else palette["match"]
        _stylize_span(body, start, end, m_start, m_end, style)


def _paint_selection(body: Text, selection: tuple[int, int], style: Style) -> None:
    """`selection`: columns of the line's text; an end of -1 runs to the end."""
    s_start, s_end = selection
    body.stylize(style, max(0, s_start), len(body) if s_end == -1 else s_end)


def _paint_caret(body: Text, column: int, style: Style) -> None:
    if column >= len(body):
        body.append(" ")  # the caret past the last character, on a cell of its own
    body.stylize(style, column, column + 1)


def mark_style(kind: str, palette: Palette) -> Style:
    """The style of an inline mark: strong, em, code or a link."""
    if kind == "strong":
        return Style(bold=True)
    if kind == "em":
        return Style(italic=True)
    if kind == "code":
        return palette["code"]
    return palette["link"]


def annotation_style(
    color: str, fuzzy: bool, current: bool, dark: bool, colors: str | None = "truecolor"
) -> Style:
    """An annotation's look: its colour (see `highlight_style`); italic and underlined
    while its place is only guessed (fuzzy); bold while it is the current one."""
    style = highlight_style(color, dark, colors)
    if fuzzy:
        style += Style(italic=True, underline=True)
    if current:
        style += Style(bold=True)
    return style


def _stylize_span(body: Text, start: int, end: int, s: int, e: int, style: Style) -> None:
    if e <= start or s >= end:
        return
    body.stylize(style, max(0, s - start), min(end, e) - start)


@lru_cache(maxsize=4096)  # a screen's rows painted again: a line of Chinese has forty
def _offset_meta(x: int, y: int) -> Style:
    return Style.from_meta({"offset": (x, y)})


# A segment a character (Chinese, Japanese, emoji), each its style and column: Rich's
# own cache of added styles (1,024) is too small for a screen of them, painted again.
@lru_cache(maxsize=16_384)
def _at_offset(style: Style, x: int, y: int) -> Style:
    """`style` carrying cell column `x` of row `y` (see `cells`)."""
    return style + _offset_meta(x, y)
