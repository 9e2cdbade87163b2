"""Pages too big or too deeply nested for reader mode are read at once as their plain text,
saying so, with nothing of the page's text lost; other pages go through reader mode as
before."""

from __future__ import annotations

import pytest

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.ingest.formats.html import parse_html
from reader.ingest.textshape import words

INTRO = "The harbour board met on Tuesday and agreed to reopen the north quay after two years of repairs."
OUTRO = "Work on the south quay is due to start in the spring, the board said in a statement on Wednesday."
DEEPEST = "The deepest line of the page, nested far down."
HEAD = "<title>Quay reopens | The Ellis Courier</title><meta property='og:site_name' content='The Ellis Courier'>"


def _page(body: str) -> str:
    nav = "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    return f"<html><head>{HEAD}</head><body>{nav}<article>{body}</article></body></html>"


def _table(rows: int) -> str:
    cells = "".join(f"<tr><td>{r}</td><td>row {r}</td></tr>" for r in range(rows))
    return f"<table>{cells}</table>"


def _texts(raw: str) -> list[str]:
    return [p.text for p in parse_html(raw).parts]


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of more than 40 elements count as huge: the fixtures stay small."""
    monkeypatch.setattr("reader.ingest.formats.plainpage.MAX_ELEMENTS", 40)


def test_a_huge_page_is_read_as_its_plain_text_after_a_line_saying_why(small_bound) -> None:
    raw = _page(f"<h1>Quay reopens</h1><p>{INTRO}</p>{_table(30)}<p>{OUTRO}</p>")
    parsed = parse_html(raw)
    texts = [p.text for p in parsed.parts]
    assert parsed.subtitle == "Too big for reader mode (103 elements): read as its plain text."
    # Everything the page shows, in its order: the menu too, each table row on a line.
    assert texts[:4] == ["Home World", "Quay reopens", INTRO, "0 | row 0"]
    assert texts[-2:] == ["29 | row 29", OUTRO]
    assert not any(p.boilerplate for p in parsed.parts)
    assert (parsed.title, parsed.source) == ("Quay reopens", "The Ellis Courier")


def test_a_deep_page_keeps_its_deepest_text(tmp_path) -> None:
    deep = "<div>" * 300 + f"<p>{DEEPEST}</p>" + "</div>" * 300
    path = tmp_path / "deep.html"
    path.write_text(_page(f"<p>{INTRO}</p>{deep}<p>{OUTRO}</p>"), encoding="utf-8")
    article = load_article(path, tmp_path)
    paragraphs = [article.text[b.start : b.end] for b in article.blocks]
    assert paragraphs[-3:] == [INTRO, DEEPEST, OUTRO]
    assert article.subtitle is not None
    assert article.subtitle.startswith("Too deeply nested for reader mode (30")
    assert article.subtitle.endswith("levels): read as its plain text.")
    assert article.title == "Quay reopens"


def test_scripts_styles_and_hidden_parts_of_a_huge_page_are_not_shown(small_bound) -> None:
    hidden = (
        "<script>var intro = '<p>SCRIPT TEXT</p>'; if (a < b) {}</script>"
        "<style>p::before { content: 'STYLE TEXT' }</style>"
        "<noscript><p>NOSCRIPT TEXT</p></noscript><template><p>TEMPLATE TEXT</p></template>"
        "<svg><text>ICON TEXT</text></svg><!-- <p>COMMENT TEXT</p> -->"
    )
    raw = _page(
        f"<p>{INTRO}</p>{hidden}{_table(30)}<p>&lt;script&gt; is shown as written &amp; kept.</p>"
    )
    text = "\n".join(_texts(raw))
    assert "TEXT" not in text and "var intro" not in text
    assert INTRO in text
    assert "<script> is shown as written & kept." in text


def test_words_either_side_of_inline_tags_stay_apart_in_a_huge_page(small_bound) -> None:
    body = (
        "<p>The coach was <b>sacked</b>\n<a href='/x' title='a > b'>last night</a> after the defeat.</p>"
        "<div><strong>Fans will</strong> appreciate the decision,&nbsp;said one.<br>A new line.</div>"
        "<p>Tight<i>ly</i> bound, as the page shows it.</p>"
    )
    texts = _texts(_page(body + _table(30)))
    assert "The coach was sacked last night after the defeat." in texts
    assert "Fans will appreciate the decision, said one." in texts
    assert "A new line." in texts
    assert "Tightly bound, as the page shows it." in texts


def test_a_page_under_the_bounds_goes_through_reader_mode_as_before() -> None:
    raw = _page(f"<h1>Quay reopens</h1><p>{INTRO}</p>{_table(3)}<p>{OUTRO}</p>")
    parsed = parse_html(raw)
    texts = [p.text for p in parsed.parts if not p.boilerplate]
    assert texts == [INTRO, "0 │ row 0\n1 │ row 1\n2 │ row 2", OUTRO]  # a table, a row a line
    assert parsed.title == "Quay reopens"


def test_a_page_past_the_bound_is_read_as_text_at_once(tmp_path) -> None:
    """26,000 elements (about as many as the extractor reads in a few seconds)."""
    path = tmp_path / "big.html"
    path.write_text(_page(f"<p>{INTRO}</p>{_table(8_660)}<p>{OUTRO}</p>"), encoding="utf-8")
    article = load_article(path, tmp_path)
    paragraphs = [article.text[b.start : b.end] for b in article.blocks]
    assert article.subtitle == "Too big for reader mode (25,992 elements): read as its plain text."
    assert paragraphs[0] == "Home World"
    assert paragraphs[-2:] == ["8659 | row 8659", OUTRO]


def test_the_line_saying_why_is_not_part_of_the_text(small_bound, tmp_path) -> None:
    """Shown above the text, it is not counted in the words or found by a search."""
    path = tmp_path / "big.html"
    path.write_text(_page(f"<p>{INTRO}</p>{_table(30)}<p>{OUTRO}</p>"), encoding="utf-8")
    article = load_article(path, tmp_path)
    assert "Too big" not in article.text and "reader mode" not in article.body_text
    assert article.words == sum(len(words(article.block_text(b))) for b in article.blocks)
    shown = render(article).plain.splitlines()
    assert shown[1] == "Too big for reader mode (102 elements): read as its plain text."
