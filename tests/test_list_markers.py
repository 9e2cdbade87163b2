"""A list item shows one marker: a plain-text line's own ("1.", "-") without a bullet
added, and a further paragraph of a Markdown item sits under its text with none."""

from __future__ import annotations

from pathlib import Path

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.model import Article
from reader.notes.anchoring import AnchorStatus, make_target, reanchor
from reader.search import LibraryIndex
from reader.text.find import FoldedText
from reader.tui.article.layout import layout_article
from tests.test_markdown_lists import shown

TXT = (
    "How to start\n\n"
    "Do these things in order, and finish each one before the next one is started.\n\n"
    "1. first step\n\n2) second step\n\n- a bullet\n\n* a star\n\n• a dot\n\n"
    "That is all there is to it, and the work is done for the rest of the day.\n"
)


def txt_article(root: Path, text: str = TXT) -> Article:
    path = root / "steps.txt"
    path.write_text(text)
    return load_article(path, root)


def txt_lines(article: Article, width: int = 60) -> list[str]:
    """The article's text lines as the article view shows them at `width` cells."""
    layout = layout_article(article, "", width)
    return [layout.shown(line) for line in layout.lines if line.is_text]


def test_a_txt_list_line_shows_its_own_marker_once(tmp_path: Path):
    article = txt_article(tmp_path)
    assert [b.kind for b in article.body_blocks][1:6] == ["list_item"] * 5
    # A "-" or "*" of the file's own shows as the bullet, numbers as written.
    items = ["1. first step", "2) second step", "• a bullet", "• a star", "• a dot"]
    assert txt_lines(article, 100)[1:6] == items
    printed = [line for line in render(article).plain.split("\n")[3:] if line]
    assert printed[1:6] == items  # reader show prints them the same


def test_a_long_txt_list_line_wraps_under_its_text(tmp_path: Path):
    article = txt_article(tmp_path, TXT.replace("first step", "first " + "word " * 20))
    lines = txt_lines(article)
    at = next(k for k, line in enumerate(lines) if line.startswith("1. first"))
    assert lines[at + 1].startswith("   word")
    assert all(len(line) <= 60 for line in lines)


def test_search_find_and_notes_work_on_a_txt_list_line(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    article = txt_article(root)
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        index.update(workers=1)
        hits = index.search("second").hits
        stored = index.article("steps.txt")
    assert [hit.id for hit in hits] == ["steps.txt"]
    assert stored == article  # the item comes back from the index as it was read
    text = article.text
    start = text.index("second step")
    assert FoldedText(text).find_all("second step") == [(start, start + 11)]
    target = make_target(text, start, start + 11)
    assert reanchor(text, target).status == AnchorStatus.EXACT
    # The column of a word on screen is its place in the text.
    layout = layout_article(article, "", 60)
    row, column = layout.point_for_offset(start)
    assert layout.offset_at(row, column) == start
    line = layout.line(row)
    assert (line.prefix + text[line.start : line.end])[len(line.prefix) + column :] == (
        "second step"
    )


def test_a_further_paragraph_of_an_item_has_no_marker_of_its_own(tmp_path: Path):
    markdown = (
        "1. step one\n\n   more about step one\n\n2. step two\n\n"
        "- a point\n\n  more about the point\n"
    )
    assert shown(tmp_path, markdown) == [
        "1. step one",
        "",
        "   more about step one",
        "",
        "2. step two",
        "",
        "• a point",
        "",
        "  more about the point",
    ]


def test_a_paragraph_after_a_nested_list_belongs_to_its_item(tmp_path: Path):
    markdown = "10. ten\n\n    - inner\n\n    more about ten\n\n11. eleven\n"
    assert shown(tmp_path, markdown) == [
        "10. ten",
        "",
        "    • inner",
        "",
        "    more about ten",
        "",
        "11. eleven",
    ]


def test_a_long_further_paragraph_wraps_under_the_item_text(tmp_path: Path):
    path = tmp_path / "doc.md"
    path.write_text("# Doc\n\n1. one\n\n   " + "word " * 20 + "\n")
    article = load_article(path, tmp_path)
    layout = layout_article(article, "", 40)
    lines = [line.prefix + article.text[line.start : line.end] for line in layout.lines]
    words = [line for line in lines if "word" in line]
    assert len(words) > 1 and all(line.startswith("   word") for line in words)


def test_a_saved_page_numbered_list_starts_at_its_start(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Steps</title></head><body><article><h1>Steps</h1>"
        "<p>The first two steps were in the part before; these come after them, in order.</p>"
        '<ol start="3"><li>Open the box</li><li>Take out the parts</li></ol>'
        "<p>And then a list of its own, which counts from one as every list does.</p>"
        "<ol><li>Read the manual</li><li>Put it away</li></ol>"
        "<p>That is all there is to say about the steps and the order of them for now.</p>"
        "</article></body></html>"
    )
    article = load_article(path, tmp_path)
    items = [b.marker + article.block_text(b) for b in article.body_blocks if b.kind == "list_item"]
    assert items == [
        "3. Open the box",
        "4. Take out the parts",
        "1. Read the manual",
        "2. Put it away",
    ]
