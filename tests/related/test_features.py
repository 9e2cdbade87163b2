"""Names and quotations as the story matcher reads them."""

from __future__ import annotations

from pathlib import Path

from reader.related.features import extract, names_in, quotations
from reader.related.minhash import signature, similarity
from reader.related.text import content_words


def test_names_split_at_roles_and_possessives():
    text = (
        "NATO chief Mark Rutte held talks with US President-elect Donald Trump in Florida, "
        "NATO's Farah Dakhlallah said."
    )
    assert names_in(text) == [
        "NATO",
        "Mark Rutte",
        "US",
        "Donald Trump",
        "Florida",
        "NATO",
        "Farah Dakhlallah",
    ]


def test_sentence_openers_and_shouting_are_not_names():
    text = (
        "During the talks, Rutte spoke. Officials said little. Amara Okafor left on Friday. "
        "READ MORE about it."
    )
    assert names_in(text) == ["Rutte", "Amara Okafor"]


def test_names_with_joiners():
    text = "Ursula von der Leyen met the Bank of England; Farah Dakhlallah of NATO said so."
    assert names_in(text) == ["Ursula von der Leyen", "Bank of England", "Farah Dakhlallah", "NATO"]


def test_quotations_need_a_few_words():
    text = 'He called it "ironclad" and said: “We are not doing this to please anyone,” he said.'
    [quote] = quotations(text, offset=10)
    assert quote.text == "We are not doing this to please anyone"
    assert text[quote.start - 10 : quote.end - 10] == quote.text


def test_content_words_are_light_stems_without_stop_words():
    assert content_words("The allies' defence spending increased, and defense budgets rose") == [
        "ally",
        "defense",
        "spend",
        "increas",
        "defense",
        "budget",
        "rose",
    ]


def test_minhash_tells_near_duplicates():
    words = content_words(" ".join(f"word{n} alpha beta gamma" for n in range(60)))
    edited = list(words)
    edited[10:12] = ["changed", "here"]
    other = content_words(" ".join(f"term{n} delta epsilon" for n in range(60)))
    assert similarity(signature(words), signature(edited)) > 0.8
    assert similarity(signature(words), signature(other)) < 0.1
    assert signature(words[:5]) == []


def test_a_huge_article_is_read_for_its_story_from_its_start_only(tmp_path: Path):
    from reader.ingest.formats import load_article
    from tests.long_article import long_article_text

    root = tmp_path
    tail = "\n\nAt the very end, Volodymyr Zelenskyy said “we will not give up a single village”.\n"
    (root / "long.txt").write_text(long_article_text(2_000_000) + tail, encoding="utf-8")
    features = extract(load_article(root / "long.txt", root))
    assert "mark rutte" in features.entities
    assert "volodymyr zelenskyy" not in features.entities
    assert not any("single village" in q for q in features.quotes)
