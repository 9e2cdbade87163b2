"""Painting one line of an article, without an app: what each cell shows and in what colour.

`paint_line` is a pure function of the line, what lies over it and the colours; these
check what a reader sees on the cells it paints.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.model import Article, Block, Mark
from reader.tui.article.highlight_runs import highlight_runs
from reader.tui.article.layout import HEADER, Line, header_lines, header_text
from reader.tui.article.paint import Highlight, Palette, paint_line, paint_message

BASE = Style(color="#d0d0d0", bgcolor="#101010")
NOTE = Style(bgcolor="#5c5200")
OTHER_NOTE = Style(bgcolor="#1f4a80")
PALETTE = Palette(
    BASE,
    {
        "match": Style(bgcolor="#a06000"),
        "match-current": Style(bgcolor="#ff8000", bold=True),
        "selection": Style(bgcolor="#404080"),
        "caret": Style(reverse=True),
        "cursor": Style(color="#00ff00"),
        "cursor-line": Style(bgcolor="#202020"),
        "code": Style(color="#ff00ff"),
        "heading": Style(bold=True),
        "prefix": Style(color="#808080"),
        "title": Style(color="#ffaa00", bold=True),
        "empty": Style(color="#707070"),
    },
)
WIDTH = 40


def paragraph(text: str, **over) -> Strip:
    line = Line("paragraph", 0, len(text), 0)
    block = Block("paragraph", 0, len(text), marks=over.pop("marks", ()))
    return paint_line(line, text, PALETTE, width=WIDTH, block=block, **over)


def cells(strip: Strip) -> list[tuple[str, Style]]:
    """Each cell's text and the colours it is painted in (a wide character is one entry)."""
    out = []
    for text, style, _ in Segment.filter_control(strip):
        for ch in text:
            if cell_len(ch) or not out:
                out.append((ch, style or Style()))
            else:
                out[-1] = (out[-1][0] + ch, out[-1][1])
    return out


def text_cells(strip: Strip, pad: int = 1) -> list[tuple[str, Style]]:
    return cells(strip)[pad:]


def background(style: Style) -> str | None:
    return style.bgcolor.name if style.bgcolor is not None else None


def test_a_note_paints_its_colour_on_its_words_only():
    text = "one two three"
    strip = paragraph(text, notes=highlight_runs([Highlight(4, 7, NOTE)]))
    shown = text_cells(strip)
    assert "".join(ch for ch, _ in shown).rstrip() == text
    assert [background(s) for _, s in shown[4:7]] == ["#5c5200"] * 3
    assert background(shown[3][1]) == "#101010"
    assert background(shown[7][1]) == "#101010"


def test_a_find_match_over_a_note_shows_the_match_and_the_note_around_it():
    text = "alpha beta gamma"
    strip = paragraph(
        text, notes=highlight_runs([Highlight(0, 16, NOTE)]), matches=[(6, 10)], current_match=-1
    )
    shown = text_cells(strip)
    assert {background(s) for _, s in shown[6:10]} == {"#a06000"}
    assert {background(s) for _, s in shown[0:6]} == {"#5c5200"}
    assert {background(s) for _, s in shown[10:16]} == {"#5c5200"}


def test_the_current_find_match_is_brighter_than_the_others():
    strip = paragraph("cat cat cat", matches=[(0, 3), (4, 7), (8, 11)], current_match=1)
    shown = text_cells(strip)
    assert background(shown[0][1]) == "#a06000"
    assert background(shown[4][1]) == "#ff8000" and shown[4][1].bold
    assert background(shown[8][1]) == "#a06000"


def harbour_article(title: str) -> Article:
    """A one-paragraph article of the source "Port" titled `title`."""
    return Article(
        id="a.txt",
        path="a.txt",
        title=title,
        source="Port",
        format="txt",
        text="The harbour reopened.",
        blocks=[Block("paragraph", 0, 21)],
        sha256="",
        words=3,
    )


def test_a_find_match_in_the_title_and_one_in_the_meta_line_are_painted_there():
    article = harbour_article("Harbour reopens")
    meta = "Port · Jane Doe · 3 words"
    title, meta_line = header_lines(article, meta, WIDTH)[:2]
    head = header_text(article, meta)
    found = [head.index("Harbour"), head.index("Doe")]
    matches = [
        (HEADER + found[0], HEADER + found[0] + 7),
        (HEADER + found[1], HEADER + found[1] + 3),
    ]
    shown = text_cells(paint_line(title, article.text, PALETTE, width=WIDTH, matches=matches))
    assert {background(s) for _, s in shown[0:7]} == {"#a06000"}
    assert background(shown[8][1]) == "#101010"
    painted = paint_line(
        meta_line, article.text, PALETTE, width=WIDTH, matches=matches, current_match=1
    )
    shown = text_cells(painted)
    at = meta.index("Doe")
    assert {background(s) for _, s in shown[at : at + 3]} == {"#ff8000"}
    assert background(shown[at - 1][1]) == "#101010"


def test_overlapping_notes_are_underlined_where_they_overlap_and_the_later_colour_shows():
    notes = highlight_runs([Highlight(0, 8, NOTE), Highlight(4, 12, OTHER_NOTE)])
    shown = text_cells(paragraph("abcdefghijklmnop", notes=notes))
    assert background(shown[1][1]) == "#5c5200" and not shown[1][1].underline
    assert background(shown[5][1]) == "#1f4a80" and shown[5][1].underline
    assert background(shown[10][1]) == "#1f4a80" and not shown[10][1].underline


def test_a_note_shows_over_a_backdrop_and_the_backdrop_around_it():
    backdrop = [Highlight(0, 10, Style(bgcolor="#3a3a3a"))]
    strip = paragraph(
        "0123456789", backdrop=backdrop, notes=highlight_runs([Highlight(3, 5, NOTE)])
    )
    shown = text_cells(strip)
    assert [background(s) for _, s in shown[2:6]] == ["#3a3a3a", "#5c5200", "#5c5200", "#3a3a3a"]


def test_a_selection_paints_the_selected_columns_and_an_open_end_runs_to_the_line_end():
    shown = text_cells(paragraph("select me please", selection=(7, 9)))
    assert [background(s) for _, s in shown[6:10]] == ["#101010", "#404080", "#404080", "#101010"]
    shown = text_cells(paragraph("select me please", selection=(10, -1)))
    assert {background(s) for _, s in shown[10:16]} == {"#404080"}
    assert background(shown[16][1]) == "#101010"


def test_the_caret_at_the_end_of_a_line_is_a_visible_cell():
    shown = text_cells(paragraph("end", caret=3))
    assert shown[3][0] == " " and shown[3][1].reverse


def test_markup_and_escape_sequences_in_the_text_are_painted_literally():
    text = "[b]no[/] \x1b[31mred\x1b[0m :smile: \u202eevil"
    strip = paragraph(text)
    painted = "".join(ch for ch, _ in text_cells(strip)).rstrip()
    assert painted.startswith("[b]no[/] ␛[31mred␛[0m :smile: ")
    assert "\x1b" not in strip.text and "\u202e" not in strip.text
    assert not any(style.bold for _, style in cells(strip))
    assert strip.cell_length == WIDTH


def test_inline_marks_paint_bold_and_code():
    marks = (Mark(0, 4, "strong"), Mark(5, 9, "code"))
    shown = text_cells(paragraph("bold code", marks=marks))
    assert shown[0][1].bold and not shown[5][1].bold
    assert shown[5][1].color is not None and shown[5][1].color.name == "#ff00ff"


def test_wide_characters_fill_the_line_exactly_with_a_note_starting_inside_an_emoji():
    text = "日本語のテキスト 👨‍👩‍👧 family 🇯🇵 flag"
    family = text.index("👨")
    # A note whose edge falls inside the family emoji: painted whole, never half of it.
    notes = highlight_runs([Highlight(family + 2, family + 8, NOTE)])
    strip = paragraph(text, notes=notes)
    assert strip.cell_length == WIDTH
    shown = text_cells(strip)
    emoji = next(style for ch, style in shown if ch.startswith("👨"))
    assert background(emoji) == "#5c5200"
    assert "".join(ch for ch, _ in shown).rstrip() == text


def test_a_line_too_wide_for_the_pane_is_cut_at_the_pane_width():
    strip = paragraph("漢" * 30)
    assert strip.cell_length == WIDTH


def test_the_reading_cursor_line_has_a_bar_in_the_gutter_and_a_band_across():
    line = Line("paragraph", 0, 5, 0)
    strip = paint_line(line, "hello", PALETTE, width=WIDTH, pad=3, on_cursor=True)
    shown = cells(strip)
    assert shown[2][0] == "▌" and shown[2][1].color.name == "#00ff00"
    assert {background(s) for _, s in shown} == {"#202020"}


def test_a_heading_and_a_list_bullet_are_painted_in_their_own_colours():
    heading = Line("heading", 0, 5, 0)
    shown = text_cells(paint_line(heading, "Title", PALETTE, width=WIDTH))
    assert all(style.bold for _, style in shown[:5])
    item = Line("list_item", 0, 4, 0, prefix="• ")
    shown = cells(paint_line(item, "item", PALETTE, width=WIDTH))
    assert shown[1][0] == "•" and shown[1][1].color.name == "#808080"


def test_each_text_cell_knows_its_offset_for_the_mouse():
    strip = paragraph("abc", row=7)
    offsets = [seg.style.meta.get("offset") for seg in strip if seg.text.strip()]
    assert offsets == [(0, 7)]


def test_the_empty_pane_says_so():
    strip = paint_message("No article open.", PALETTE, width=WIDTH)
    assert strip.text.strip() == "No article open."
    assert strip.cell_length == WIDTH


def test_the_title_and_the_empty_pane_are_painted_in_their_own_colours():
    article = harbour_article("Harbour")
    title = header_lines(article, "Port", WIDTH)[0]
    shown = text_cells(paint_line(title, article.text, PALETTE, width=WIDTH))
    assert all(s.bold and s.color.name == "#ffaa00" for _, s in shown[:7])
    shown = cells(paint_message("No article open.", PALETTE, width=WIDTH))
    assert shown[2][1].color.name == "#707070"


def test_every_cell_carries_a_style_for_the_no_color_filter():
    """Textual's NO_COLOR filter reads each segment's style: none may be missing."""
    title = Line("title", label="Harbour", label_at=0)
    for strip in (
        paint_line(title, "", PALETTE, width=WIDTH),
        paint_message("No article open.", PALETTE, width=WIDTH),
    ):
        assert all(segment.style is not None for segment in strip)
