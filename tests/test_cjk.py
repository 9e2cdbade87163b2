"""Chinese and Japanese text: column widths in cells, word counts, and line breaks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.ingest.formats import load_article
from reader.tui.article.layout import layout_article
from reader.tui.article.wrap import wrap_offsets

KYOTO = Path(__file__).parent / "cjk" / "kyoto_autumn.txt"  # written for these tests
LONG_TITLE = "長い題名の記事" * 15  # 210 cells


def reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def kanji_and_kana(text: str) -> int:
    """The ideographs and kana of text, counted one by one."""
    names = (unicodedata.name(c, "") for c in text)
    return sum(
        n.startswith(("CJK UNIFIED", "HIRAGANA LETTER", "KATAKANA LETTER"))
        or n in ("KATAKANA-HIRAGANA PROLONGED SOUND MARK", "IDEOGRAPHIC ITERATION MARK")
        for n in names
    )


def md(path: Path, title: str, source: str, date: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\nsource: {source}\ndate: {date}\n---\n\n{body}\n")


def test_list_columns_line_up_with_japanese_titles_and_sources(tmp_path: Path):
    root = tmp_path / "library"
    body = "The talks covered defence spending and the war in Ukraine, officials said."
    md(root / "AFP/talks.md", "NATO chief meets Trump", "AFP", "2024-11-23", body)
    md(root / "asahi/snow.md", "東京で初雪、平年より早く", "朝日新聞", "2024-11-20", body)
    md(root / "asahi/long.md", LONG_TITLE, "朝日新聞", "2024-11-21", body)
    (root / "京都新聞").mkdir()
    shutil.copy(KYOTO, root / "京都新聞" / "kyoto_autumn.txt")
    result = reader("list", str(root))
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert len(rows) == 4
    date_at = header.index("DATE")
    title_at = header.index("TITLE")
    for line in rows:
        dated = re.search(r"\d{4}-\d{2}-\d{2}", line)
        if dated:
            assert cell_len(line[: dated.start()]) == date_at, line
        title = next(t for t in ("NATO", "東京", "長い", "京都の秋") if t in line)
        assert cell_len(line[: line.index(title)]) == title_at, line
        assert cell_len(line) == cell_len(header), line  # WORDS, right-aligned, ends each row
    [long_row] = [line for line in rows if "長い" in line]
    assert "…" in long_row and cell_len(long_row) < cell_len(LONG_TITLE)


def test_japanese_article_counts_each_kanji_and_kana_as_a_word():
    article = load_article(KYOTO, KYOTO.parent)
    body = KYOTO.read_text(encoding="utf-8").split("\n", 1)[1]
    expected = kanji_and_kana(body)
    assert expected > 500
    assert article.words == expected
    assert f"{expected:,} words · {round(expected / 230)} min read" in article.meta_line()
    # the first paragraph is a paragraph of the article, not taken for a subtitle
    assert article.subtitle is None
    assert article.body_text.startswith("十一月に入ると")


def test_reader_list_says_the_japanese_word_count(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    shutil.copy(KYOTO, root / "kyoto_autumn.txt")
    result = reader("list", str(root))
    assert result.stdout.split()[-1] == str(kanji_and_kana(KYOTO.read_text().split("\n", 1)[1]))


NO_START = set("。、，．・：；？！ー」』）］｝〕〉》】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_END = set("「『（［｛〔〈《【")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=8, max_value=90))  # the article view is 8 cells or more
def test_japanese_lines_never_start_with_closing_punctuation_or_end_opening_a_quote(width):
    article = load_article(KYOTO, KYOTO.parent)
    layout = layout_article(article, article.meta_line(), width)
    lines = [article.text[line.start : line.end] for line in layout.lines if line.is_text]
    assert "".join(lines) == article.text.replace("\n", "")  # nothing lost, nothing twice
    for line in lines:
        assert cell_len(line) <= width
        assert line[0] not in NO_START, (width, line)
        assert line[-1] not in NO_END, (width, line)


@given(st.text("あ漢。、」「ーっ", max_size=40), st.integers(min_value=1, max_value=12))
def test_wrapping_keeps_every_character_within_the_width(text, width):
    lines = wrap_offsets(text, width)
    assert "".join(text[start:end] for start, end in lines) == text
    assert all(cell_len(text[start:end]) <= max(width, 2) for start, end in lines)


def test_a_long_reading_time_groups_its_thousands_as_the_word_count_does():
    from dataclasses import replace

    article = replace(load_article(KYOTO, KYOTO.parent), words=400_000)
    assert "400,000 words · 29 h read" in article.meta_line()


def test_a_page_with_no_words_gives_no_reading_time():
    from dataclasses import replace

    article = replace(load_article(KYOTO, KYOTO.parent), words=0)
    assert "0 words" in article.meta_line() and "min read" not in article.meta_line()


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (230 * 59, "59 min read"),
        (230 * 60, "1 h read"),
        (230 * 95, "1 h 35 min read"),
        (1_008_780, "73 h read"),
    ],
)
def test_a_reading_time_past_an_hour_is_given_in_hours(words: int, shown: str):
    from dataclasses import replace

    article = replace(load_article(KYOTO, KYOTO.parent), words=words)
    assert article.meta_line().endswith(f" · {shown}")
