"""The compare view's core: aligned passages, each side's own passages, who quotes what."""

from __future__ import annotations

import itertools

import pytest

from reader.ingest.formats import load_article
from reader.related import compare
from tests.conftest import AFP_ID, BUNDLED, OTHER_ID

from .conftest import HAGUE_ID, HARBOR_ID, STORIES

FACTS = ["Rutte", "Trump", "Palm Beach", "Farah Dakhlallah", "North Korea"]


def article(article_id: str):
    root = BUNDLED if (BUNDLED / article_id).exists() else STORIES
    return load_article(root / article_id, root)


@pytest.fixture(scope="module")
def seeds():
    a, b = article(AFP_ID), article(OTHER_ID)
    return a, b, compare(a, b)


@pytest.mark.parametrize("fact", FACTS)
def test_shared_facts_are_aligned_on_both_sides(seeds, fact: str):
    _, _, result = seeds
    assert any(fact in pair.a.text and fact in pair.b.text for pair in result.pairs), fact


def test_spans_index_each_canonical_text(seeds):
    a, b, result = seeds
    spans_a = [p.a for p in result.pairs] + result.only_a
    spans_b = [p.b for p in result.pairs] + result.only_b
    for art, spans in ((a, spans_a), (b, spans_b)):
        for span in spans:
            assert art.text[span.start : span.end] == span.text
        ordered = sorted(spans, key=lambda s: s.start)
        assert all(x.end <= y.start for x, y in itertools.pairwise(ordered))
    for pair in result.pairs:
        assert 0 < pair.score <= 1


def test_every_body_sentence_is_shared_or_unique_and_boilerplate_is_neither(seeds):
    a, _, result = seeds
    covered = " ".join(s.text for s in [p.a for p in result.pairs] + result.only_a)
    for block in a.body_blocks:
        assert a.block_text(block)[:40] in covered
    for junk in ("READ MORE", "Maasai Mara", "Nedbank"):
        assert junk not in covered
    assert any("former Dutch prime minister" in s.text for s in result.only_a)
    assert any(s.text == "Russia’s Alliances and Growing Tensions" for s in result.only_b)


def test_pairs_follow_a_and_mark_the_ones_to_scroll_by(seeds):
    _, _, result = seeds
    starts = [p.a.start for p in result.pairs]
    assert starts == sorted(starts)
    in_order = [p for p in result.pairs if p.in_order]
    assert in_order and [p.b.start for p in in_order] == sorted(p.b.start for p in in_order)


def test_quotations_and_who_carries_them(seeds):
    _, _, result = seeds
    sides = {q.text: q.sides for q in result.quotes}
    # The blog repeats the spokeswoman's words without quotation marks: both carry them.
    assert sides["global security issues facing the alliance"] == ("a", "b")
    look = next(t for t in sides if t.startswith("I look forward to sitting down"))
    assert sides[look] == ("a",)
    assert all(
        s == ("a",) for t, s in sides.items() if t != "global security issues facing the alliance"
    )
    carried = next(q for q in result.quotes if q.sides == ("a", "b"))
    assert [s.text for s in carried.b] == ["global security issues facing the alliance"]


def test_a_quote_in_both_articles_is_one_entry():
    result = compare(article(HARBOR_ID), article(AFP_ID))
    [both] = [q for q in result.quotes if q.sides == ("a", "b")]
    assert both.text == "the global security issues facing the alliance"
    assert {q.sides for q in result.quotes} == {("a", "b"), ("b",)}


def test_another_event_shares_little():
    result = compare(article(AFP_ID), article(HAGUE_ID))
    assert len(result.pairs) <= 1
    assert len(result.only_b) >= 8
    assert {q.sides for q in result.quotes} == {("a",), ("b",)}


def test_json_shape(seeds):
    _, _, result = seeds
    data = result.to_json()
    assert set(data) == {
        "a",
        "b",
        "pairs",
        "only_a",
        "only_b",
        "quotes",
        "compared_chars",
        "total_chars",
        "notice",
    }
    assert data["a"] == {
        "id": AFP_ID,
        "title": "NATO chief discusses 'global security' with Trump",
        "source": "AFP",
    }
    pair = data["pairs"][0]
    assert set(pair) == {"a", "b", "score"} and set(pair["a"]) == {"start", "end", "text"}
    assert {"text", "in"} == set(data["quotes"][0])


def test_sides_longer_than_the_limit_are_compared_over_their_start_and_it_says_so(seeds):
    a, b, whole = seeds
    assert whole.notice() is None
    result = compare(a, b, limit=400)
    done_a, done_b = result.compared("a"), result.compared("b")
    assert 0 < done_a <= 400 and 0 < done_b <= 400
    assert a.text[done_a] in " \n" and b.text[done_b] in " \n"  # cut between two words
    for span in [p.a for p in result.pairs] + result.only_a:
        assert span.end <= done_a
    for span in [p.b for p in result.pairs] + result.only_b:
        assert span.end <= done_b
    assert any("Palm Beach" in p.a.text for p in result.pairs)
    assert result.notice() == (
        f"Too long to compare whole: compared the first {done_a:,} of A's {len(a.text):,}"
        f" characters and the first {done_b:,} of B's {len(b.text):,} characters."
    )


def test_a_side_cut_for_the_compare_view_keeps_whole_blocks_and_offsets(seeds):
    from reader.related.window import article_until

    a, _, _ = seeds
    second = a.blocks[1]
    end = second.start + 10
    cut = article_until(a, end)
    assert cut.text == a.text[:end] and cut.id == a.id and cut.sha256 == a.sha256
    last = cut.blocks[-1]
    assert cut.blocks[:-1] == a.blocks[:1] and (last.start, last.end) == (second.start, end)
    assert article_until(a, len(a.text)) is a
