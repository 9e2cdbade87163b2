"""The Notes screen's filter reads what the search bar reads (README's Search table), on
the words a note shows: its quote, note, tags as shown (`#people`) and article title."""

from __future__ import annotations

import pytest

from reader.notes.anchoring import AnchorStatus
from reader.notes.records import NoteRecord, matches
from reader.notes.schema import Target
from tests.notes.notes_builders import annotation


def record(
    quote: str, note: str = "", tags: tuple[str, ...] = (), title: str = "A story", **more
) -> NoteRecord:
    target = Target(quote, "", "", 0, len(quote))
    return NoteRecord(
        annotation(note=note, tags=tags, target=target),
        "AFP/story.txt",
        title,
        more.get("source", "AFP"),
        None,
        "/library/AFP/story.txt",
        AnchorStatus.EXACT,
        0,
        len(quote),
        author=more.get("author"),
    )


CAFE = record("They met at the Café de Flore", "Paris,\nthe left bank", ("people", "Place"))
SUMMIT = record("two words apart, then words two", "summit", ("#nato",), title="Rutte’s day")


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("cafe", [CAFE]),  # accents and case do not count
        ("CAFÉ de", [CAFE]),
        ("#people", [CAFE]),  # a tag as the table shows it
        ("#peo", [CAFE]),  # found as it is typed
        ("#nato", [SUMMIT]),  # a tag written with its `#`
        ("#paris", []),  # a `#` asks for a tag, not for the word
        ('"two words"', [SUMMIT]),  # a phrase, in order
        ('"words two"', [SUMMIT]),
        ('"apart two"', []),
        ('"the left bank"', [CAFE]),  # a line break is a space
        ('"bank #people"', []),  # a phrase stays within the quote, the note, the tags
        ("met flore", [CAFE]),  # every word
        ("met summit", []),
        ("met OR summit", [CAFE, SUMMIT]),
        ("-summit", [CAFE]),
        ('-"de flore"', [SUMMIT]),
        ("tag:place", [CAFE]),  # the rule of tags: case and a `#` do not count
        ("tag:NATO", [SUMMIT]),
        ("-tag:people", [SUMMIT]),
        ("title:RUTTE", [SUMMIT]),  # the article's title
        ("title:met", []),
        ("source:afp", [CAFE, SUMMIT]),
        ("author:jane", []),
        ("summ*", [SUMMIT]),
        ('"two wor', [SUMMIT]),  # an open quote: its words searched
        ("", [CAFE, SUMMIT]),
        ("#", [CAFE, SUMMIT]),  # nothing asked yet
    ],
)
def test_the_filter_takes_the_search_bars_language(words, found):
    assert [r for r in (CAFE, SUMMIT) if matches(r, text=words)] == found


def test_the_filter_finds_a_tag_with_typeset_quotes_as_typed_or_straight():
    tagged = record("Some words", tags=("don\u2019t", "\u00abx\u00bb"))
    for words in ("tag:don\u2019t", "tag:don't", "#don\u2019t", "#don't", "tag:\u00abx\u00bb"):
        assert matches(tagged, text=words), words
    assert matches(tagged, tags=["don't"]) and matches(tagged, tags=['"x"'])
    assert not matches(tagged, text="tag:x")


def test_a_hashed_tag_with_guillemets_is_that_tag_not_the_word_inside():
    """`#«x»`, as the Notes screen shows the tag «x»: notes of that tag, not every note
    holding the word x (the guillemets were read as a phrase's quotes)."""
    tagged = record("Some words", tags=("\u00abx\u00bb",))
    worded = record("x marks the spot", tags=("map",))
    assert [r for r in (tagged, worded) if matches(r, text="#\u00abx\u00bb")] == [tagged]
    assert [r for r in (tagged, worded) if matches(r, text="#\u201cx\u201d")] == [tagged]


IT_S = record("it's fine", title="Weather")
OTHER = record("something else", title="Weather")


@pytest.mark.parametrize(
    "words", ["'fine'", "'fine", "fine'", "\u2018fine\u2019", "\u201cfine\u201d", "\"'fine'\""]
)
def test_quotes_at_the_edges_of_a_word_are_not_part_of_it(words):
    """As the search bar reads `'fine'`: the word `fine`."""
    assert [r for r in (IT_S, OTHER) if matches(r, text=words)] == [IT_S]


def test_an_apostrophe_inside_a_word_still_counts():
    assert [r for r in (IT_S, OTHER) if matches(r, text="it's")] == [IT_S]
    assert [r for r in (IT_S, OTHER) if matches(r, text="'it's'")] == [IT_S]
    assert not matches(IT_S, text="its")
