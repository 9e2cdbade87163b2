"""A word whose letters carry accents written as marks of their own (stacked marks, a
letter with no composed form) is one word: found by its letters with or without them."""

from __future__ import annotations

import pytest

from reader.text.find import FoldedText

from .conftest import Library, sentence

ZALGO = "Z\u0353\u0354\u0351\u0352algo"  # Z͓͔͑͒algo
SPINAL = "Spin\u0308al"  # n̈ has no composed form


@pytest.mark.parametrize(
    ("word", "plain", "parts"), [(ZALGO, "zalgo", ["z", "algo"]), (SPINAL, "spinal", ["spin"])]
)
def test_a_word_with_combining_marks_is_one_word_found_with_or_without_them(
    lib: Library, make_index, word, plain, parts
):
    lib.txt("wire/marks.txt", f"The {word} story", sentence(f"the {word} band"))
    lib.txt("wire/other.txt", "Another story", sentence("harbour cranes"))
    index = make_index()
    index.update(workers=1)
    for query in (plain, word, word.upper(), f"{plain[:3]}*"):
        [hit] = index.search(query).hits
        assert hit.id == "wire/marks.txt", query
        assert [hit.title[s:e] for s, e in hit.title_spans] == [word], query
        assert [hit.snippet[s:e] for s, e in hit.spans] == [word], query
    [hit] = index.search(f'"the {plain} band"').hits
    assert [hit.snippet[s:e] for s, e in hit.spans] == [f"the {word} band"]
    for part in parts:  # no longer split at its marks
        assert index.search(part).hits == [], part


@pytest.mark.parametrize("word", [ZALGO, SPINAL])
def test_find_in_the_article_passes_over_combining_marks(word):
    text = f"A {word} here, and {word.lower()} there."
    plain = "".join(c for c in word if c.isalpha()).lower()
    for needle in (plain, word):
        found = FoldedText(text).find_all(needle)
        assert [text[s:e] for s, e in found] == [word, word.lower()], needle
