"""Excerpts cut in Python around the first match, for hits whose words are everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.search.snippet import ELLIPSIS, excerpt

WORDS = st.sampled_from(["harbour", "the", "ship", "Théâtre", "Harbours", "sea", "“quoted”"])


def test_the_excerpt_starts_near_the_first_match_and_marks_every_match_in_it():
    text = "Opening words. " * 40 + "The harbour was busy; the harbour master smiled. " * 5
    snippet, spans = excerpt(text, [("harbour", False)])
    assert snippet.startswith(ELLIPSIS) and snippet.endswith(ELLIPSIS)
    assert len(snippet) <= 162
    assert [snippet[a:b] for a, b in spans] and all(snippet[a:b] == "harbour" for a, b in spans)


def test_prefixes_case_and_accents_are_matched_as_the_index_does():
    snippet, spans = excerpt("Le Théâtre et les théâtres de la ville.", [("theatre", True)])
    assert [snippet[a:b] for a, b in spans] == ["Théâtre", "théâtres"]
    snippet, spans = excerpt("THE SHIP sailed", [("the", False)])
    assert [snippet[a:b] for a, b in spans] == ["THE"]


def test_no_match_gives_the_opening_of_the_text():
    assert excerpt("Nothing to see here.", [("harbour", False)]) == ("Nothing to see here.", ())


@given(st.lists(WORDS, min_size=1, max_size=200), WORDS, st.booleans())
def test_spans_always_hold_the_searched_word(words, wanted, prefix):
    from reader.textfind import fold_query

    snippet, spans = excerpt(" ".join(words), [(wanted, prefix)])
    target = fold_query(wanted)
    for a, b in spans:
        found = fold_query(snippet[a:b])
        assert found.startswith(target) if prefix else found == target
    if any(fold_query(w) == target for w in words):
        assert spans


def test_a_word_cut_at_the_window_edge_does_not_pass_for_a_match():
    text = "We support local trade. " + "filler " * 20 + "the port is open"
    snippet, spans = excerpt(text, [("port", False)])
    assert [snippet[a:b] for a, b in spans] == ["port"] and "the port is open" in snippet


def test_a_long_token_before_the_match_does_not_push_it_out():
    snippet, spans = excerpt("a" * 400 + " see the harbour now", [("harbour", False)])
    assert [snippet[a:b] for a, b in spans] == ["harbour"]
