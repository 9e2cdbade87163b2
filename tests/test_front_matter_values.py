"""Front matter values that are mappings or lists show as the text a person would write,
never as a Python repr ({'name': 'Jane'})."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from reader.ingest.formats import load_article
from reader.ingest.formats.frontfields import blank


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


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("date: [1, 2]\n", "a list, not a date like 2024-05-17"),
        ("date: 2024\n", "a number, not a date like 2024-05-17"),
        ("date: '2024-02-30'\n", "not a date like 2024-05-17"),
        ("date: soon\n", "not a date like 2024-05-17"),
        ("title: {a: 1}\n", "a mapping, not text"),
        ("title: 1984\n", "a number, not text: write it in quotes"),
        ("tags: 5\n", "a number, not text or a list: write it in quotes"),
        ("tags: [true, false]\n", "a list with no text in it"),
        ("author: {url: [true]}\n", "a mapping with no text in it"),
        ("author: true\n", "true or false, not text: write it in quotes"),
        ("author: !!binary aGVsbG8=\n", "binary data, not text"),
        ("url: !!set {a, b}\n", "a set, not text"),
    ],
)
def test_a_value_of_a_kind_that_cannot_be_used_is_named(tmp_path: Path, bad: str, why: str):
    shown = article(tmp_path, f"source: Mysrc\n{bad}subtitle: kept aside\n")
    field = bad.split(":")[0]
    assert shown.ignored == [f'front matter field "{field}" ignored (line 3: {why})']
    assert shown.source == "Mysrc"
    assert shown.title == "A heading" and shown.date is None and shown.tags == []
    assert "b'" not in shown.meta_line() and "{" not in shown.meta_line()


# The fields an article takes from its front matter, and whether the article shows the
# value: its title is not the heading, its source not its folder, the rest not empty.
HEADING = "Heading of the page"
FOLDER = "Folder of the page"
USED = {
    "title": lambda a: a.title != HEADING,
    "author": lambda a: a.author is not None,
    "source": lambda a: a.source != FOLDER,
    "url": lambda a: a.url is not None,
    "date": lambda a: a.date is not None and dt.date.fromisoformat(a.date) is not None,
    "tags": lambda a: a.tags != [],
}
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.dates(), st.datetimes()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)
# Values as written by hand: tags and shapes a dumper does not write.
WRITTEN = st.sampled_from(
    [
        "", "~", "[]", "{}", "''", "' , '", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]",
        ".nan", "-.inf", "0x1F", "1_000", "yes", "'2024-02-30'", "2024-02-03 10:00:00",
        "'May 3, 2024'", "[2024-02-03]", "{name: Jane}", "[a, {name: b}]", "!!str 12",
    ]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(sorted(USED)),
    value=st.one_of(VALUES.map(lambda v: ("dumped", v)), WRITTEN.map(lambda w: ("written", w))),
)
@example(key="date", value=("written", "'2024-02-30'"))
def test_a_known_field_of_any_value_is_used_or_named(tmp_path: Path, key: str, value):
    how, what = value
    field = (
        yaml.safe_dump({key: what}, allow_unicode=True) if how == "dumped" else f"{key}: {what}\n"
    )
    assume(how == "written" or not (isinstance(what, str) and what.strip() in (HEADING, FOLDER)))
    path = tmp_path / FOLDER / "story.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"---\nother: kept\n{field}---\n\n# {HEADING}\n\nSome ordinary prose.\n")
    shown = load_article(path, tmp_path)
    named = [line for line in shown.ignored if line.startswith(f'front matter field "{key}"')]
    assert all(line.startswith(f'front matter field "{key}" ignored (line 3: ') for line in named)
    assert all("\n" not in line for line in shown.ignored)
    if blank(yaml.safe_load(field)[key]):
        assert not named and not USED[key](shown), (field, shown.ignored)
    else:
        assert USED[key](shown) != bool(named), (field, shown.ignored)


@pytest.mark.parametrize(
    "empty", ["author:\n", "author: null\n", "tags: []\n", "tags: [null, '']\n", "url: '  '\n"]
)
def test_a_field_left_blank_is_taken_as_not_given(tmp_path: Path, empty: str):
    shown = article(tmp_path, f"source: Mysrc\n{empty}")
    assert shown.ignored == []
    assert shown.author is None and shown.url is None and shown.tags == []
