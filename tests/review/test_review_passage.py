"""A card's passage cut at sentences, in Japanese too, and marked "…" where it is cut."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.review.passage import kept_passage, passage


def test_a_japanese_card_shows_one_sentence_each_side_cut_at_the_full_stops():
    text = "".join(f"これは{n}番目の文で、とても長い説明が続きます。" for n in range(1, 40))
    quote = "これは20番目の文"
    start = text.index(quote)
    shown = passage(text, start, start + len(quote))
    assert shown.before == "これは19番目の文で、とても長い説明が続きます。"
    assert (
        shown.after
        == "で、とても長い説明が続きます。これは21番目の文で、とても長い説明が続きます。"
    )


def test_a_passage_cut_short_inside_a_sentence_ends_with_an_ellipsis():
    text = "Short one. " + "word " * 200 + "QUOTE " + "word " * 200 + "end."
    start = text.index("QUOTE")
    shown = passage(text, start, start + 5)
    assert shown.before.startswith("…") and shown.after.endswith("…")


@given(
    st.text(alphabet="ab .\n", max_size=40),
    st.text(alphabet="xy", min_size=1, max_size=8),
    st.text(alphabet="ab .\n", max_size=40),
)
def test_a_kept_passage_is_taken_from_the_kept_context_and_never_crosses_a_blank_line(
    prefix, quote, suffix
):
    shown = kept_passage(prefix, quote, suffix, 32)
    before, after = shown.before.removeprefix("…"), shown.after.removesuffix("…")
    assert shown.quote == quote
    assert " ".join(prefix.split()).endswith(" ".join(before.split()))
    assert " ".join(suffix.split()).startswith(" ".join(after.split()))
    paragraphs = re.split(r"\n\s*\n", prefix)
    assert len(before.strip()) <= len(" ".join(paragraphs[-1].split()))
