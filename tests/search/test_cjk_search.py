"""Chinese, Japanese and Korean words are found inside the sentences that hold them (these
scripts put no space between words), and marked in the excerpt and the title."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import Library

JAPANESE = "東京で会議が開かれた。重要な決定があった。"
CHINESE = "北京今天举行了重要会议，讨论经济问题。"
KOREAN = "서울에서 중요한 회의가 열렸다. 시민들은 결과를 기다렸다."


@pytest.fixture
def cjk_lib(lib: Library) -> Library:
    lib.txt("asahi/kaigi.txt", "会議の記録", JAPANESE, "Tokyo東京の話もあった。")
    lib.txt("xinhua/huiyi.txt", "新闻", CHINESE)
    lib.txt("yonhap/hoeui.txt", "뉴스", KOREAN)
    lib.txt("wire/talks.txt", "Harbour talks", "The harbour talks ended with a vote in Tokyo.")
    return lib


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("会議", "asahi/kaigi.txt"),
        ("東京", "asahi/kaigi.txt"),
        ("開かれた", "asahi/kaigi.txt"),  # kana and kanji
        ("決定があった", "asahi/kaigi.txt"),
        ("经济问题", "xinhua/huiyi.txt"),
        ("举行", "xinhua/huiyi.txt"),
        ("서울", "yonhap/hoeui.txt"),  # a word with its particle attached: 서울에서
        ("회의", "yonhap/hoeui.txt"),
    ],
)
def test_a_cjk_word_inside_a_sentence_is_found_and_marked(cjk_lib, make_index, query, found):
    index = make_index()
    index.update(workers=1)
    [hit] = index.search(query).hits
    assert hit.id == found
    assert hit.snippet is not None
    assert {hit.snippet[s:e] for s, e in hit.spans} == {query}


def test_a_word_found_in_several_articles_is_found_in_each(cjk_lib, make_index):
    index = make_index()
    index.update(workers=1)
    ids = {h.id for h in index.search("重要").hits}
    assert ids == {"asahi/kaigi.txt", "xinhua/huiyi.txt"}


def test_one_character_is_found_wherever_it_stands_in_a_run(cjk_lib, make_index):
    index = make_index()
    index.update(workers=1)
    for char in ("東", "決", "た", "議"):  # a run's first, middle and last letter
        [hit] = index.search(char).hits
        assert hit.id == "asahi/kaigi.txt", char
        assert {hit.snippet[s:e] for s, e in hit.spans} == {char}
    assert index.search("猫").hits == []


def test_letters_that_are_not_next_to_each_other_do_not_match(cjk_lib, make_index):
    index = make_index()
    index.update(workers=1)
    assert index.search("東会").hits == []  # both in the sentence, never side by side
    assert index.search("会議が開かれなかった").hits == []


def test_cjk_and_latin_words_are_searched_together(cjk_lib, make_index):
    index = make_index()
    index.update(workers=1)
    [hit] = index.search("Tokyo 会議").hits
    assert hit.id == "asahi/kaigi.txt"
    assert {hit.snippet[s:e] for s, e in hit.spans} >= {"会議"}
    [hit] = index.search('"Tokyo東京"').hits  # a Latin word written against a kanji run
    assert hit.id == "asahi/kaigi.txt"
    assert {hit.snippet[s:e] for s, e in hit.spans} == {"Tokyo東京"}
    assert {h.id for h in index.search("tokyo").hits} == {"asahi/kaigi.txt", "wire/talks.txt"}
    assert index.search('"東京 Tokyo"').hits == []  # not in that order
    assert [h.id for h in index.search("harbour -会議").hits] == ["wire/talks.txt"]


def test_a_cjk_word_in_a_title_is_found_by_title_and_marked(cjk_lib, make_index):
    index = make_index()
    index.update(workers=1)
    [hit] = index.search("title:記録").hits
    assert hit.id == "asahi/kaigi.txt"
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["記録"]


def test_a_changed_cjk_article_is_found_by_its_new_words_only(cjk_lib, make_index):
    index = make_index()
    index.update(workers=1)
    cjk_lib.txt("asahi/kaigi.txt", "会議の記録", "大阪で祭りが始まった。")
    index.update(workers=1)
    assert index.search("会議が").hits == []
    assert [h.id for h in index.search("祭り").hits] == ["asahi/kaigi.txt"]


def test_reader_search_finds_a_japanese_word(cjk_lib, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", "--library", str(cjk_lib.root), "会議"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "asahi/kaigi.txt" in result.stdout


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("会議", JAPANESE),
        ("た", JAPANESE),
        ("東会", JAPANESE),
        ('"会議 重要"', "会議。重要"),
        ('"会議 重要"', "会議重要"),
        ('"tokyo 東京"', "Tokyo東京"),
        ('"tokyo 東京"', "Tokyo 大東京"),
        ("中요", "中요"),
        ("ガス", "カス"),
        ("café", "Un Café 東京"),
    ],
)
def test_the_excerpt_marks_a_cjk_word_exactly_when_the_index_finds_it(query, text):
    import sqlite3

    from reader.search.cjk import indexed
    from reader.search.query import parse_query
    from reader.search.snippet import Matcher, excerpt

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5 (body, tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t VALUES (?)", (indexed(text),))
    q = parse_query(query)
    found = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q.match,)).fetchone()[0]
    marked = excerpt(text, Matcher((t.text, t.prefix) for t in q.terms))[1]
    assert bool(found) == bool(marked)


@pytest.mark.parametrize(
    "text", ["Harbour cranes return", "Café Straße ﬁle", "Москва ЖЖ", "🇫🇷 ok‍👍", ""]
)
def test_text_without_cjk_letters_is_indexed_as_it_is(text):
    from reader.search.cjk import indexed, searched

    assert indexed(text) == text
    assert searched(text) == (text, False)


_LETTERS = "a\u00e9\u0416\u05d0\u0627\u0e01\u1100\u11ff\u1e00\u2014\u201c\u2e80\u2fd5\u3000\u3005\u3042\u30a2\u4e00\u9fff\ua960\uac00\ud7a3\uf900\ufb01\ufeff\uff66\uffa0\uffdc\U0001f600\U00020000\U0003134f"


@given(st.text(st.one_of(st.sampled_from(_LETTERS), st.characters(codec="utf-8")), max_size=12))
def test_a_text_is_found_to_hold_cjk_letters_exactly_when_it_holds_one(text: str):
    from reader.search.cjk import has_cjk
    from reader.text.scripts import CJK

    assert has_cjk(text) == (re.search(f"[{CJK}]", text) is not None)
