"""A saved page's nested lists keep their nesting, as Markdown's do: each item under the
text of the item it is in, its text once, numbered lists counting on after a nested one;
nesting deeper than six sits as far in as the sixth, so the text stays on the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.model import Article
from reader.notes.anchoring import AnchorStatus, make_target, reanchor
from reader.search import LibraryIndex
from reader.tui.article.layout import layout_article

INTRO = "<p>The intro says what the lists below are about, in one sentence of some length.</p>"
CLOSE = "<p>The end says that this is all there is to say about the lists, for the moment.</p>"


def page(tmp_path: Path, lists: str) -> Article:
    path = tmp_path / "lists.html"
    path.write_text(
        "<html><head><title>Lists</title></head><body><article><h1>Lists</h1>"
        f"{INTRO}{lists}{CLOSE}</article></body></html>"
    )
    return load_article(path, tmp_path)


def items(article: Article, width: int = 80) -> list[str]:
    """The lines of its list items as the app shows them (the same in `reader show`)."""
    layout = layout_article(article, "", width)
    lines = [
        layout.shown(line)
        for line in layout.lines
        if line.is_text and article.blocks[line.block].kind == "list_item"
    ]
    printed = render(article).plain.split("\n")
    assert [line for line in printed if line.strip() in {s.strip() for s in lines}] == lines
    return lines


def test_a_nested_bulleted_list_keeps_its_levels(tmp_path: Path):
    article = page(
        tmp_path,
        "<ul><li>alpha<ul><li>beta<ul><li>gamma</li></ul></li><li>beta two</li></ul></li>"
        "<li>alpha two</li></ul>",
    )
    assert items(article) == ["• alpha", "  • beta", "    • gamma", "  • beta two", "• alpha two"]
    assert [b.level for b in article.blocks if b.kind == "list_item"] == [1, 2, 3, 2, 1]


def test_an_item_holds_its_own_text_once(tmp_path: Path):
    article = page(tmp_path, "<ul><li>alpha<ul><li>beta<ul><li>gamma</li></ul></li></ul></li></ul>")
    assert article.text.count("gamma") == 1 and article.text.count("beta") == 1
    texts = [article.block_text(b) for b in article.blocks if b.kind == "list_item"]
    assert texts == ["alpha", "beta", "gamma"]


def test_a_nested_numbered_list_sits_under_the_number_text_and_counts_on(tmp_path: Path):
    article = page(
        tmp_path,
        '<ol start="9"><li>nine<ol><li>inner one</li><li>inner two</li></ol></li>'
        "<li>ten<ul><li>a point</li></ul></li><li>eleven</li></ol>",
    )
    assert items(article) == [
        "9. nine",
        "   1. inner one",
        "   2. inner two",
        "10. ten",
        "    • a point",
        "11. eleven",
    ]


def test_text_after_a_nested_list_stays_with_its_item(tmp_path: Path):
    article = page(
        tmp_path, "<ul><li>before<ul><li>inner</li></ul>and after</li><li>next</li></ul>"
    )
    assert items(article) == ["• before", "  • inner", "  and after", "• next"]


def test_sixty_levels_deep_the_text_stays_on_an_80_column_screen(tmp_path: Path):
    deep = "".join(f"<ul><li>level {k} item" for k in range(1, 61)) + "</li></ul>" * 60
    article = page(tmp_path, deep)
    lines = items(article)
    assert len(lines) == 60
    assert all(len(line) <= 80 for line in lines)
    assert [line.strip() for line in lines] == [f"• level {k} item" for k in range(1, 61)]
    # As far in as six levels go, and no further.
    assert lines[5] == " " * 10 + "• level 6 item" and lines[59] == " " * 10 + "• level 60 item"


def test_a_note_on_a_nested_item_still_anchors_in_the_new_text(tmp_path: Path):
    # The same page read before nesting was kept: each item held the text of those in it.
    before = (
        "The intro says what the lists below are about, in one sentence of some length."
        "\n\nalpha beta gamma\n\nbeta gamma\n\ngamma\n\n"
        "The end says that this is all there is to say about the lists, for the moment."
    )
    start = before.rindex("gamma")
    target = make_target(before, start, start + 5)
    article = page(tmp_path, "<ul><li>alpha<ul><li>beta<ul><li>gamma</li></ul></li></ul></li></ul>")
    found = reanchor(article.text, target)
    assert found.status != AnchorStatus.ORPHANED
    assert article.text[found.start : found.end] == "gamma"


def test_the_nesting_comes_back_from_the_index(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    article = page(root, "<ol><li>one<ul><li>a point</li></ul></li><li>two</li></ol>")
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        index.update(workers=1)
        stored = index.article("lists.html")
    assert stored == article
    assert [(b.level, b.indent) for b in stored.blocks if b.kind == "list_item"] == [
        (1, 0),
        (2, 3),
        (1, 0),
    ]


def shown(article: Article) -> list[str]:
    """The lines between the intro and the end as the app shows them, a blank line as
    "" (the same in `reader show`)."""
    layout = layout_article(article, "", 100)
    lines = [
        layout.shown(line) if line.is_text else ""
        for line in layout.lines
        if line.is_text or line.kind == "blank"
    ]
    body = lines[lines.index(INTRO[3:-4]) + 2 : lines.index(CLOSE[3:-4]) - 1]
    printed = render(article).plain.split("\n")
    assert printed[printed.index(INTRO[3:-4]) + 2 : printed.index(CLOSE[3:-4]) - 1] == body
    return body


@pytest.mark.parametrize(
    ("lists", "lines"),
    [
        (
            "<ul><li>apples</li><li>pears</li><li>plums</li></ul>",
            ["• apples", "• pears", "• plums"],
        ),
        (
            "<ul><li>fruit<ul><li>apples</li><li>pears</li></ul>and nuts</li><li>seeds</li></ul>",
            ["• fruit", "  • apples", "  • pears", "  and nuts", "• seeds"],
        ),
        (  # two lists, one after the other
            "<ol><li>one</li><li>two</li></ol><ul><li>a point</li><li>another</li></ul>",
            ["1. one", "2. two", "", "• a point", "• another"],
        ),
        (  # a list nested in an item of no text of its own: apart from the intro
            "<ul><li><ul><li>apples</li><li>pears</li></ul></li></ul>",
            ["  • apples", "  • pears"],
        ),
        (  # items the page sets apart with paragraphs in them
            "<ul><li><p>The first point.</p></li><li><p>The second point.</p></li></ul>",
            ["• The first point.", "", "• The second point."],
        ),
        (  # a list of such items holding a tight one
            "<ul><li><p>fruit</p><ul><li>apples</li><li>pears</li></ul></li>"
            "<li><p>nuts</p></li></ul>",
            ["• fruit", "", "  • apples", "  • pears", "", "• nuts"],
        ),
    ],
)
def test_list_items_read_as_a_tight_list_unless_set_apart_by_paragraphs(
    tmp_path: Path, lists: str, lines: list[str]
):
    assert shown(page(tmp_path, lists)) == lines


@pytest.mark.parametrize(
    ("lists", "lines"),
    [
        (
            "<ul><li><p>The first point.</p>\n        <p>More on it.</p></li>"
            "<li><p>The second point.</p></li></ul>",
            ["• The first point.", "", "  More on it.", "", "• The second point."],
        ),
        (
            "<ol><li><p>One.</p><p>More on one.</p></li><li><p>Two.</p></li></ol>",
            ["1. One.", "", "   More on one.", "", "2. Two."],
        ),
        (  # counted from where the page starts the list
            '<ol start="7"><li><p>Seven.</p><p>More on it.</p></li><li><p>Eight.</p></li></ol>',
            ["7. Seven.", "", "   More on it.", "", "8. Eight."],
        ),
        (  # paragraphs before and after a list nested in the item, in the page's order
            "<ul><li><p>fruit</p><p>of all kinds</p><ul><li>apples</li><li>pears</li></ul>"
            "<p>and nuts</p></li><li><p>seeds</p></li></ul>",
            [
                "• fruit",
                "",
                "  of all kinds",
                "",
                "  • apples",
                "  • pears",
                "",
                "  and nuts",
                "",
                "• seeds",
            ],
        ),
    ],
)
def test_an_item_of_several_paragraphs_shows_each_under_its_text(
    tmp_path: Path, lists: str, lines: list[str]
):
    article = page(tmp_path, lists)
    assert shown(article) == lines
    assert not any("  " in article.block_text(b) for b in article.blocks)
