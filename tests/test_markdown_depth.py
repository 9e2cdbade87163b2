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
