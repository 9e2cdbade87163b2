"""Re-anchoring: annotations follow their quote through edits, or are orphaned."""

from __future__ import annotations

import random
import re
import string
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.notes import Anchorer, AnchorStatus, Target, find_quote, make_target, reanchor
from reader.notes.folding import fold_str
from reader.text.graphemes import is_boundary

EXACT, MOVED, FUZZY, ORPHANED = (
    AnchorStatus.EXACT,
    AnchorStatus.MOVED,
    AnchorStatus.FUZZY,
    AnchorStatus.ORPHANED,
)

ARTICLE = (
    "NATO's secretary general said on Tuesday that the alliance would meet its "
    "spending goals this year.\n\n"
    "“We are stronger together,” he told reporters in Brussels — adding that the "
    "summit had gone well.\n\n"
    "Officials said the talks would resume next week, after the holiday. "
    "Officials said the talks would resume in March, before the budget vote."
)


def target_for(text: str, quote: str, occurrence: int = 1) -> Target:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return make_target(text, start, start + len(quote))


def quoted(text: str, anchor) -> str:
    return text[anchor.start : anchor.end]


def test_unchanged_text_is_exact() -> None:
    target = target_for(ARTICLE, "stronger together")
    assert reanchor(ARTICLE, target) == (anchor := reanchor(ARTICLE, target))
    assert (anchor.start, anchor.end, anchor.status) == (target.start, target.end, EXACT)


def test_text_inserted_before_moves_the_anchor() -> None:
    target = target_for(ARTICLE, "stronger together")
    edited = "BRUSSELS (AFP) - " + ARTICLE
    anchor = reanchor(edited, target)
    assert anchor.status is MOVED
    assert anchor.start == target.start + len("BRUSSELS (AFP) - ")
    assert quoted(edited, anchor) == "stronger together"


def test_repeated_quote_is_told_apart_by_context() -> None:
    quote = "Officials said the talks would resume"
    second = target_for(ARTICLE, quote, occurrence=2)
    first = target_for(ARTICLE, quote, occurrence=1)
    edited = ARTICLE.replace("NATO's", "The NATO")
    for target in (first, second):
        anchor = reanchor(edited, target)
        assert anchor.status is MOVED
        assert anchor.start == target.start + len("The NATO") - len("NATO's")
    swapped = ARTICLE.replace("after the holiday", "after the holidays in spring")
    anchor = reanchor(swapped, second)
    assert swapped[anchor.end :].startswith(" in March")


def test_quote_at_the_very_start_and_the_very_end() -> None:
    head = target_for(ARTICLE, "NATO's secretary general")
    tail = target_for(ARTICLE, "before the budget vote.")
    assert (head.prefix, tail.suffix) == ("", "")
    edited = ARTICLE.replace("alliance", "military alliance")
    assert reanchor(edited, head).status is EXACT
    anchor = reanchor(edited, tail)
    assert (anchor.status, anchor.end) == (MOVED, len(edited))
    assert quoted(edited, anchor) == "before the budget vote."


def test_typo_fixed_inside_the_quote_is_fuzzy() -> None:
    typo = ARTICLE.replace("spending goals", "spendng goals")
    target = target_for(typo, "alliance would meet its spendng goals this year.")
    anchor = reanchor(ARTICLE, target)
    assert anchor.status is FUZZY
    assert quoted(ARTICLE, anchor) == "alliance would meet its spending goals this year."


def test_deleted_quote_is_orphaned_with_its_target_unchanged() -> None:
    target = target_for(ARTICLE, "he told reporters in Brussels")
    edited = ARTICLE.replace("“We are stronger together,” he told reporters in Brussels — ", "")
    anchor = reanchor(edited, target)
    assert (anchor.start, anchor.end, anchor.status) == (target.start, target.end, ORPHANED)
    assert not anchor.found


def test_rewrapped_text() -> None:
    target = target_for(ARTICLE, "the alliance would meet its spending goals")
    rewrapped = ARTICLE.replace("the alliance would meet", "the alliance\nwould  meet")
    anchor = reanchor(rewrapped, target)
    assert anchor.status is MOVED
    assert quoted(rewrapped, anchor) == "the alliance\nwould  meet its spending goals"


def test_crlf_line_ends() -> None:
    text = "First line of the piece\nsecond line of the piece\nthird line."
    target = target_for(text, "piece\nsecond line")
    crlf = text.replace("\n", "\r\n")
    anchor = reanchor(crlf, target)
    assert quoted(crlf, anchor) == "piece\r\nsecond line"
    assert anchor.status is MOVED


def test_nfd_text_matches_an_nfc_quote() -> None:
    text = "Le café était fermé, dit-il à Genève, où l'été fut très chaud."
    target = target_for(text, "était fermé, dit-il à Genève")
    nfd = unicodedata.normalize("NFD", text)
    anchor = reanchor(nfd, target)
    assert anchor.status is MOVED
    assert quoted(nfd, anchor) == unicodedata.normalize("NFD", "était fermé, dit-il à Genève")


def test_smart_quotes_and_dashes_are_tolerated() -> None:
    target = target_for(ARTICLE, "“We are stronger together,” he told reporters in Brussels —")
    straight = ARTICLE.replace("“", '"').replace("”", '"').replace("—", "-")
    anchor = reanchor(straight, target)
    assert anchor.status is MOVED
    assert quoted(straight, anchor) == '"We are stronger together," he told reporters in Brussels -'


FAMILY = "👩‍👩‍👧‍👦"
MIXED = (
    f"Die Familie {FAMILY} reiste 🇫🇷🇩🇪 nach Paris. 北京市的天气很好，我们去了公园。"
    " שלום עולם, אמר המנהיג. Then English again, with 👍🏽 approval."
)


@pytest.mark.parametrize(
    "quote",
    [FAMILY, f"Familie {FAMILY} reiste", "🇩🇪", "天气很好，我们去了公园", "שלום עולם", "👍🏽"],
)
def test_emoji_cjk_and_rtl_quotes_move_intact(quote: str) -> None:
    target = target_for(MIXED, quote)
    edited = "Vorwort. " + MIXED
    anchor = reanchor(edited, target)
    assert anchor.status is MOVED
    assert quoted(edited, anchor) == quote


def test_offsets_inside_a_cluster_are_widened_to_whole_clusters() -> None:
    start = MIXED.index(FAMILY) + 2  # inside the ZWJ sequence
    target = make_target(MIXED, start, start + 1)
    assert target.exact == FAMILY
    flag = MIXED.index("🇩🇪") + 1  # between the two regional indicators of one flag
    assert make_target(MIXED, flag, flag + 1).exact == "🇩🇪"


def test_overlapping_annotations_and_two_on_one_span() -> None:
    a = target_for(ARTICLE, "secretary general said on Tuesday")
    b = target_for(ARTICLE, "said on Tuesday that the alliance")
    c = target_for(ARTICLE, "secretary general said on Tuesday")
    edited = "Updated: " + ARTICLE.replace("spending", "defence spending")
    anchorer = Anchorer(edited)
    spans = [anchorer.anchor(t) for t in (a, b, c)]
    assert [quoted(edited, s) for s in spans] == [a.exact, b.exact, c.exact]
    assert spans[0] == spans[2]
    assert spans[0].start < spans[1].start < spans[0].end < spans[1].end


def test_short_quote_in_an_unrelated_text_is_orphaned_not_misplaced() -> None:
    target = target_for(ARTICLE, "the talks")
    other = "Recipe: fold the eggs into the flour, then let the dough rest. The talk is cheap."
    assert reanchor(other, target).status is ORPHANED
    longer = target_for(ARTICLE, "secretary general said")
    assert reanchor(other.replace("eggs", "secretary genera saiid"), longer).status is ORPHANED


def test_a_short_quote_never_matches_approximately() -> None:
    target = target_for(ARTICLE, "Brussels")
    assert reanchor(ARTICLE.replace("Brussels", "Brusels"), target).status is ORPHANED


def test_find_quote_counts_occurrences_and_folds() -> None:
    quote = "officials said the talks would resume"
    assert find_quote(ARTICLE, quote) is None  # case is not folded
    first = find_quote(ARTICLE, "Officials said the talks\nwould resume")
    second = find_quote(ARTICLE, "Officials said the talks would resume", occurrence=2)
    assert first == (ARTICLE.index("Officials"), ARTICLE.index(" next week"))
    assert second is not None and second[0] == ARTICLE.rindex("Officials")
    assert find_quote(ARTICLE, "Officials said", occurrence=3) is None
    assert find_quote(ARTICLE, '"We are stronger together," he') == (
        ARTICLE.index("“We"),
        ARTICLE.index("“We") + len('"We are stronger together," he'),
    )
    assert find_quote("café", "cafe") is None  # does not end inside é


def test_make_target_context() -> None:
    text = "x" * 50 + "QUOTE" + "y" * 50
    target = make_target(text, 50, 55)
    assert (target.exact, target.prefix, target.suffix) == ("QUOTE", "x" * 32, "y" * 32)
    with pytest.raises(ValueError):
        make_target(text, 5, 5)


WORDS = [
    "the",
    "a",
    "cat",
    "sat",
    "on",
    "mat",
    "dog",
    "ran",
    "far",
    "away",
    "house",
    "tree",
    "river",
    "stone",
    "light",
    "dark",
]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
texts = st.lists(sentences, min_size=8, max_size=30).map(lambda s: ". ".join(s) + ".")
inserts = st.text(alphabet=st.sampled_from(list("abcdefgh ,.\n")), max_size=40)


@settings(max_examples=100, deadline=None)
@given(texts, st.data())
def test_edits_away_from_the_quote_keep_it_exact_at_the_shifted_place(text, data) -> None:
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 1, min(len(text), start + 60)))
    target = make_target(text, start, end)
    # one edit before the quote and its context, one after: each may be a no-op
    a1 = data.draw(st.integers(0, max(0, target.start - 32)))
    b1 = data.draw(st.integers(a1, max(a1, target.start - 32)))
    a2 = data.draw(st.integers(min(len(text), target.end + 32), len(text)))
    b2 = data.draw(st.integers(a2, len(text)))
    new1, new2 = data.draw(inserts), data.draw(inserts)
    edited = text[:a1] + new1 + text[b1:a2] + new2 + text[b2:]
    assume(edited.count(target.exact) == 1)
    shift = len(new1) - (b1 - a1)
    anchor = reanchor(edited, target)
    assert (anchor.start, anchor.end) == (target.start + shift, target.end + shift)
    assert anchor.status is (EXACT if shift == 0 else MOVED)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_anchors_never_split_a_cluster(text, data) -> None:
    assume(len(text) >= 2)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    target = make_target(text, start, end)
    assert is_boundary(text, target.start) and is_boundary(text, target.end)
    edited = data.draw(st.text(max_size=5)) + text
    anchor = reanchor(edited, target)
    if anchor.found:
        assert is_boundary(edited, anchor.start) and is_boundary(edited, anchor.end)
        assert 0 <= anchor.start < anchor.end <= len(edited)


TRICKY_CHARS = [*"ae é\n\r\t\u00a0’'“\"—-…ﬁ中文\u200b\u0301\u0308", "👩", "\u200d", "🇫", "🇷"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY_CHARS), min_size=1, max_size=40), st.data())
def test_any_slice_is_found_again_by_its_folded_form(text, data) -> None:
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    target = make_target(text, a, b)
    needle = fold_str(target.exact).strip(" ")
    assume(needle.strip(" \u0301\u0308"))
    span = find_quote(text, target.exact)
    assert span is not None
    assert fold_str(text[span[0] : span[1]]).strip(" ") == needle
    assert is_boundary(text, span[0]) and is_boundary(text, span[1])


def test_a_thousand_annotations_on_a_megabyte_all_move_with_an_edit_near_the_start() -> None:
    rng = random.Random(3)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(3000)]
    paragraphs = (" ".join(rng.choices(words, k=80)) + "." for _ in range(3000))
    text = "\n\n".join(paragraphs)[:1_000_000]
    starts = [rng.randrange(100, len(text) - 200) for _ in range(1000)]
    targets = [make_target(text, s, s + rng.randint(15, 120)) for s in starts]
    edited = text[:50] + "A sentence added near the start. " + text[50:]
    anchorer = Anchorer(edited)
    anchors = [anchorer.anchor(t) for t in targets]
    assert all(
        a.start == t.start + 33 and a.status is MOVED for a, t in zip(anchors, targets, strict=True)
    )


def test_the_notes_core_imports_no_textual() -> None:
    code = "import sys, reader.notes; sys.exit(any(m.startswith('textual') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


CONVERSIONS = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "rewrap": lambda t: t.replace(" ", "\n").replace("\n\n", " \n"),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "straight quotes": lambda t: t.replace("’", "'").replace("“", '"').replace("”", '"'),
}
prose_words = st.sampled_from(
    [*WORDS, "café", "naïve", "l’été", "“quoted”", "señor", "中文", "👍🏽"]
)
prose = st.lists(prose_words, min_size=10, max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(prose, st.sampled_from(sorted(CONVERSIONS)), st.data())
def test_conversions_of_the_whole_text_keep_every_quote(text, conversion, data) -> None:
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 1, min(len(text), start + 40)))
    target = make_target(text, start, end)
    needle = fold_str(target.exact).strip(" ")
    assume(needle and fold_str(text).count(needle) == 1)
    converted = CONVERSIONS[conversion](text)
    anchor = reanchor(converted, target)
    assert anchor.status in (EXACT, MOVED)
    assert fold_str(converted[anchor.start : anchor.end]).strip(" ") == needle


def test_identical_passages_are_told_apart_by_how_far_the_neighbours_moved() -> None:
    block = "The same refrain, word for word, comes back again. "
    text = "Introduction. " + block * 4 + "The end."
    intro = target_for(text, "Introduction.")
    third = make_target(text, 14 + 2 * len(block), 14 + 3 * len(block) - 1)
    edited = "A new first paragraph that pushes the rest down the page. " + text
    shift = len(edited) - len(text)
    anchorer = Anchorer(edited)
    assert anchorer.anchor(intro).start == intro.start + shift
    anchor = anchorer.anchor(third)
    assert (anchor.start, anchor.status) == (third.start + shift, MOVED)


def test_a_repeated_word_sliding_into_the_old_place_does_not_take_the_note():
    # " cat cat ": after an edit before it, the second " cat " sits where the first was.
    text = "the. the. the the the the the the the the the cat cat the. the. the. the. the. the."
    target = make_target(text, 45, 50)
    edited = "aaaaaa" + text[10:]
    anchor = reanchor(edited, target)
    assert (anchor.start, anchor.end, anchor.status) == (41, 46, MOVED)


fuzzy_paragraphs = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=14).map(" ".join),
    min_size=2,
    max_size=6,
).map("\n\n".join)


@settings(max_examples=250, deadline=None)
@given(fuzzy_paragraphs, st.data())
def test_a_fuzzy_match_is_on_whole_words_and_crosses_no_blank_line_the_quote_does_not(
    text, data
) -> None:
    """A note on whole words of one paragraph, a letter of it changed in the new text:
    found approximately, its ends on word edges, across no blank line."""
    spans = [m.span() for m in re.finditer(r"[^\n]+", text)]
    start_para, end_para = spans[data.draw(st.integers(0, len(spans) - 1))]
    words_at = [m.span() for m in re.finditer(r"\w+", text[start_para:end_para])]
    assume(len(words_at) >= 3)
    i = data.draw(st.integers(0, len(words_at) - 3))
    j = data.draw(st.integers(i + 2, len(words_at) - 1))
    start, end = start_para + words_at[i][0], start_para + words_at[j][1]
    target = make_target(text, start, end)
    at = data.draw(st.integers(start, end - 1))
    assume(text[at].isalpha())
    edited = text[:at] + ("z" if text[at] != "z" else "y") + text[at + 1 :]
    anchor = reanchor(edited, target)
    if anchor.status is not FUZZY:
        return
    s, e = anchor.start, anchor.end
    assert s == 0 or not (edited[s - 1].isalnum() and edited[s].isalnum()), edited[s:e]
    assert e == len(edited) or not (edited[e - 1].isalnum() and edited[e].isalnum()), edited[s:e]
    assert not re.search(r"\n\s*\n", edited[s:e]), edited[s:e]


def test_a_fuzzy_match_never_ends_inside_a_word() -> None:
    """A letter changed in a note's first word: not found on the tail of another word."""
    text = "dog the dog a\n\non the dog a"
    target = target_for(text, "on the dog")
    edited = text.replace("\n\non", "\n\noz")
    anchor = reanchor(edited, target)
    assert anchor.status is FUZZY
    assert quoted(edited, anchor) in ("dog the dog", "oz the dog")
