"""A plain-text file's lists read as lists: item lines that follow each other are shown
one under the other (items the file sets apart stay apart), and an item marked "-", "*"
or "+" shows the bullet the rest of the app uses, while its text keeps the file's
character for search, find and notes."""

from __future__ import annotations

from pathlib import Path

from reader.cli.show_cmd import render
from reader.config import Config
from reader.ingest.formats import load_article
from reader.model import Article
from reader.notes.anchoring import AnchorStatus, make_target, reanchor
from reader.text.find import FoldedText
from reader.tui.app import ReaderApp
from reader.tui.article.layout import layout_article
from reader.tui.article.paint import Palette, paint_line
from tests.test_hostile import screen_text
from tests.tui.conftest import settle

STEPS = (
    "Getting ready\n\n"
    "Do these things in order, and finish each one before the next one is started.\n\n"
    "- one\n- two\n- three\n\n"
    "And then the numbered part of it, which is done the day after the first part:\n\n"
    "1. first\n2. second\n3. third\n\n"
    "* a star apart\n\n+ a plus apart\n\n"
    "That is all there is to it, and the work is done for the rest of the day.\n"
)


def txt_article(root: Path, text: str = STEPS) -> Article:
    path = root / "steps.txt"
    path.write_text(text)
    return load_article(path, root)


def painted(article: Article, width: int = 80) -> list[str]:
    """The article's lines under its header as the app paints them, a blank line as ""."""
    layout = layout_article(article, "", width)
    lines = []
    for line in layout.lines:
        if line.is_text or line.kind == "blank":
            block = article.blocks[line.block] if line.is_text else None
            strip = paint_line(line, article.text, Palette(), width=width, pad=0, block=block)
            lines.append(strip.text.rstrip())
    return lines[1:-1]


def printed(article: Article) -> list[str]:
    """The lines `reader show` prints under the header."""
    return render(article).plain.split("\n")[3:-1]


def test_item_lines_that_follow_each_other_are_a_tight_list(tmp_path: Path):
    article = txt_article(tmp_path)
    lines = painted(article)
    assert lines == [
        "Do these things in order, and finish each one before the next one is started.",
        "",
        "• one",
        "• two",
        "• three",
        "",
        "And then the numbered part of it, which is done the day after the first part:",
        "",
        "1. first",
        "2. second",
        "3. third",
        "",
        "• a star apart",
        "",
        "• a plus apart",
        "",
        "That is all there is to it, and the work is done for the rest of the day.",
    ]
    assert printed(article) == lines  # reader show prints them the same


def test_the_text_of_a_tight_txt_list_is_unchanged(tmp_path: Path):
    article = txt_article(tmp_path)
    assert "- one\n\n- two\n\n- three" in article.text
    assert "* a star apart\n\n+ a plus apart" in article.text
    tight = [article.block_text(b) for b in article.blocks if b.tight]
    assert tight == ["- two", "- three", "2. second", "3. third"]


def test_items_of_a_hard_wrapped_file_are_tight_where_the_file_has_no_blank_line(
    tmp_path: Path,
):
    filler = "This line of the story is long enough to be wrapped at the edge of"
    text = (
        "A wrapped story\n\n"
        f"{filler}\nthe page, and it goes on for a while before it ends in a list:\n\n"
        "- apples from the orchard\n- pears from the tree\n\n- plums set apart\n\n"
        f"{filler}\nthe page, and a line that ends the story with nothing more said.\n"
        f"{filler}\nthe page once more, so the file reads as wrapped at one width.\n"
    )
    lines = painted(txt_article(tmp_path, text))
    at = lines.index("• apples from the orchard")
    assert lines[at : at + 4] == [
        "• apples from the orchard",
        "• pears from the tree",
        "",
        "• plums set apart",
    ]


def test_a_star_item_keeps_its_star_for_search_find_and_notes(tmp_path: Path):
    article = txt_article(tmp_path)
    text = article.text
    start = text.index("* a star apart")
    assert FoldedText(text).find_all("* a star") == [(start, start + 8)]
    target = make_target(text, start, start + 14)
    assert reanchor(text, target).status == AnchorStatus.EXACT
    # On screen the bullet stands where the star is: a column is still an offset.
    layout = layout_article(article, "", 80)
    row, column = layout.point_for_offset(start + 2)
    line = layout.line(row)
    strip = paint_line(line, text, Palette(), width=80, pad=0, block=article.blocks[line.block])
    assert strip.text[column:].startswith("a star apart")
    assert layout.offset_at(row, column) == start + 2


def test_a_dash_inside_an_item_and_other_markers_show_as_written(tmp_path: Path):
    text = (
        "Marks\n\n"
        "Some things are marked with other signs, and those are shown as the file has them.\n\n"
        "- a - b\n– an en dash\n• a dot\n1) one\n"
    )
    lines = painted(txt_article(tmp_path, text))
    assert lines[-4:] == ["• a - b", "– an en dash", "• a dot", "1) one"]


async def test_the_app_shows_a_txt_list_tight_with_bullets(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    txt_article(root)
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.open_article("steps.txt")
        await settle(pilot)
        rows = [line.split("▕")[-1].strip(" ▌") for line in screen_text(app)]
        at = rows.index("• one")
        assert rows[at : at + 4] == ["• one", "• two", "• three", ""], "\n".join(rows)
