"""One rule matches a tag asked for against a note's tags, everywhere a tag is asked for
(`reader notes --tag`, `reader search tag:`, `reader export --tag`, the Review's tags):
case does not count, and a leading `#` is not part of the tag."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.notes.tags import has_all_tags, has_any_tag, same_tag, tally
from reader.session import Session
from tests.conftest import AFP_ID, OTHER_ID

ASKED = ("People", "#people", "PEOPLE", "#People")


def test_a_tag_matches_whatever_its_case_and_a_leading_hash():
    for asked in ASKED:
        assert same_tag(asked, "people") and same_tag(asked, "#People")
    assert not same_tag("people", "peoples")
    assert not same_tag("people", "##people")  # only one `#` is the mark of a tag
    assert has_all_tags(["#Florida", "place"], ["florida", "#PLACE"])
    assert not has_all_tags(["florida"], ["florida", "place"])
    assert has_any_tag(["#Florida"], ["elsewhere", "FLORIDA"])
    assert tally([["people"], ["#People"], ["place", "people"], ["People", "#people"]]) == [
        ("people", 4),
        ("place", 1),
    ]


@pytest.fixture
def noted(library) -> Path:
    """A note tagged `people`, another tagged `#Nato` (as typed with its hash)."""
    session = Session(library, notes_dir=Path(os.environ["READER_NOTES_DIR"]))
    try:
        session.update_index()
        afp, other = session.article(AFP_ID), session.article(OTHER_ID)
        at = afp.text.index("Palm Beach")
        session.annotations.add(afp, at, at + 10, note="where", tags=["people"])
        at = other.text.index("Trump")
        session.annotations.add(other, at, at + 5, note="who", tags=["#Nato"])
    finally:
        session.index.close()
    return library


def test_search_finds_by_tag_whatever_its_case_and_a_leading_hash(noted):
    session = Session(noted, notes_dir=Path(os.environ["READER_NOTES_DIR"]))
    try:
        for asked in ASKED:
            assert [h.id for h in session.search(f"tag:{asked}").hits] == [AFP_ID], asked
        assert [h.id for h in session.search("tag:nato").hits] == [OTHER_ID]
        assert [h.id for h in session.search("trump -tag:NATO").hits] == [AFP_ID]
    finally:
        session.index.close()


def reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("asked", ["People", "#people"])
def test_notes_search_and_export_commands_match_a_tag_alike(noted, asked):
    lib = str(noted)
    listed = reader("notes", lib, "--json", "--tag", asked)
    assert [n["quote"] for n in json.loads(listed.stdout)] == ["Palm Beach"], listed.stderr
    found = reader("search", "--json", f"tag:{asked}", lib)
    assert [h["id"] for h in json.loads(found.stdout)] == [AFP_ID], found.stderr
    exported = reader("export", lib, "--format", "json", "--tag", asked)
    assert json.loads(exported.stdout)["total"] == 1, exported.stderr
    nato = reader("notes", lib, "--json", "--tag", "nato")
    assert [n["quote"] for n in json.loads(nato.stdout)] == ["Trump"], nato.stderr


TYPESET = ("don\u2019t", "\u00abx\u00bb")  # don’t, «x»


def test_a_tag_with_typeset_quotes_matches_the_straight_ones_and_itself():
    for asked in ("don't", "don\u2019t", "#DON\u2019T", "don\u02bct"):
        assert same_tag(asked, "don\u2019t") and same_tag(asked, "don't"), asked
    assert same_tag("\u00abx\u00bb", "\u00abx\u00bb") and same_tag('"x"', "\u201cx\u201d")
    assert not same_tag("\u00abx\u00bb", "x")
    assert tally([["don\u2019t"], ["don't"]]) == [("don\u2019t", 2)]


@pytest.fixture
def typeset(library) -> Path:
    """A note tagged `don’t` and `«x»`, another tagged `it's`."""
    session = Session(library, notes_dir=Path(os.environ["READER_NOTES_DIR"]))
    try:
        session.update_index()
        afp, other = session.article(AFP_ID), session.article(OTHER_ID)
        at = afp.text.index("Palm Beach")
        session.annotations.add(afp, at, at + 10, note="where", tags=list(TYPESET))
        at = other.text.index("Trump")
        session.annotations.add(other, at, at + 5, note="who", tags=["it's"])
    finally:
        session.index.close()
    return library


def test_search_and_notes_find_a_tag_with_typeset_quotes_as_typed_or_straight(typeset):
    session = Session(typeset, notes_dir=Path(os.environ["READER_NOTES_DIR"]))
    try:
        for asked in ("don\u2019t", "don't", "\u00abx\u00bb", "\u201cx\u201d", "#\u00abx\u00bb"):
            assert [h.id for h in session.search(f"tag:{asked}").hits] == [AFP_ID], asked
        assert [h.id for h in session.search("trump -tag:don't").hits] == [OTHER_ID]
        for asked in ("it's", "it\u2019s"):
            assert [h.id for h in session.search(f"tag:{asked}").hits] == [OTHER_ID], asked
        assert session.search("tag:x").hits == []  # «x» is not x
    finally:
        session.index.close()
    listed = reader("notes", str(typeset), "--json", "--tag", "don't")
    assert [n["quote"] for n in json.loads(listed.stdout)] == ["Palm Beach"], listed.stderr
