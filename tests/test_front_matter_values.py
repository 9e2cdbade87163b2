"""Front matter values that are mappings or lists show as the text a person would write,
never as a Python repr ({'name': 'Jane'})."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.formats import load_article


def article(tmp_path: Path, front: str):
    path = tmp_path / "story.md"
    path.write_text(f"---\n{front}---\n\n# A heading\n\nA paragraph of ordinary prose here.\n")
    return load_article(path, tmp_path)


@pytest.mark.parametrize(
    ("front", "author"),
    [
        ("author: {name: Jane Doe, url: 'https://example.org/jane'}\n", "Jane Doe"),
        ("author:\n  name: Jane Doe\n  email: jane@example.org\n", "Jane Doe"),
        ("author: [{name: Jane Doe}, {name: John Roe}]\n", "Jane Doe, John Roe"),
        ("author: {first: Jane, last: Doe}\n", "Jane, Doe"),
        ("author: {}\n", None),
        ("author: [Jane Doe, null, '']\n", "Jane Doe"),
        ("author: Jane Doe\n", "Jane Doe"),
    ],
)
def test_an_author_given_as_a_mapping_shows_its_name(tmp_path: Path, front: str, author):
    shown = article(tmp_path, front)
    assert shown.author == author
    assert "{" not in shown.meta_line() and "'" not in shown.meta_line()


def test_a_source_and_url_given_as_mappings_show_as_text(tmp_path: Path):
    shown = article(
        tmp_path, "source: {name: Daily Planet, id: 7}\nurl: {href: 'https://x.org/a'}\n"
    )
    assert shown.source == "Daily Planet"
    assert shown.url == "https://x.org/a"


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: {a: 1}\n", []),
        ("tags: [{name: nato}, trump, {a: 1}]\n", ["nato", "trump", "1"]),
        ("tags: [[nested, list], x]\n", ["nested, list", "x"]),
    ],
)
def test_tags_given_as_mappings_show_as_text_or_not_at_all(tmp_path: Path, front: str, tags):
    assert article(tmp_path, front).tags == tags


BODY = "A paragraph of ordinary prose here."


@pytest.mark.parametrize(
    "bad",
    [
        "date: 2024-02-30\n",
        "author: *someone\n",
        "author: !!python/object/apply:os.system ['echo hi']\n",
        "tags: [unclosed\n",
    ],
)
def test_one_bad_value_keeps_the_rest_of_the_front_matter(tmp_path: Path, bad: str):
    shown = article(tmp_path, f"title: Real title\n{bad}source: Mysrc\n")
    assert shown.title == "Real title"
    assert shown.source == "Mysrc"
    assert shown.date is None
    assert "Real title" not in shown.body_text and "Mysrc" not in shown.body_text
    assert shown.body_text.endswith(BODY)
    # ... and says which field it left out, on which line of the file (after `---`, title).
    field = bad.split(":")[0]
    [said] = shown.ignored
    assert said.startswith(f'front matter field "{field}" ignored (line 3: '), said


def test_front_matter_read_whole_leaves_nothing_out(tmp_path: Path):
    assert article(tmp_path, "title: Real title\ndate: 2024-02-03\n").ignored == []


def test_an_anchor_and_its_alias_keep_the_other_fields(tmp_path: Path):
    shown = article(tmp_path, "title: &t Real title\nsubtitle: *t\nsource: Mysrc\n")
    assert (shown.title, shown.source) == ("Real title", "Mysrc")
    assert "Mysrc" not in shown.body_text


def test_front_matter_that_does_not_parse_is_still_not_body(tmp_path: Path):
    shown = article(tmp_path, "title: [unclosed\n  - what: {\n")
    assert shown.title == "A heading"
    assert "unclosed" not in shown.body_text


def test_a_thematic_break_around_prose_is_not_front_matter(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text("---\nJust a line of prose, between rules.\n---\n\nMore prose.\n")
    assert "Just a line of prose" in load_article(path, tmp_path).body_text
