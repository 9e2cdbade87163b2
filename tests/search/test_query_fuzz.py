"""Whatever a user types, parsing succeeds and SQLite accepts the result."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import LibraryIndex, parse_query

from .conftest import Library, sentence

PIECES = [
    "volcano", "café", "CAFE", "OR", "AND", "NOT", "NEAR", "NEAR(", ")", "(", '"', "'",
    "-", "*", "^", ":", "+", "{", "}", "source:", "author:", 'title:"', "before:", "after:",
    "is:unread", "is:read", "tag:", "has:notes", "2024", "2024-05", "body:", "rank:", "\x00",
    "\u0301", "\ue000", "\x02", "\x03", "é", "日本", " ", "  ", "\t", "\n", "--", "**", "-\"",
]  # fmt: skip

queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("fuzzlib"))
    lib.md("a/cafe.md", "Café volcano", sentence("café", "volcano"), source="Reuters")
    lib.txt("b/plain.txt", "Plain words", sentence("plain", "words"))
    index = LibraryIndex(lib.root, db_path=tmp_path_factory.mktemp("fuzzdb") / "i.sqlite")
    index.update(workers=1)
    yield index
    index.close()


@given(queries)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_parses(text):
    q = parse_query(text)
    assert q.message is None or (q.message and "\n" not in q.message)


@given(queries, st.sampled_from([None, ["a/cafe.md"]]))
@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_any_text_searches_without_error(index, text, read_ids):
    result = index.search(text, limit=5, read_ids=read_ids)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.spans)
