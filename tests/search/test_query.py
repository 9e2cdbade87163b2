"""The search language: each operator, each filter and each malformed form."""

from __future__ import annotations

import pytest

from reader.search.query import MAX_TERMS, Term, parse_query


def test_words_must_all_match():
    q = parse_query("harbour cranes")
    assert q.match == '"harbour" AND "cranes"'
    assert q.terms == (Term("harbour"), Term("cranes"))
    assert q.message is None


def test_exact_phrase():
    assert parse_query('"night trains" europe').match == '"night trains" AND "europe"'


def test_prefix():
    q = parse_query("volc*")
    assert q.match == '"volc"*'
    assert q.terms == (Term("volc", prefix=True),)


def test_prefix_on_phrase_and_repeated_stars():
    assert parse_query('"night tra"*').match == '"night tra"*'
    assert parse_query("volc***").match == '"volc"*'


def test_excluded_word_and_phrase():
    q = parse_query('harbour -cranes -"dock workers"')
    assert q.match == '("harbour") NOT ("cranes" OR "dock workers")'
    assert q.exclude == '"cranes" OR "dock workers"'
    assert q.terms == (Term("harbour"),)


def test_only_excluded_terms_leave_match_empty():
    q = parse_query("-volcano")
    assert q.match is None
    assert q.exclude == '"volcano"'
    assert not q.is_empty


def test_or_between_terms():
    assert parse_query("volcano OR harbour").match == '("volcano" OR "harbour")'


def test_or_chains_and_binds_tighter_than_and():
    q = parse_query("night a OR b OR c trains")
    assert q.match == '"night" AND ("a" OR "b" OR "c") AND "trains"'


def test_lowercase_or_is_a_word():
    assert parse_query("this or that").match == '"this" AND "or" AND "that"'


@pytest.mark.parametrize("text", ["OR volcano", "volcano OR", "volcano OR OR harbour"])
def test_dangling_or_is_ignored_with_a_message(text):
    q = parse_query(text)
    assert "OR" in q.message
    assert '"volcano"' in q.match
    assert '"or"' not in q.match.lower()


def test_or_next_to_an_exclusion_is_ignored():
    q = parse_query("volcano OR -harbour")
    assert q.match == '("volcano") NOT ("harbour")'
    assert "OR" in q.message


@pytest.mark.parametrize("key", ["source", "author", "title"])
def test_field_filters_search_one_column(key):
    assert parse_query(f"{key}:planet").match == f'{key} : "planet"'


def test_filter_value_may_be_quoted_and_key_any_case():
    q = parse_query('Source:"Daily Planet" espresso')
    assert q.match == 'source : "Daily Planet" AND "espresso"'
    assert q.terms == (Term("espresso"),)


def test_filters_combine_with_or_and_exclusion():
    q = parse_query("source:reuters OR source:afp -author:smith")
    assert q.match == '(source : "reuters" OR source : "afp") NOT (author : "smith")'


def test_filter_value_prefix():
    assert parse_query("title:volc*").match == 'title : "volc"*'


@pytest.mark.parametrize("date", ["2024", "2024-05", "2024-05-17"])
def test_date_filters(date):
    q = parse_query(f"after:{date} before:{date}")
    assert (q.after, q.before) == (date, date)
    assert q.match is None
    assert not q.is_empty


def test_negated_date_filter_flips_side():
    q = parse_query("-before:2020 -after:2024")
    assert (q.after, q.before) == ("2020", "2024")


def test_repeated_date_filters_keep_the_narrowest():
    q = parse_query("after:2020 after:2022-06 before:2024 before:2023-01")
    assert (q.after, q.before) == ("2022-06", "2023-01")


@pytest.mark.parametrize("value", ["yesterday", "2024-13", "2024-02-30", "24", "2024/05/01"])
def test_bad_dates_are_ignored_with_a_message(value):
    q = parse_query(f"volcano before:{value}")
    assert q.before is None
    assert "before:" in q.message
    assert q.match == '"volcano"'


def test_read_state_filters():
    assert parse_query("is:unread").read == "unread"
    assert parse_query("is:READ").read == "read"
    assert parse_query("-is:unread").read == "read"
    q = parse_query("is:starred")
    assert q.read is None
    assert "is:starred" in q.message


def test_reserved_filters_are_exposed_not_searched():
    q = parse_query("tag:travel -tag:food has:notes volcano")
    assert q.tags == ("travel",)
    assert q.not_tags == ("food",)
    assert q.has_notes is True
    assert q.match == '"volcano"'
    assert parse_query("-has:notes").has_notes is False


def test_filter_without_value_is_ignored_with_a_message():
    q = parse_query("source: volcano")
    assert q.match == '"volcano"'
    assert "source:" in q.message


def test_unknown_key_is_plain_text():
    assert parse_query("body:volcano").match == '"body:volcano"'


def test_unbalanced_quote_searches_the_rest_as_words():
    q = parse_query('harbour "dock workers')
    assert q.match == '"harbour" AND "dock" AND "workers"'
    assert q.message == "unbalanced quote: searched as text"


def test_unbalanced_quote_makes_operators_literal():
    q = parse_query('"a -b OR c*')
    assert q.match == '"a" AND "-b" AND "OR" AND "c*"'


def test_unbalanced_quote_in_a_filter_value():
    q = parse_query('source:"Daily Plan')
    assert q.match == 'source : "Daily Plan"'
    assert "unbalanced" in q.message


@pytest.mark.parametrize("text", ["", "   ", "-", "*", "- * -", '""', "^", "()", ":", "-*"])
def test_nothing_to_search(text):
    q = parse_query(text)
    assert q.is_empty
    assert q.match is None and q.exclude is None


def test_lone_dash_and_star_between_words_change_nothing():
    assert parse_query("harbour - cranes *").match == parse_query("harbour cranes").match


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("NEAR(a b)", '"NEAR(a" AND "b)"'),
        ("a AND b", '"a" AND "AND" AND "b"'),
        ("a NOT b", '"a" AND "NOT" AND "b"'),
        ("^start", '"^start"'),
        ("title : x", '"title" AND "x"'),
        ("{title body}:x", '"{title" AND "body}:x"'),
        ('say "he said ""no"""', '"say" AND "he said " AND "no"'),
    ],
)
def test_fts_syntax_is_literal_text(text, match):
    # Every term is quoted: FTS5 sees words, never operators.
    assert parse_query(text).match == match


def test_quotes_inside_a_word_are_escaped():
    q = parse_query("it's o'clock")
    assert q.match == '"it\'s" AND "o\'clock"'


def test_nul_and_lone_surrogates_are_dropped():
    q = parse_query("volc\x00ano \ud800x")
    assert "\x00" not in q.match
    assert "\ud800" not in q.match


def test_very_long_queries_are_cut_with_a_message():
    q = parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 10)))
    assert q.match.count(" AND ") == MAX_TERMS - 1
    assert "too long" in q.message


def test_query_text_is_normalized_to_nfc():
    decomposed = "cafe\u0301"
    assert parse_query(decomposed).match == '"café"'


def test_a_long_or_query_says_it_is_too_long_and_nothing_about_its_ors():
    q = parse_query(" OR ".join(f"w{i}" for i in range(2000)))
    assert q.message == f"query too long: only the first {MAX_TERMS} terms were used"
    assert q.match is not None and q.match.count(" OR ") == MAX_TERMS - 1


@pytest.mark.parametrize("text", ["'", "\u2019", "' \u2019", "*", "^", "()", "-'", "title:'"])
def test_a_query_of_only_punctuation_stands_for_the_library_as_the_empty_one(text):
    q = parse_query(text)
    assert q.is_empty and q.lists_library and q.message is None


@pytest.mark.parametrize(
    ("text", "tags", "match"),
    [
        ("tag:\u00abx\u00bb", ('"x"',), None),
        ("tag:a\u201cb\u201d word", ('a"b"',), '"word"'),
        ("tag:don\u2019t", ("don't",), None),
        ('tag:"two words" x', ("two words",), '"x"'),
    ],
)
def test_a_tag_value_with_typeset_quotes_in_it_is_one_value(text, tags, match):
    q = parse_query(text)
    assert q.tags == tags and q.match == match
