"""A straight apostrophe or double quote, as a keyboard types them, finds the typeset
ones (’ “ ”, and ‘ ‚ ′ ʼ „ «), and the reverse: in the search bar and `reader search`, in
find in the article, and in the Notes screen's filter alike."""

from __future__ import annotations

import pytest

from reader.notes.records import matches
from reader.text.find import FoldedText
from tests.notes.test_note_filter import record

from .conftest import Library, sentence

APOSTROPHES = ["'", "\u2019", "\u2018", "\u201a", "\u201b", "\u2032", "\u2035", "\u02bc"]
QUOTES = ['"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab"]


def _ids(chars: list[str]) -> list[str]:
    return [f"U+{ord(c):04X}" for c in chars]


@pytest.mark.parametrize("written", APOSTROPHES, ids=_ids(APOSTROPHES))
@pytest.mark.parametrize("typed", ["'", "\u2019"], ids=["straight", "curly"])
def test_an_apostrophe_finds_any_other_in_find_and_the_notes_filter(written, typed):
    text = f"We don{written}t stop here."
    assert [text[s:e] for s, e in FoldedText(text).find_all(f"don{typed}t")] == [f"don{written}t"]
    assert matches(record(text), text=f"don{typed}t stop")
    assert matches(record("Other words", note=text), text=f'"don{typed}t stop"')


@pytest.mark.parametrize("written", QUOTES, ids=_ids(QUOTES))
def test_a_double_quote_finds_the_typeset_ones_in_find_and_the_notes_filter(written):
    closing = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb"}.get(written, written)
    text = f"He said {written}hello there{closing} twice."
    assert [text[s:e] for s, e in FoldedText(text).find_all('"hello')] == [f"{written}hello"]
    assert FoldedText('He said "hello there".').find_all(f"{written}hello") == [(8, 14)]


def test_a_phrase_pasted_between_typeset_quotes_is_a_phrase():
    assert matches(record("two words apart"), text="\u201ctwo words\u201d")
    assert not matches(record("words two apart"), text="\u201ctwo words\u201d")
    assert not matches(record("words two apart"), text="\u201etwo words\u201c")


@pytest.mark.parametrize("written", APOSTROPHES, ids=_ids(APOSTROPHES))
def test_search_finds_a_word_with_any_apostrophe_by_the_straight_one(
    lib: Library, make_index, written
):
    lib.txt("wire/one.txt", f"We don{written}t stop", sentence(f"they won{written}t go"))
    lib.txt("wire/other.txt", "Another story", sentence("harbour cranes"))
    index = make_index()
    index.update(workers=1)
    for typed in ("'", "\u2019"):
        result = index.search(f"won{typed}t")
        assert [h.id for h in result.hits] == ["wire/one.txt"]
        assert [result.hits[0].snippet[s:e] for s, e in result.hits[0].spans] == [f"won{written}t"]
        [hit] = index.search(f'"don{typed}t stop"').hits
        assert [hit.title[s:e] for s, e in hit.title_spans] == [f"don{written}t stop"]
