"""An imported quote placed approximately takes in no word across a paragraph break that
the quote does not have, and never the folded text beside its paragraph."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.importing.placing import Finder, place_in_text
from reader.model import Article, Block
from reader.notes.anchoring import Anchorer
from reader.search.index import LibraryIndex
from tests.conftest import AFP_ID

NATO = (
    "NATO allies say that keeping Kyiv in the fight against Moscow is key for both "
    "European and American security"
)


def test_a_quote_beside_a_folded_teaser_is_placed_without_the_teasers_last_word(library):
    with LibraryIndex(library) as index:
        index.update(workers=1)
        found = Finder(index).place(NATO)
    assert found is not None and found.article.id == AFP_ID
    assert found.article.text[found.start : found.end].rstrip(".") == (
        "NATO allies say keeping Kyiv in the fight against Moscow is key to both European "
        "and American security"
    )


WORDS = ["the", "cat", "sat", "on", "mat", "dog", "ran", "far", "away", "house", "river"]
paragraphs = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=14).map(" ".join),
    min_size=2,
    max_size=6,
)


def article_of(paras: list[str], folded: set[int]) -> Article:
    text = "\n\n".join(paras)
    blocks, at = [], 0
    for i, para in enumerate(paras):
        blocks.append(Block("paragraph", at, at + len(para), boilerplate=i in folded))
        at += len(para) + 2
    return Article("a.txt", "a.txt", "A", "", "txt", text, blocks, "", len(text.split()))


def word_aligned(text: str, start: int, end: int) -> bool:
    inside = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    return inside and (end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum()))


@settings(max_examples=150, deadline=None)
@given(paragraphs, st.data())
def test_a_fuzzy_placement_stays_in_its_paragraph_and_on_whole_words(paras, data) -> None:
    """A quote of whole words from one paragraph, a word of it changed: placed on whole
    words, across no blank line, in no folded paragraph but its own."""
    which = data.draw(st.integers(0, len(paras) - 1))
    said = paras[which].split(" ")
    assume(len(said) >= 4)
    first = data.draw(st.integers(0, len(said) - 4))
    last = data.draw(st.integers(first + 4, len(said)))
    quote_words = said[first:last]
    changed = data.draw(st.integers(0, len(quote_words) - 1))
    quote_words[changed] = quote_words[changed][:-1] + "x"
    quote = " ".join(quote_words)
    folded = data.draw(st.sets(st.integers(0, len(paras) - 1).filter(lambda i: i != which)))
    article = article_of(paras, folded)
    found = place_in_text(article, Anchorer(article.text), quote)
    if found is None or found.exact:
        return
    text = article.text
    assert word_aligned(text, found.start, found.end), text[found.start : found.end]
    assert not re.search(r"\n\s*\n", text[found.start : found.end])
    for block in article.blocks:  # a folded paragraph: not taken in from beside it
        if block.boilerplate and not block.start <= found.start <= found.end <= block.end:
            assert found.end <= block.start or found.start >= block.end
