"""Excerpts of hits, cut in Python around the passage that best shows the query."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search.snippet import ELLIPSIS, Matcher, excerpt
from reader.text.find import fold_query

WORDS = st.sampled_from(["harbour", "the", "ship", "Théâtre", "Harbours", "sea", "“quoted”"])


def cut(text: str, *terms: str | tuple[str, bool]) -> tuple[str, list[str]]:
    """The excerpt and the words marked in it."""
    matcher = Matcher(t if isinstance(t, tuple) else (t, False) for t in terms)
    snippet, spans = excerpt(text, matcher)
    return snippet, [snippet[a:b] for a, b in spans]


def test_the_excerpt_starts_near_the_first_match_and_marks_every_match_in_it():
    text = "Opening words. " * 40 + "The harbour was busy; the harbour master smiled. " * 5
    snippet, marked = cut(text, "harbour")
    assert snippet.startswith(ELLIPSIS) and snippet.endswith(ELLIPSIS)
    assert len(snippet) <= 162
    assert marked and all(word == "harbour" for word in marked)


def test_the_passage_holding_most_of_the_query_words_is_chosen_over_the_first_match():
    text = (
        "The minister spoke. " * 30
        + "Filler sentence here. " * 30
        + "At the harbour the minister met striking dockers. "
        + "More filler. " * 30
    )
    snippet, marked = cut(text, "minister", "dockers")
    assert "dockers" in marked and "minister" in marked
    assert "striking dockers" in snippet


def test_prefixes_case_and_accents_are_matched_as_the_index_does():
    assert cut("Le Théâtre et les théâtres de la ville.", ("theatre", True))[1] == [
        "Théâtre",
        "théâtres",
    ]
    assert cut("THE SHIP sailed", "the")[1] == ["THE"]
    assert cut("Un café à Paris", "CAFÉ")[1] == ["café"]


def test_a_phrase_matches_across_punctuation_and_line_breaks_like_the_index():
    _, marked = cut("It was the port,\n\nauthority that said no.", "port authority")
    assert marked == ["port, authority"]
    assert cut("a snake_case name", "case")[1] == ["case"]  # _ separates words in the index


def test_no_match_gives_the_opening_of_the_text():
    assert cut("Nothing to see here.", "harbour") == ("Nothing to see here.", [])
    assert excerpt("Nothing here.", Matcher([("", False)])) == ("Nothing here.", ())


@given(st.lists(WORDS, min_size=1, max_size=200), WORDS, st.booleans())
def test_spans_always_hold_the_searched_word(words, wanted, prefix):
    _, marked = cut(" ".join(words), (wanted, prefix))
    target = fold_query(wanted.strip("“”"))
    for word in marked:
        found = fold_query(word)
        assert found.startswith(target) if prefix else found == target
    if any(fold_query(w.strip("“”")) == target for w in words):
        assert marked


def test_a_word_cut_at_the_window_edge_does_not_pass_for_a_match():
    text = "We support local trade. " + "filler " * 20 + "the port is open"
    snippet, marked = cut(text, "port")
    assert marked == ["port"] and "the port is open" in snippet


def test_a_long_token_before_the_match_does_not_push_it_out():
    assert cut("a" * 400 + " see the harbour now", "harbour")[1] == ["harbour"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Straße", "Die Straße ist lang."),
        ("strasse", "Die Strasse ist lang."),
        ("한국", "오늘 한국 뉴스"),
        ("がっこう", "きょうは がっこう です"),
        ("ＡＢＣ", "the ＡＢＣ test"),
        ("ﬁle", "a ﬁle here"),
        ("cafe", "Un Café ici"),
        ("CAFÉ", "un cafe ici"),
    ],
)
def test_what_the_index_finds_in_any_script_is_marked_in_the_excerpt(query, text):
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5 (body, tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t VALUES (?)", (text,))
    phrase = '"' + query.replace('"', '""') + '"'
    assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (phrase,)).fetchone() == (1,)
    assert cut(text, query)[1], "found by the index, so marked in the excerpt"


PARAGRAPHS = st.lists(
    st.tuples(st.sampled_from(["harbour ship", "", "menu · home", "é"]), st.booleans()),
    max_size=8,
)


@given(PARAGRAPHS, st.sampled_from(["\n\n", "\n", "\n\n\n"]), st.integers(0, 80))
def test_excerpts_read_the_same_body_the_index_holds_whatever_the_boilerplate(
    paragraphs, gap, cut_at
):
    # Excerpts find the body (no boilerplate) through the spans stored beside the text:
    # it must be the body that was indexed, and its start in the start of a long text.
    import json

    from reader.model import Block
    from reader.search.records import body_in, body_of, body_spans, encode_blocks

    text, blocks = "", []
    for words, boilerplate in paragraphs:
        start = len(text) + (len(gap) if text else 0)
        text = text + (gap if text else "") + words
        blocks.append(Block("paragraph", start, len(text), boilerplate))
    spans = json.loads(body_spans(text, blocks))
    body = "\n\n".join(text[b.start : b.end] for b in blocks if not b.boilerplate)
    assert body_in(text, spans) == body == body_of(text, encode_blocks(blocks))
    assert body.startswith(body_in(text[:cut_at], spans))


@given(
    st.lists(st.one_of(WORDS, st.sampled_from(["İstanbul", ".", "\n\n", "x" * 40])), max_size=120),
    st.sampled_from(["harbour", "ship*", '"the sea"', "theatre", "harbours"]),
    st.integers(0, 2000),
)
def test_an_excerpt_cut_from_the_start_of_a_text_is_the_one_cut_from_all_of_it(words, term, at):
    # Excerpts of long texts are tried on their start first (less to unpack): when the
    # start is enough to tell, the excerpt must be the very one the whole text gives.
    from reader.search.snippet import excerpt_of_start

    text = " ".join(words)
    matcher = Matcher([(term.strip('"*'), term.endswith("*"))])
    quick = excerpt_of_start(text[:at], matcher)
    assert quick is None or quick == excerpt(text, matcher)


@given(st.text(max_size=3000), st.lists(st.integers(0, 8000), max_size=4))
def test_a_packed_text_unpacked_bit_by_bit_is_the_text(text, sizes):
    # Long texts are unpacked only as far as an excerpt needs, a bit more each time.
    from reader.search.records import Unpacking, pack

    text = text * 3
    unpacking = Unpacking(pack(text))
    for size in sizes:
        assert text.startswith(unpacking.start(size))
    assert unpacking.start(len(text.encode("utf-8", "surrogatepass")) + 1) == text
    assert unpacking.whole


@pytest.mark.parametrize(
    "filler",
    ["今天天气很好我们去公园散步。", "きょうはいいてんきですね。", "오늘날씨가좋아요"],
)
def test_a_match_in_a_long_unspaced_cjk_paragraph_has_context_before_it(filler):
    text = filler * 30 + "港口重新开放" + filler * 30
    snippet, marked = cut(text, "港口")
    assert marked == ["港口"]
    before = snippet[: snippet.index("港口")]
    assert before.startswith(ELLIPSIS)
    assert len(before) > 10, snippet  # some of the text before it, as for spaced words
    assert before[1:] in text


def test_a_word_cut_at_the_window_edge_before_cjk_letters_does_not_pass_for_a_match():
    # The window before the match starts inside "support": its tail is not a match.
    text = "东京" * 25 + "support" + "京" * 155 + " port"
    assert text.index("port", 60) - 160 == text.index("support") + 3
    snippet, marked = cut(text, "port")
    assert marked == ["port"] and snippet.endswith("京 port")


@pytest.mark.parametrize(
    ("size", "query"),
    [
        (150, ("yyy", True)),
        (150, ("y" * 150, False)),
        (20_000, ("y" * 10, True)),
        (20_000, ("y" * 20_000, False)),
    ],
)
def test_a_word_longer_than_the_excerpt_is_marked_and_cut_to_its_width(size, query):
    text = "Some text before " + "y" * size + " and after."
    snippet, marked = cut(text, query)
    assert len(snippet) <= 162
    assert "text before y" in snippet
    assert len(marked) == 1 and set(marked[0]) == {"y"} and len(marked[0]) > 100


@settings(deadline=None)
@given(
    st.text(alphabet="xyzé", min_size=1, max_size=12),
    st.integers(1, 2500),
    st.integers(0, 40),
    st.booleans(),
)
def test_a_word_of_any_length_is_found_marked_and_cut_to_the_width(letters, times, words, whole):
    # Whole-word queries stay shorter: a query's pattern of accented forms takes long
    # to build for thousands of letters (a query, not a text, that long is unlikely).
    word = (letters * times)[: 300 if whole else None]
    text = "Some words before. " * words + word + " and after."
    query = (word, False) if whole else (word[:3], True)
    snippet, marked = cut(text, query)
    assert len(snippet) <= 160 + 2 * len(ELLIPSIS)
    assert marked, snippet
    for piece in marked:
        assert piece and piece in word


def test_a_prefix_matching_a_word_longer_than_the_passage_gives_an_excerpt():
    # A word of 300 letters (a long token: a hash, a URL's path) matched by `tok*`: the
    # passage is the match itself, where cutting it raised an error instead.
    word = "tok" + "x" * 300
    snippet, marked = cut(f"A line with {word} in it.", ("tok", True))
    assert snippet.startswith("A line with tok")
    assert marked and marked[0].startswith("tokxxx")
