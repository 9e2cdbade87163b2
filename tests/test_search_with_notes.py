"""Searching knows about notes: tag:, has:notes, and words found only in a note."""

import pytest

from reader.session import Session
from tests.conftest import AFP_ID, OTHER_ID


@pytest.fixture
def session(library, tmp_path):
    session = Session(library, notes_dir=tmp_path / "notes")
    session.update_index()
    afp = session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    session.annotations.add(
        afp, at, at + 10, note="Mar-a-Lago is nearby", tags=["Florida", "place"]
    )
    return session


def ids(result):
    return [hit.id for hit in result.hits]


def test_tag_filter(session):
    assert ids(session.search("tag:florida")) == [AFP_ID]
    assert ids(session.search("tag:florida tag:place")) == [AFP_ID]
    assert ids(session.search("tag:elsewhere")) == []
    assert ids(session.search("trump -tag:florida")) == [OTHER_ID]


def test_has_notes(session):
    assert ids(session.search("has:notes")) == [AFP_ID]
    assert ids(session.search("-has:notes")) == [OTHER_ID]
    assert ids(session.search("rutte has:notes")) == [AFP_ID]


def test_words_only_in_a_note_find_the_article_and_say_so(session):
    [hit] = session.search("lago").hits
    assert hit.id == AFP_ID
    assert hit.snippet.startswith("✎ note:")
    assert [hit.snippet[s:e].lower() for s, e in hit.spans] == ["lago"]


def test_a_text_hit_is_not_repeated_for_its_note(session):
    assert ids(session.search("palm")).count(AFP_ID) == 1
