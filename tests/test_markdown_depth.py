"""Markdown nested however deep loses no text: what is nested deeper than the parser
goes is read at the deepest level it goes to, and the rest of the file after it too."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.model import Article


def article(tmp_path: Path, markdown: str) -> Article:
    path = tmp_path / "deep.md"
    path.write_text(markdown)
    return load_article(path, tmp_path)


def test_a_list_nested_ten_deep_keeps_every_level_and_the_text_after_it(tmp_path: Path):
    markdown = "\n".join("  " * i + f"- level {i}" for i in range(10))
    shown = render(article(tmp_path, markdown + "\n\nEnd text after list.\n")).plain
    assert "level 9" in shown
    assert shown.rstrip().endswith("End text after list.")
    # the deepest levels sit as far in as the sixth, as in a saved page
    lines = shown.splitlines()
    indent = {line.strip(): len(line) - len(line.lstrip()) for line in lines if "level" in line}
    assert indent["• level 9"] == indent["• level 5"] > indent["• level 4"]


def test_a_quote_nested_twenty_five_deep_keeps_every_level(tmp_path: Path):
    markdown = "\n".join(">" * (i + 1) + f" q{i}" for i in range(25))
    read = article(tmp_path, markdown + "\n\nEnd text after quote.\n")
    assert all(f"q{i}" in read.text.split() for i in range(25))
    assert read.text.endswith("End text after quote.")
    assert read.words == 25 + 4


@pytest.mark.parametrize(
    "prefix",
    ["- " * 10_000, "1. " * 10_000, ">" * 10_000 + " ", "> - " * 10_000],
    ids=["bullets", "numbers", "quotes", "both"],
)
def test_ten_thousand_levels_on_one_line_lose_no_text(tmp_path: Path, prefix: str):
    read = article(tmp_path, f"Before.\n\n{prefix}deepest words\n\nEnd text.\n")
    assert read.text.startswith("Before.")
    assert "deepest words" in read.text
    assert read.text.endswith("End text.")


def test_a_list_indented_level_by_level_a_thousand_deep_loses_no_text(tmp_path: Path):
    markdown = "\n".join("  " * i + f"- level {i}" for i in range(1_000))
    read = article(tmp_path, markdown + "\n\nEnd text.\n")
    assert all(f"level {i}" in read.text for i in (0, 9, 59, 60, 999))
    assert read.words == 2 * 1_000 + 2
    assert read.text.endswith("End text.")


DEEP_QUOTE = ">" * 200 + " deep quote\n\n"


def test_lines_in_a_fenced_code_block_are_kept_as_written_in_a_file_nested_too_deep(
    tmp_path: Path,
):
    code = [" " * 130 + "indented far", "- > " * 40 + "markers", "\t" * 30 + "tabbed"]
    for fence, closing in (("```python", "```"), ("~~~~", "~~~~~"), ("  ````", "````")):
        block = fence + "\n" + "\n".join(code) + "\n" + closing + "\n\nEnd.\n"
        # the code block reads as it does in a file nested no deeper than the parser goes
        alone = article(tmp_path, block).text
        assert "indented far" in alone and "markers" in alone and "tabbed" in alone
        assert article(tmp_path, DEEP_QUOTE + block).text == "deep quote\n\n" + alone, fence


def test_a_fence_closes_only_on_its_own_kind_at_least_as_long(tmp_path: Path):
    deep = ">" * 200 + " still code"
    markdown = DEEP_QUOTE + "````\n```\n~~~~\n" + deep + "\n````\n\nEnd.\n"
    assert deep in article(tmp_path, markdown).text.splitlines()


def test_a_fence_in_a_quote_ends_with_the_quote_and_deeper_lines_after_it_are_read(
    tmp_path: Path,
):
    markdown = "> ```\n> code\n\n" + ">" * 200 + " deeper words\n\nEnd.\n"
    read = article(tmp_path, markdown)
    assert "code" in read.text.split()
    assert "deeper words" in read.text
    assert read.text.endswith("End.")


def test_an_indented_line_of_backticks_is_code_not_a_fence(tmp_path: Path):
    markdown = DEEP_QUOTE + "Text.\n\n    ```\n\n" + "- " * 200 + "deepest words\n\nEnd.\n"
    shown = render(article(tmp_path, markdown)).plain
    assert "• deepest words" in shown
    assert shown.rstrip().endswith("End.")


def test_a_fence_in_a_list_item_keeps_its_lines(tmp_path: Path):
    code = "1. " * 40 + "numbered"
    markdown = DEEP_QUOTE + "- item\n\n  ```\n  " + code + "\n  ```\n\nEnd.\n"
    read = article(tmp_path, markdown)
    assert code in read.text.splitlines()
    assert read.text.endswith("End.")


@pytest.mark.parametrize("blanks", [2, 3, 4, 5])
def test_the_deepest_item_after_a_marker_and_several_blanks_is_an_item(tmp_path: Path, blanks: int):
    markdown = "\n".join("  " * i + f"- level {i}" for i in range(59))
    markdown += "\n" + "  " * 59 + "-" + " " * blanks + "level 59\n\nEnd.\n"
    shown = render(article(tmp_path, markdown)).plain
    lines = [line.strip() for line in shown.splitlines()]
    assert "• level 58" in lines and "• level 59" in lines  # not one joined to the other
    assert shown.rstrip().endswith("End.")
