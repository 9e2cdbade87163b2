"""Markdown lists look as written: a tight list's items one under the other, a loose
list's items apart, in the app and in `reader show`."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.search import LibraryIndex
from reader.tui.article.layout import layout_article


def shown(tmp_path: Path, markdown: str) -> list[str]:
    """The article's lines under its header as the article view shows them."""
    path = tmp_path / "lists.md"
    path.write_text("# Lists\n\n" + markdown)
    article = load_article(path, tmp_path)
    layout = layout_article(article, "", 60)
    lines = []
    for line in layout.lines:
        if line.is_text:
            lines.append(layout.shown(line))
        elif line.kind == "blank":
            lines.append("")
    assert printed(article) == lines[1:-1]  # reader show prints the same lines
    return lines[1:-1]


def printed(article) -> list[str]:
    return render(article).plain.split("\n")[3:-1]


def test_tight_list_items_are_shown_one_under_the_other(tmp_path: Path):
    assert shown(tmp_path, "Shopping.\n\n- apples\n- pears\n- plums\n\nThat is all.\n") == [
        "Shopping.",
        "",
        "• apples",
        "• pears",
        "• plums",
        "",
        "That is all.",
    ]


def test_loose_list_items_keep_a_blank_line_between_them(tmp_path: Path):
    assert shown(tmp_path, "1. apples\n\n2. pears\n\n3. plums\n") == [
        "1. apples",
        "",
        "2. pears",
        "",
        "3. plums",
    ]


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        (
            "- fruit\n  - apples\n  - pears\n- nuts\n",
            ["• fruit", "  • apples", "  • pears", "• nuts"],
        ),
        (  # a loose list holding a tight one
            "- fruit\n\n  - apples\n  - pears\n\n- nuts\n",
            ["• fruit", "", "  • apples", "  • pears", "", "• nuts"],
        ),
        (  # two tight lists apart
            "- apples\n- pears\n\nand\n\n- nuts\n- seeds\n",
            ["• apples", "• pears", "", "and", "", "• nuts", "• seeds"],
        ),
    ],
)
def test_nested_lists_are_tight_or_loose_as_written(tmp_path: Path, markdown, lines):
    assert shown(tmp_path, markdown) == lines


def test_the_text_notes_point_into_is_unchanged(tmp_path: Path):
    path = tmp_path / "lists.md"
    path.write_text("# Lists\n\n- apples\n- pears\n")
    assert load_article(path, tmp_path).text == "apples\n\npears"


def test_the_app_reads_tight_lists_back_from_the_index(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    (root / "lists.md").write_text("# Lists\n\n- apples\n- pears\n  - green\n")
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        index.update(workers=1)
        stored = index.article("lists.md")
    assert stored == load_article(root / "lists.md", root)
    assert [block.tight for block in stored.blocks] == [False, True, True]


def test_a_code_block_in_an_item_sits_under_the_item_text(tmp_path: Path):
    markdown = (
        "1. first item\n\n   ```\n   code here\n     indented\n   ```\n\n2. second item\n\n"
        "- a point\n\n      x = 1\n"
    )
    assert shown(tmp_path, markdown) == [
        "1. first item",
        "",
        "   code here",
        "     indented",
        "",
        "2. second item",
        "",
        "• a point",
        "",
        "  x = 1",
    ]


def test_the_code_in_an_item_keeps_its_text_and_its_style(tmp_path: Path):
    path = tmp_path / "code.md"
    path.write_text("# Code\n\n- run it:\n\n  ```\n  make all\n  ```\n")
    article = load_article(path, tmp_path)
    assert article.text == "run it:\n\nmake all"
    code = article.blocks[-1]
    assert [(m.start, m.end, m.style) for m in code.marks] == [(0, 8, "code")]


def test_an_item_that_is_only_code_shows_its_marker_before_it(tmp_path: Path):
    assert shown(tmp_path, "1. ```\n   make all\n   make check\n   ```\n2. done\n") == [
        "1. make all",
        "   make check",
        "",
        "2. done",
    ]


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        (
            "9. nine\n   - sub\n10. ten\n    - sub ten\n",
            ["9. nine", "   • sub", "10. ten", "    • sub ten"],
        ),
        (
            "1. one\n   1. inner\n      - deep\n",
            ["1. one", "   1. inner", "      • deep"],
        ),
        ("- a\n  1. b\n     - c\n", ["• a", "  1. b", "     • c"]),
    ],
)
def test_a_nested_list_sits_under_the_text_of_its_item(tmp_path: Path, markdown, lines):
    assert shown(tmp_path, markdown) == lines


def test_a_long_nested_item_wraps_under_its_own_text(tmp_path: Path):
    path = tmp_path / "long.md"
    path.write_text("# Long\n\n10. ten\n    - " + "word " * 20 + "\n")
    article = load_article(path, tmp_path)
    layout = layout_article(article, "", 40)
    lines = [layout.shown(line) for line in layout.lines if line.is_text]
    assert lines[1].startswith("    • word")
    assert len(lines) > 3 and all(line.startswith("      word") for line in lines[2:])
