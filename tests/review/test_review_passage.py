"""A card's passage cut at sentences, in Japanese too, and marked "…" where it is cut."""

from __future__ import annotations

from reader.review.passage import passage


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
