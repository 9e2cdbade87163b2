"""Zero-width characters and soft hyphens are invisible: find in the article passes over
them, so a word that holds them is found as it reads on screen."""

from __future__ import annotations

import pytest

from reader.text.find import FoldedText

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_find_in_the_article_passes_over_invisible_characters(char):
    text = f"A Zero{char}width joiner, and zero{char}width again."
    found = FoldedText(text).find_all("Zerowidth")
    assert [text[s:e] for s, e in found] == [f"Zero{char}width", f"zero{char}width"]
    # What is typed may hold one too (pasted from the article).
    assert FoldedText(text).find_all(f"zero{char}width") == found
    assert FoldedText("Zerowidth").find_all(f"Zero{char}width") == [(0, 9)]


def test_find_keeps_an_emoji_sequence_whole():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"The {family} went out."
    assert FoldedText(text).find_all(family) == [(4, 4 + len(family))]
    assert FoldedText(text).find_all("the  went") == []  # (nothing is dropped but them)
