"""Fuzzing the loaders and the article layout: nothing escapes but ArticleError, and no
control character reaches a rendered line.

Every loader (txt, md, html) through `load_article` on random bytes and random Unicode
written to files; `decode_bytes`; Markdown front matter; then `layout_article` and
`visible_line` on what came out. Modest example counts keep the file to a few seconds.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.errors import ArticleError
from reader.ingest.canonical import text_sha256
from reader.ingest.decode import decode_bytes, wide_encoding
from reader.ingest.formats import load_article
from reader.ingest.formats.frontmatter import split_front_matter
from reader.model import Article
from reader.text.safe import visible, visible_line
from reader.tui.article.layout import layout_article

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORMATS = [".txt", ".md", ".html"]
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "]")  # on a screen line: no tab, no LF

# Text that looks like articles and attacks: words, markup, escapes, bidi, odd spaces.
PIECES = st.sampled_from(
    [
        "word",
        "Title",
        "The end.",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\r\n",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\x1b]52;c;eA==\x07",
        "\x9b",
        "\u202e",
        "\u2066",
        "[bold]",
        "[/]",
        "[@click=app.quit]",
        "# ",
        "- ",
        "> ",
        "**",
        "_",
        "`",
        "---\n",
        "<p>",
        "</p>",
        "<h1>",
        "<script>x</script>",
        "&amp;",
        "&#x1b;",
        "By AFP",
        "| Nov 23, 2024",
        "\u00a0",
        "e\u0301",
        "\ufeff",
        "\u2028",
        "漢字",
        "👩‍👩‍👧",
        "x" * 90,
    ]
)
ARTICLE_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join),
)
UNIQUE = iter(range(10**9))


def load(tmp_path: Path, data: bytes, suffix: str) -> Article | None:
    """load_article on a fresh file; None when it was refused with an ArticleError."""
    path = tmp_path / f"f{next(UNIQUE)}{suffix}"
    path.write_bytes(data)
    try:
        return load_article(path, tmp_path)
    except ArticleError as error:
        assert str(error).startswith(str(path)) and error.reason
        return None
    finally:
        path.unlink()


def check_article(article: Article) -> None:
    """What every loaded article must be: canonical text, blocks inside it, one-line title."""
    text = article.text
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert article.sha256 == text_sha256(text)
    assert article.title and "\n" not in article.title
    previous_end = 0
    for block in article.blocks:
        assert previous_end <= block.start < block.end <= len(text)
        previous_end = block.end
        for mark in block.marks:
            assert 0 <= mark.start <= mark.end <= block.end - block.start
    check_layout(article)


def check_layout(article: Article, widths=(12, 37, 80)) -> None:
    """Every laid-out line, as the view shows it, is free of controls and in order."""
    for width in widths:
        for show_boilerplate in (False, True):
            layout = layout_article(
                article, article.meta_line(), width, show_boilerplate=show_boilerplate
            )
            last = -1
            for line in layout.lines:
                if line.is_text:
                    assert 0 <= line.start <= line.end <= len(article.text)
                    assert line.start >= last
                    last = line.end
                    shown = line.prefix + visible_line(article.text[line.start : line.end])
                else:
                    shown = visible_line(line.label)
                assert not UNSAFE.search(shown), repr(shown)
            assert list(layout.starts) == sorted(layout.starts)


# ----- the loaders --------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(FORMATS))
@example(data=b"\x00\x01\x02", suffix=".txt")
@example(data=b"\xff\xfe" + "UTF-16 title\n\nbody".encode("utf-16-le"), suffix=".txt")
@example(data=b"\xef\xbb\xbfBOM title\n\nbody text.", suffix=".md")
@example(data=b"<html><body>" + b"<div>" * 3000 + b"deep", suffix=".html")
@example(data=b">" * 5000 + b" deep quote", suffix=".md")
def test_random_bytes_load_or_are_refused_with_a_reason(tmp_path, data, suffix):
    article = load(tmp_path, data, suffix)
    if article is not None:
        check_article(article)


@FUZZ
@given(text=ARTICLE_TEXT, suffix=st.sampled_from(FORMATS))
@example(text="\x1b]0;PWN\x07 title\n\n\u202e body \x9b31m", suffix=".txt")
@example(text="---\ntitle: [unclosed\n---\n\nbody", suffix=".md")
@example(text="---\n- a\n- list\n---\n\n# Heading\n\nbody", suffix=".md")
@example(text="<script>x</script>&#x1b;<script>x</script>word", suffix=".html")
def test_random_text_loads_or_is_refused_with_a_reason(tmp_path, text, suffix):
    article = load(tmp_path, text.encode("utf-8", "surrogatepass"), suffix)
    if article is not None:
        check_article(article)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_decode_bytes_always_gives_text(data):
    text = decode_bytes(data)
    assert isinstance(text, str)
    try:
        expected = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return
    if wide_encoding(data[:8192]) is None:  # (not UTF-16 text: a NUL every other byte)
        assert text == expected  # UTF-8 is taken as it is


@FUZZ
@given(text=st.text(max_size=300))
def test_decode_bytes_round_trips_utf8(text):
    data = text.encode("utf-8")
    assume(wide_encoding(data[:8192]) is None)  # UTF-16 text is read as such
    assert decode_bytes(data) == text


# ----- Markdown front matter --------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(["title", "source", "author", "date", "url", "tags", "other", ""])


@FUZZ
@given(meta=st.dictionaries(KEYS, VALUES, max_size=7), body=ARTICLE_TEXT)
@example(meta={"title": "\ufb2a"}, body="")  # a presentation form, decomposed by NFC
def test_front_matter_of_any_shape_loads(tmp_path, meta, body):
    front = yaml.safe_dump(meta, allow_unicode=True)
    text = f"---\n{front}---\n\n# A heading\n\n{body}\n"
    article = load(tmp_path, text.encode("utf-8", "surrogatepass"), ".md")
    if not UNSAFE.search(body.replace("\n", "").replace("\t", "").replace("\r", "")):
        assert article is not None  # there is always the heading
    assume(article is not None)  # a NUL or many controls: refused as binary, rightly
    check_article(article)
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        # Text is stored in NFC (some characters, like U+FB2A, decompose in it).
        assert article.title == unicodedata.normalize("NFC", " ".join(title.split()))
    for value in (article.source, article.author or "", article.url or ""):
        assert isinstance(value, str)
    assert all(isinstance(t, str) and t.strip() for t in article.tags)


@FUZZ
@given(front=st.text(max_size=200), body=st.text(max_size=100))
def test_front_matter_of_any_text_splits_or_stays_text(front, body):
    text = f"---\n{front}\n---\n{body}"
    front = split_front_matter(text)
    meta, rest = front.fields, front.body
    assert isinstance(meta, dict)
    assert rest == text or text.endswith(rest)


@pytest.mark.parametrize("key", ["source", "tags"])
def test_front_matter_alias_bomb_fails_fast(tmp_path, key):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(levels) + f"\n{key}: *i\n---\n\n# Title\n\nSome body.\n")
    assert path.stat().st_size < 1000
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        resource.setrlimit(resource.RLIMIT_AS, (256 << 20, 256 << 20))
        from reader.errors import ArticleError
        from reader.ingest.formats import load_article
        try:
            article = load_article(Path({str(path)!r}), Path({str(tmp_path)!r}))
        except ArticleError as error:
            print("refused:", error)
        else:
            print("loaded:", len(article.source or ""), len(str(article.tags)))
        """
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=20
        )
    except subprocess.TimeoutExpired:
        pytest.fail("loading a 1 KB front matter alias bomb did not end in 20 s")
    assert result.returncode == 0, result.stderr[-500:]
    if result.stdout.startswith("loaded:"):
        sizes = [int(n) for n in result.stdout.split()[1:]]
        assert max(sizes) < 100_000, result.stdout


# ----- the rendered lines --------------------------------------------------------------------------


@FUZZ
@given(text=st.text(max_size=300))
def test_visible_line_leaves_no_control_and_keeps_length(text):
    shown = visible_line(text)
    assert len(shown) == len(text)
    assert not UNSAFE.search(shown)
    kept = visible(text)
    assert len(kept) == len(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "]", kept)


@FUZZ
@given(text=ARTICLE_TEXT, width=st.integers(min_value=1, max_value=120))
def test_layout_of_any_article_shows_no_control(tmp_path, text, width):
    article = load(tmp_path, ("Title\n\n" + text).encode("utf-8", "surrogatepass"), ".txt")
    assume(article is not None)  # mostly controls: refused as binary, rightly
    check_layout(article, widths=(width,))


PRINTABLE = st.text(
    st.characters(exclude_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"]), max_size=300
)


@FUZZ
@given(text=PRINTABLE, width=st.integers(min_value=20, max_value=120))
def test_layout_lines_fit_the_width_for_printable_text(tmp_path, text, width):
    """Lines without controls are never wider than the measure (the view would cut them)."""
    article = load(tmp_path, ("Title\n\n" + text).encode("utf-8"), ".txt")
    assert article is not None
    for line in layout_article(article, "meta", width, show_boilerplate=True).lines:
        if line.is_text:
            shown = line.prefix + visible_line(article.text[line.start : line.end])
            assert cell_len(shown) <= width, (width, shown)


STRAY = st.integers(0x80, 0xFF).map(lambda b: bytes([b]))


@FUZZ
@given(
    chars=st.lists(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
    strays=st.lists(st.tuples(st.integers(0, 200), STRAY), min_size=1, max_size=4),
)
def test_utf8_text_with_a_few_stray_bytes_shows_them_as_replacement_marks(chars, strays):
    """Any UTF-8 text with twice as many non-ASCII characters as stray bytes stays UTF-8."""
    assume(sum(ord(c) > 0x7F for c in chars) >= 2 * len(strays))
    pieces = [c.encode("utf-8") for c in chars]
    for at, stray in sorted(strays, reverse=True):
        pieces.insert(min(at, len(pieces)), stray)
    data = b"".join(pieces)
    assume(wide_encoding(data[:8192]) is None)
    assert decode_bytes(data) == data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
