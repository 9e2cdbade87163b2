"""Searching an index: ranking, filters, accents, snippets and highlights."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.formats import load_article
from reader.search import LibraryIndex

from .conftest import Library, sentence


@pytest.fixture
def index(sample: Library, make_index) -> LibraryIndex:
    index = make_index()
    index.update(workers=1)
    return index


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


def test_title_match_outranks_body_only_match(lib: Library, make_index):
    lib.txt("a.txt", "Weather report", sentence("glacier"), sentence("mountains"))
    lib.txt("b.txt", "Glacier melts faster", sentence("ice"), sentence("mountains"))
    index = make_index()
    index.update(workers=1)
    assert ids(index.search("glacier")) == ["b.txt", "a.txt"]


def test_more_mentions_rank_first(lib: Library, make_index):
    lib.txt("once.txt", "First story", sentence("lighthouse"), sentence("harbour"))
    lib.txt("often.txt", "Second story", sentence("lighthouse"), sentence("lighthouse keeper"))
    lib.txt("none.txt", "Third story", sentence("harbour"), sentence("harbour"))
    index = make_index()
    index.update(workers=1)
    result = index.search("lighthouse")
    assert ids(result) == ["often.txt", "once.txt"]
    assert result.hits[0].score > result.hits[1].score


def test_all_words_must_match(index):
    assert ids(index.search("paris espresso")) == ["planet/cafe.md"]
    assert ids(index.search("paris volcano")) == []


def test_phrase_needs_the_words_in_order(index):
    assert ids(index.search('"night trains"')) == ["web/trains.html"]
    assert ids(index.search('"trains night"')) == []


def test_prefix_matches_word_starts(index):
    assert ids(index.search("volc*")) == ["wire/volcano.md"]
    assert ids(index.search("olcano*")) == []


def test_or_returns_either(index):
    assert sorted(ids(index.search("volcano OR tomatoes"))) == [
        "notes/garden.txt",
        "wire/volcano.md",
    ]


def test_excluded_words_remove_hits(index):
    assert sorted(ids(index.search("paris"))) == ["planet/cafe.md", "web/trains.html"]
    assert ids(index.search("paris -espresso")) == ["web/trains.html"]


def test_only_excluded_lists_everything_else(index):
    result = index.search("-paris")
    assert sorted(ids(result)) == ["notes/garden.txt", "planet/harbour.md", "wire/volcano.md"]
    assert result.total == 3
    assert all(h.snippet for h in result.hits)


@pytest.mark.parametrize("query", ["café", "CAFE", "cafe", "Café", "CAFÉ", "cafe\u0301"])
def test_case_and_accents_do_not_matter(index, query):
    assert ids(index.search(query)) == ["planet/cafe.md"]


def test_accented_query_finds_plain_text(lib: Library, make_index):
    lib.txt("resume.txt", "Resume writing", sentence("resume", "naive"))
    index = make_index()
    index.update(workers=1)
    assert ids(index.search("résumé naïve")) == ["resume.txt"]


def test_source_filter(index):
    assert sorted(ids(index.search('source:"daily planet"'))) == [
        "planet/cafe.md",
        "planet/harbour.md",
    ]
    assert ids(index.search("source:reuters")) == ["wire/volcano.md"]
    assert ids(index.search("source:reuters harbour")) == []


def test_author_and_title_filters(index):
    assert ids(index.search("author:kent")) == ["planet/harbour.md"]
    assert ids(index.search('author:"lois lane" croissants')) == ["planet/cafe.md"]
    assert ids(index.search("title:volcano")) == ["wire/volcano.md"]
    # "harbour" is in the harbour article's body and title, not in any other title
    assert ids(index.search("title:paris")) == ["planet/cafe.md"]


def test_excluded_filter(index):
    result = index.search('-source:"daily planet"')
    assert "planet/cafe.md" not in ids(result)
    assert len(result.hits) == 3


def test_date_filters(index):
    assert sorted(ids(index.search("after:2024"))) == ["planet/harbour.md", "wire/volcano.md"]
    assert ids(index.search("before:2024")) == ["planet/cafe.md"]
    assert ids(index.search("after:2024-03 before:2025")) == ["wire/volcano.md"]
    assert ids(index.search("after:2024-02-10 before:2024-02-11")) == ["planet/harbour.md"]
    assert ids(index.search("the before:2023-05-02")) == []


def test_filter_only_results_are_newest_first(index):
    assert ids(index.search("after:2000")) == [
        "wire/volcano.md",
        "planet/harbour.md",
        "planet/cafe.md",
    ]


def test_unread_and_read_filters(index):
    read = {"planet/cafe.md", "wire/volcano.md"}
    assert ids(index.search("source:planet is:unread", read_ids=read)) == ["planet/harbour.md"]
    assert ids(index.search("is:read", read_ids=read)) == ["wire/volcano.md", "planet/cafe.md"]
    assert len(index.search("is:unread", read_ids=read).hits) == 3
    # without read ids nothing has been read
    assert len(index.search("is:unread").hits) == 5
    assert index.search("is:read").hits == []


def test_within_limits_hits_to_given_ids(index):
    assert ids(index.search("paris", within={"web/trains.html"})) == ["web/trains.html"]
    assert ids(index.search("paris", within=())) == []


def test_snippet_is_plain_text_with_spans_on_matched_words(index):
    hit = index.search("tremors").hits[0]
    assert "\x02" not in hit.snippet and "\x03" not in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["tremors"]


def test_spans_cover_every_matched_form(index):
    hit = index.search("CAFE").hits[0]
    assert {hit.snippet[s:e] for s, e in hit.spans} == {"café"}
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["Café"]


def test_prefix_spans_cover_whole_words(index):
    hit = index.search("evacu*").hits[0]
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["evacuation"]


def test_markup_in_articles_stays_text(lib: Library, make_index):
    lib.txt("x.txt", "Tags <b>bold</b> here", sentence("<i>marker</i>", "\x02odd\x03"))
    index = make_index()
    index.update(workers=1)
    hit = index.search("marker").hits[0]
    assert "<i>" in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["marker"]
    assert "\x02odd\x03" in hit.snippet  # control characters are text too: kept, not obeyed
    assert [hit.title[s:e] for s, e in index.search("bold").hits[0].title_spans] == ["bold"]


def test_limit_and_total(index):
    result = index.search("the", limit=2)
    assert len(result.hits) == 2
    assert result.total == 5


def test_message_reaches_the_caller(index):
    result = index.search('"tremors')
    assert result.message == "unbalanced quote: searched as text"
    assert ids(result) == ["wire/volcano.md"]


def test_an_empty_query_lists_the_library_as_the_empty_search_bar_does(index):
    library = ids(index.search("-zzzzqqq"))  # the library, in its order
    for query in ("", "   ", "\u200b"):
        result = index.search(query)
        assert ids(result) == library and result.total == 5 and result.message is None
    for query in ("   -  ", '"', "'"):  # only punctuation: the library too
        result = index.search(query)
        assert ids(result) == library and result.total == 5, query
    assert index.search('"').message == "unbalanced quote: ignored"  # not "searched as text"
    assert index.search('"tremors').message == "unbalanced quote: searched as text"


def test_article_is_rebuilt_from_the_index(index, sample: Library):
    for row in index.articles():
        stored = index.article(row.id)
        assert stored == load_article(Path(row.path), sample.root.resolve())
    assert index.article("no/such.md") is None


def test_articles_are_light_rows_sorted_by_id(index):
    rows = index.articles()
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    cafe = next(r for r in rows if r.id == "planet/cafe.md")
    assert (cafe.title, cafe.source, cafe.author, cafe.date) == (
        "Café culture in Paris",
        "Daily Planet",
        "Lois Lane",
        "2023-05-02",
    )
    assert cafe.words > 10
    assert index.count() == len(rows) == 5


def test_a_word_in_very_many_articles_is_ranked_among_the_newest_and_counted_to_a_cap(
    tmp_path, monkeypatch
):
    import reader.search.searching as index_module

    monkeypatch.setattr(index_module, "RANK_ALL", 2)
    monkeypatch.setattr(index_module, "COUNT_CAP", 3)
    root = tmp_path / "lib"
    root.mkdir()
    with LibraryIndex(root) as index:
        for i in range(12):  # added one by one: the later ones are the newest additions
            word = "harbour" if i % 3 == 0 else "market"
            title = "Harbour harbour harbour" if i == 6 else f"Report {i}"
            (root / f"{i}.txt").write_text(f"{title}\n\nThe {word} is busy today.\n")
            index.update(workers=1)
        (root / "rare.txt").write_text("Lighthouse\n\nThe lighthouse keeper waved.\n")
        index.update(workers=1)

        # In 4 of 13 articles: ranked by bm25 among the 2 most recently added matches.
        harbour = index.search("harbour", limit=2)
        assert (harbour.total, harbour.more) == (3, True)
        assert [hit.id for hit in harbour.hits] == ["6.txt", "9.txt"]
        assert harbour.hits[0].score > harbour.hits[1].score > 0
        # Asked for more than that, as many as asked for are ranked.
        assert len(index.search("harbour", limit=3).hits) == 3

        # The first hits can come before the count and the other excerpts.
        quick = index.search("harbour", limit=2, excerpts=1, count=False)
        assert (quick.total, quick.more, quick.counted) == (2, True, False)
        assert [hit.snippet is None for hit in quick.hits] == [False, True]
        full = index.complete(quick)
        assert (full.total, full.more, full.counted) == (3, True, True)
        assert [hit.id for hit in full.hits] == ["6.txt", "9.txt"]
        assert all("harbour" in hit.snippet for hit in full.hits)

        # In every article: bm25 would give the word no weight, so no ranking (score 0),
        # most recently added first, as many as asked for.
        common = index.search("the", limit=4)
        assert (common.total, common.more) == (3, True)
        assert [hit.id for hit in common.hits] == ["rare.txt", "11.txt", "10.txt", "9.txt"]
        assert {hit.score for hit in common.hits} == {0.0}

        # The same with a filter that leaves few of them: still in every article.
        read = {"0.txt", "3.txt", "6.txt", "9.txt"}
        filtered = index.search("the is:read", limit=4, read_ids=read)
        assert [hit.id for hit in filtered.hits] == ["9.txt", "6.txt", "3.txt", "0.txt"]
        assert {hit.score for hit in filtered.hits} == {0.0}
        few = index.search("the is:read", limit=4, read_ids={"0.txt", "3.txt"})
        assert [hit.id for hit in few.hits] == ["3.txt", "0.txt"]
        assert {hit.score for hit in few.hits} == {0.0} and few.total == 2

        rare = index.search("lighthouse")
        assert (rare.total, rare.more, [h.id for h in rare.hits]) == (1, False, ["rare.txt"])

        # A prefix is counted with its first hits, as a count would count it.
        for query, total, more in (("harb*", 3, True), ("light*", 1, False), ("lig*", 1, False)):
            quick = index.search(query, limit=2, excerpts=1, count=False)
            assert (quick.total, quick.more, quick.counted) == (total, more, True)
            assert quick.hits == index.search(query, limit=2, excerpts=1).hits
        filtered = index.search("harb* is:read", limit=2, count=False, read_ids={"0.txt"})
        assert (filtered.total, filtered.more, [h.id for h in filtered.hits]) == (
            1,
            False,
            ["0.txt"],
        )


def test_articles_found_by_one_update_count_as_added_in_the_order_of_their_files_times(
    tmp_path, monkeypatch
):
    import os

    import reader.search.searching as index_module

    monkeypatch.setattr(index_module, "RANK_ALL", 2)
    root = tmp_path / "lib"
    root.mkdir()
    for i, name in enumerate(["a", "b", "c", "d"]):
        path = root / f"{name}.txt"
        path.write_text(f"Report {name}\n\nThe harbour is busy today.\n")
        os.utime(path, ns=(0, (10 - i) * 1_000_000_000))  # a is the newest file
    with LibraryIndex(root) as index:
        index.update(workers=1)
        # In every article, so listed most recently added first: the newest file first.
        hits = index.search("harbour", limit=4).hits
    assert [hit.id for hit in hits] == ["a.txt", "b.txt", "c.txt", "d.txt"]


@pytest.mark.parametrize("query", ["title:", "source: author:"])
def test_a_query_of_only_ignored_parts_lists_the_library(index, query):
    """`title:` alone is told as ignored; what is left is nothing, which stands for the
    whole library (as the empty search bar does), not for no article."""
    result = index.search(query)
    assert result.message and "needs a value: ignored" in result.message
    assert ids(result) == ids(index.search("-zzzzqqq"))  # the library, in its order
    assert result.total == 5
