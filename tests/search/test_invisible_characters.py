"""Zero-width characters and soft hyphens are invisible: a word that holds them is found
in the library as it reads on screen."""

from __future__ import annotations

import pytest

from tests.test_find_invisible import INVISIBLE

from .conftest import Library, sentence


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_search_finds_a_word_with_invisible_characters_as_it_reads(lib: Library, make_index, char):
    lib.txt(
        "wire/zero.txt",
        f"The Zero{char}width story",
        sentence(f"the hidden{char}characters"),
    )
    lib.txt("wire/other.txt", "Another story", sentence("harbour cranes"))
    index = make_index()
    index.update(workers=1)
    [hit] = index.search("Zerowidth").hits
    assert hit.id == "wire/zero.txt"
    assert [hit.title[s:e] for s, e in hit.title_spans] == [f"Zero{char}width"]
    result = index.search("hiddencharacters")
    assert [h.id for h in result.hits] == ["wire/zero.txt"]
    snippet, spans = result.hits[0].snippet, result.hits[0].spans
    assert [snippet[s:e] for s, e in spans] == ["hiddencharacters"]
    assert [h.id for h in index.search(f"hidden{char}characters").hits] == ["wire/zero.txt"]
    # A changed article is taken out of the index and put back: found by its new words.
    lib.txt("wire/zero.txt", f"The Zero{char}width story", sentence("harbour"))
    index.update(workers=1)
    assert [h.id for h in index.search("hiddencharacters").hits] == []
    assert [h.id for h in index.search("Zerowidth").hits] == ["wire/zero.txt"]
