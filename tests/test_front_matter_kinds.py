"""Front matter however it is written: empty (`---` then `---`), or TOML between `+++`
lines as Hugo writes it, read for the same fields with the same care as YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.model import Article


def article(tmp_path: Path, text: str) -> Article:
    path = tmp_path / "story.md"
    path.write_text(text)
    return load_article(path, tmp_path)


@pytest.mark.parametrize("front", ["---\n---\n", "---\n---", "---\n\n---\n", "+++\n+++\n"])
def test_empty_front_matter_alone_is_an_article_with_no_text(tmp_path: Path, front: str):
    shown = article(tmp_path, front)
    assert shown.title == "story"
    assert shown.text == ""
    assert render(shown).plain.rstrip().endswith("This article has no text.")


def test_front_matter_without_a_title_alone_is_an_article_with_no_text(tmp_path: Path):
    shown = article(tmp_path, "---\nauthor: Ann Lee\n---\n")
    assert (shown.title, shown.author, shown.text) == ("story", "Ann Lee", "")


@pytest.mark.parametrize("front", ["---\n---\n", "+++\n+++\n"])
def test_the_text_after_empty_front_matter_is_the_body(tmp_path: Path, front: str):
    shown = article(tmp_path, front + "The body text.\n")
    assert shown.text == "The body text."


HUGO = """+++
title = "A Hugo title"
author = "Bob Ray"
source = "The Site"
date = 2024-05-17
url = "https://example.org/hugo"
tags = ["go", "static"]
draft = false

[params]
series = "One"
+++

The body of the post.
"""


def test_toml_front_matter_gives_the_fields_and_is_not_text(tmp_path: Path):
    shown = article(tmp_path, HUGO)
    assert shown.title == "A Hugo title"
    assert (shown.author, shown.source, shown.date) == ("Bob Ray", "The Site", "2024-05-17")
    assert (shown.url, shown.tags) == ("https://example.org/hugo", ["go", "static"])
    assert shown.text == "The body of the post."
    assert shown.ignored == []


def test_a_toml_field_that_cannot_be_read_is_left_out_and_named(tmp_path: Path):
    text = HUGO.replace('author = "Bob Ray"', "author = Bob Ray").replace(
        "date = 2024-05-17", "date = 2024-02-30"
    )
    shown = article(tmp_path, text)
    assert shown.title == "A Hugo title"
    assert (shown.author, shown.date, shown.source) == (None, None, "The Site")
    assert [line.split(" (")[0] for line in shown.ignored] == [
        'front matter field "author" ignored',
        'front matter field "date" ignored',
    ]
    assert shown.ignored[0].startswith('front matter field "author" ignored (line 3: ')
    assert shown.text == "The body of the post."


def test_a_toml_value_of_a_kind_that_cannot_be_used_is_named(tmp_path: Path):
    shown = article(tmp_path, "+++\ntitle = 42\n+++\nBody.\n")
    assert shown.title == "story"
    assert shown.ignored == [
        'front matter field "title" ignored (line 2: a number, not text: write it in quotes)'
    ]


def test_toml_front_matter_no_line_closes_is_text_and_named(tmp_path: Path):
    shown = article(tmp_path, '+++\ntitle = "Open"\n\nBody.\n')
    assert shown.text.startswith("+++")
    assert shown.ignored == [
        'front matter ignored (line 1: no closing "+++" line; its fields are read as text)'
    ]


def test_plus_signs_around_prose_are_not_front_matter(tmp_path: Path):
    shown = article(tmp_path, "+++\nJust some words.\n+++\n\nMore.\n")
    assert "Just some words." in shown.text
    assert shown.ignored == []


@pytest.mark.parametrize(
    "text",
    [
        "+++\ntitle: YAML between plus signs\n+++\n\nBody.\n",
        '---\ntitle = "TOML between dashes"\n---\n\nBody.\n',
    ],
)
def test_front_matter_in_the_other_syntax_is_read_in_it_not_shown(tmp_path: Path, text: str):
    shown = article(tmp_path, text)
    assert shown.title in ("YAML between plus signs", "TOML between dashes")
    assert shown.text == "Body."
    assert shown.ignored == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("+++\ntitle: [unclosed\n+++\n\nBody.\n", "line 2: "),
        ('---\ntitle = "unclosed\n---\n\nBody.\n', "line 2: "),
    ],
)
def test_front_matter_that_reads_in_neither_syntax_is_named_not_shown(
    tmp_path: Path, text: str, why: str
):
    shown = article(tmp_path, text)
    assert shown.text == "Body."
    assert [line.split(" (")[0] for line in shown.ignored] == ['front matter field "title" ignored']
    assert shown.ignored[0].startswith(f'front matter field "title" ignored ({why}')


@pytest.mark.parametrize(
    "text",
    [
        '+++\ntitle = "First"\nauthor = "Ann"\ntitle = "Second"\n+++\nBody.\n',
        "---\ntitle: First\nauthor: Ann\ntitle: Second\n---\nBody.\n",
    ],
)
def test_a_field_given_twice_takes_the_later_value_and_says_so(tmp_path: Path, text: str):
    shown = article(tmp_path, text)
    assert (shown.title, shown.author, shown.text) == ("Second", "Ann", "Body.")
    assert shown.ignored == [
        'front matter field "title" ignored (line 2: given again on line 4, whose value is used)'
    ]
