"""Plain-text scrapes: title, header metadata and body, as a reader sees them.

tests/scrapes/NAME.txt is a scrape and NAME.expected.json says what a reader
must get from it:

- "title", "meta" (author, date, section, subtitle: exact values, null allowed);
- "header": lines that become metadata and so leave the body;
- "junk": lines that must each be a boilerplate block;
- "either": lines that may be kept or marked (non-English share prompts, "Tags");
- every other non-blank line is article text and must be inside a body block;
- optional: "headings", "list_items", "blocks" (the exact body blocks, in order),
  "last_body_block", "source_agency", "crlf".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.ingest.canonical import assemble, normalize
from reader.ingest.formats import load_article
from reader.ingest.formats.metadata import byline, parse_date
from reader.ingest.formats.parsed import Parsed
from reader.ingest.formats.txt import parse_txt
from reader.ingest.textshape import words
from reader.model import Article

HERE = Path(__file__).resolve().parent
SCRAPES = HERE / "scrapes"
ARTICLES = HERE.parent / "articles"
NAMES = sorted(p.stem for p in SCRAPES.glob("*.txt"))


def _expected(name: str) -> dict:
    return json.loads((SCRAPES / f"{name}.expected.json").read_text(encoding="utf-8"))


def _path(name: str, tmp_path: Path) -> Path:
    """The scrape on disk; CRLF scrapes keep CRLF even if a checkout normalised them."""
    src = SCRAPES / f"{name}.txt"
    if not _expected(name).get("crlf"):
        return src
    data = src.read_bytes()
    if b"\r\n" not in data:
        data = data.replace(b"\n", b"\r\n")
    path = tmp_path / src.name
    path.write_bytes(data)
    return path


def _load(name: str, tmp_path: Path) -> Article:
    path = _path(name, tmp_path)
    return load_article(path, path.parent)


def _lines(name: str) -> list[str]:
    text = normalize((SCRAPES / f"{name}.txt").read_text(encoding="utf-8"))
    return [line.strip() for line in text.split("\n") if line.strip()]


def _body_lines(name: str) -> list[str]:
    exp = _expected(name)
    skip = {exp["title"], *exp.get("header", []), *exp.get("junk", []), *exp.get("either", [])}
    return [line for line in _lines(name) if line not in skip]


def _body(article: Article) -> list[str]:
    return [article.block_text(b) for b in article.body_blocks]


def _junk(article: Article) -> list[str]:
    return [article.block_text(b) for b in article.boilerplate_blocks]


def test_there_are_enough_scrapes_and_each_has_an_expectation() -> None:
    assert len(NAMES) >= 8
    for name in NAMES:
        exp = _expected(name)
        lines = _lines(name)
        listed = [
            exp["title"],
            *exp.get("header", []),
            *exp.get("junk", []),
            *exp.get("either", []),
        ]
        for line in listed:
            assert line in lines, f"{name}: {line!r} is not a line of the scrape"


@pytest.mark.parametrize("name", NAMES)
def test_title(name: str, tmp_path: Path) -> None:
    assert _load(name, tmp_path).title == _expected(name)["title"]


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    for key, value in _expected(name)["meta"].items():
        assert getattr(article, key) == value, key


@pytest.mark.parametrize(
    ("name", "line"), [(n, line) for n in NAMES for line in _body_lines(n)], ids=repr
)
def test_every_body_line_survives(name: str, line: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    assert any(line in block for block in _body(article))


@pytest.mark.parametrize(
    ("name", "line"), [(n, line) for n in NAMES for line in _expected(n)["junk"]], ids=repr
)
def test_every_junk_line_is_boilerplate(name: str, line: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    assert line in _junk(article)
    assert line not in article.body_text


@pytest.mark.parametrize("name", NAMES)
def test_header_lines_leave_the_body(name: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    for line in _expected(name).get("header", []):
        assert line not in _body(article)
    assert article.title not in _body(article)


@pytest.mark.parametrize("name", [n for n in NAMES if "headings" in _expected(n)])
def test_headings(name: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    headings = [article.block_text(b) for b in article.body_blocks if b.kind == "heading"]
    for heading in _expected(name)["headings"]:
        assert heading in headings


@pytest.mark.parametrize("name", [n for n in NAMES if "list_items" in _expected(n)])
def test_list_items(name: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    items = [article.block_text(b) for b in article.body_blocks if b.kind == "list_item"]
    assert items == _expected(name)["list_items"]


@pytest.mark.parametrize("name", [n for n in NAMES if "blocks" in _expected(n)])
def test_exact_body_blocks(name: str, tmp_path: Path) -> None:
    assert _body(_load(name, tmp_path)) == _expected(name)["blocks"]


@pytest.mark.parametrize("name", [n for n in NAMES if "last_body_block" in _expected(n)])
def test_sign_off_survives(name: str, tmp_path: Path) -> None:
    article = _load(name, tmp_path)
    assert _expected(name)["last_body_block"] == _body(article)[-1]


@pytest.mark.parametrize("name", [n for n in NAMES if "source_agency" in _expected(n)])
def test_source_from_agency(name: str, tmp_path: Path) -> None:
    assert _load(name, tmp_path).source == _expected(name)["source_agency"]


def test_crlf_and_nbsp_are_read_as_text(tmp_path: Path) -> None:
    path = _path("french_crlf_nbsp", tmp_path)
    assert b"\r\n" in path.read_bytes()
    article = load_article(path, path.parent)
    assert "\r" not in article.text
    assert "\u00a0" in article.body_text  # NBSP is kept as it was, never rewritten


@pytest.mark.parametrize("name", NAMES)
def test_no_text_lost(name: str, tmp_path: Path) -> None:
    path = _path(name, tmp_path)
    raw = path.read_text(encoding="utf-8")
    _assert_no_text_lost(raw, parse_txt(raw))


# --- the seeds -------------------------------------------------------------------------


def test_afp_seed_metadata() -> None:
    article = load_article(ARTICLES / "AFP" / "nato-chief-discusses-global-security.txt", ARTICLES)
    assert article.title == "NATO chief discusses 'global security' with Trump"
    assert article.author == "AFP"
    assert article.date == "2024-11-23"
    assert article.section == "America"
    assert article.subtitle is None
    assert article.source == "AFP"


def test_other_seed_metadata() -> None:
    article = load_article(ARTICLES / "Unattributed" / "nato-chief-meets-trump.txt", ARTICLES)
    assert article.title == "NATO Chief Meets Trump to Discuss Global Security Threats"
    assert article.subtitle == "Discussions in Florida on the Horizon for Global Security"
    assert article.author is None
    assert article.date is None
    assert article.source == "Unattributed"


def test_seed_header_lines_leave_the_body() -> None:
    article = load_article(ARTICLES / "AFP" / "nato-chief-discusses-global-security.txt", ARTICLES)
    for line in ("America", "By", "AFP", "| Nov 23, 2024"):
        assert line not in _body(article)
        assert line not in _junk(article)


# --- header variants -------------------------------------------------------------------

TITLE = "Council approves harbour budget after long debate"
PROSE = "The council approved the budget on Tuesday after a long debate about the harbour."


@pytest.mark.parametrize(
    ("header", "author", "date"),
    [
        ("By Jane Doe and John Roe", "Jane Doe and John Roe", None),
        ("By JANE DOE | Reuters", "JANE DOE, Reuters", None),
        ("By AFP", "AFP", None),
        ("By\nAFP", "AFP", None),
        ("By\nAFP\n| Nov 23, 2024", "AFP", "2024-11-23"),
        ("By\nAFP | Nov 23, 2024", "AFP", "2024-11-23"),
        ("By Jane Doe, Reuters\nPublished: 3 March 2023", "Jane Doe, Reuters", "2023-03-03"),
        ("| Nov 23, 2024", None, "2024-11-23"),
        ("November 23, 2024 10:00 AM", None, "2024-11-23"),
        ("2024-11-23", None, "2024-11-23"),
        ("Published: 3 March 2023", None, "2023-03-03"),
        ("Updated 23.11.2024", None, "2024-11-23"),
        ("By Sofia Brandt | 12 September 2024", "Sofia Brandt", "2024-09-12"),
        ("By Sofia Brandt • 12 September 2024 • 4 min read", "Sofia Brandt", "2024-09-12"),
        ("Posted on Mar 3, 2023 by Jane Doe", "Jane Doe", "2023-03-03"),
        ("Nov 23, 2024\nBy Jane Doe", "Jane Doe", "2024-11-23"),
        ("Written by Sam Lee", "Sam Lee", None),
    ],
)
def test_byline_and_date_lines(header: str, author: str | None, date: str | None) -> None:
    raw = f"{TITLE}\n{header}\n{PROSE}\n"
    parsed = parse_txt(raw)
    assert parsed.title == TITLE
    assert (parsed.author, parsed.date) == (author, date)
    assert [p.text for p in parsed.parts] == [PROSE]


@pytest.mark.parametrize(
    "line",
    [
        "The meeting took place on November 23, 2024.",
        "Officials met on 2024-11-23 to discuss the plan.",
        "By the time the vote came on Nov 23, 2024, the hall was empty.",
        "By 2030, emissions must halve.",
    ],
)
def test_prose_right_under_the_title_is_not_metadata(line: str) -> None:
    parsed = parse_txt(f"{TITLE}\n{line}\n{PROSE}\n")
    assert parsed.date is None
    assert parsed.author is None
    assert line in [p.text for p in parsed.parts]


def test_heading_starting_with_by_is_not_a_byline() -> None:
    parsed = parse_txt(f"{TITLE}\nBy the numbers\n{PROSE}\n")
    assert parsed.author is None


def test_section_and_subtitle() -> None:
    parsed = parse_txt(f"{TITLE}\nAmerica\nA budget for the harbour at last\nBy AFP\n{PROSE}\n")
    assert (parsed.section, parsed.subtitle, parsed.author) == (
        "America",
        "A budget for the harbour at last",
        "AFP",
    )


def test_short_line_under_the_title_without_a_header_stays_in_the_body() -> None:
    parsed = parse_txt(f"{TITLE}\nBackground\n{PROSE}\n")
    assert parsed.section is None
    assert [(p.text, p.kind) for p in parsed.parts] == [
        ("Background", "heading"),
        (PROSE, "paragraph"),
    ]


def test_first_paragraph_before_a_date_alone_stays_in_the_body() -> None:
    parsed = parse_txt(f"{TITLE}\n{PROSE}\nMay 5, 2024\nThe vote was close.\n")
    assert parsed.subtitle is None
    assert PROSE in [p.text for p in parsed.parts]


def test_standfirst_sentence_before_byline_is_the_subtitle() -> None:
    standfirst = "Ministers say the money will pay for new cranes. Critics are not so sure."
    parsed = parse_txt(f"{TITLE}\n{standfirst}\nBy Jane Doe\n{PROSE}\n")
    assert (parsed.subtitle, parsed.author) == (standfirst, "Jane Doe")


def test_prose_without_header_is_not_a_subtitle() -> None:
    parsed = parse_txt(f"{TITLE}\n{PROSE}\nThe vote was close.\n")
    assert parsed.subtitle is None
    assert [p.text for p in parsed.parts] == [PROSE, "The vote was close."]


@pytest.mark.parametrize(
    ("dateline", "author"),
    [
        ("WASHINGTON (Reuters) - ", "Reuters"),
        ("PARIS (AFP) – ", "AFP"),
        ("NEW YORK, Nov 23 (AP) — ", "AP"),
        ("KYIV (Reuters) -- ", "Reuters"),
    ],
)
def test_agency_dateline_gives_the_author(dateline: str, author: str) -> None:
    parsed = parse_txt(f"{TITLE}\n\n{dateline}{PROSE}\n")
    assert parsed.author == author
    assert parsed.parts[0].text == dateline + PROSE


def test_dateline_does_not_override_a_byline() -> None:
    parsed = parse_txt(f"{TITLE}\nBy Jane Doe\n\nWASHINGTON (Reuters) - {PROSE}\n")
    assert parsed.author == "Jane Doe"


def test_leading_junk_is_kept_as_boilerplate_before_the_title() -> None:
    parsed = parse_txt(f"Skip to content\nHome | World | Sport\n{TITLE}\n{PROSE}\n")
    assert parsed.title == TITLE
    assert [(p.text, p.boilerplate) for p in parsed.parts] == [
        ("Skip to content", True),
        ("Home | World | Sport", True),
        (PROSE, False),
    ]


def test_hard_wrapped_title_does_not_swallow_the_byline() -> None:
    long_title = "Drought forces farmers in southern Spain to abandon their olive groves"
    para = " ".join([PROSE] * 4)
    import textwrap

    body = "\n".join(textwrap.wrap(para, 72))
    parsed = parse_txt(f"{long_title}\nBy Jane Doe\n{body}\n")
    assert parsed.title == long_title
    assert parsed.author == "Jane Doe"
    assert [p.text for p in parsed.parts] == [para]


def test_unwrapped_lines_are_not_joined() -> None:
    lines = [PROSE, "Opposition members said the plan would raise rents across the town."]
    parsed = parse_txt("\n".join([TITLE, *lines]))
    assert [p.text for p in parsed.parts] == lines


def test_empty_and_blank_input() -> None:
    for raw in ("", "\n\n", "   \r\n  "):
        parsed = parse_txt(raw)
        assert parsed.title == ""
        assert parsed.parts == []


# --- no text is ever lost --------------------------------------------------------------

_PIECES = re.compile(r"\s*\|\s*|(?:^|\s+)[•·](?:\s+|$)")
_READING_TIME = re.compile(r"^\d{1,3}\s*(min|mins|minutes?)(\s+read)?$", re.IGNORECASE)


def _header_material(line: str, parsed: Parsed) -> bool:
    """A header line: every piece is a date, a "By" or part of the recorded metadata."""
    meta_words = set()
    for value in (parsed.author, parsed.section, parsed.subtitle):
        meta_words.update(words(value or ""))
    for piece in (p for p in _PIECES.split(line) if p and p.strip()):
        if parse_date(piece) is not None or _READING_TIME.match(piece.strip()):
            continue
        name = byline(piece)
        if name is not None and set(words(name)) <= meta_words:
            continue
        dated = re.match(r"^(.+?)\s+by\s+(.+)$", piece, re.IGNORECASE)
        if dated and parse_date(dated[1]) and set(words(dated[2])) <= meta_words:
            continue
        if set(words(piece)) <= meta_words:
            continue
        return False
    return True


def _assert_no_text_lost(raw: str, parsed: Parsed) -> None:
    text, _ = assemble(parsed.parts)
    kept = [parsed.title, text, parsed.subtitle or "", parsed.section or "", parsed.author or ""]
    for line in normalize(raw).split("\n"):
        line = line.strip()
        if not line or any(line in place for place in kept):
            continue
        assert _header_material(line, parsed), f"lost: {line!r}"


_LINES = st.sampled_from(
    [
        TITLE,
        PROSE,
        "By",
        "AFP",
        "By Jane Doe | Reuters",
        "| Nov 23, 2024",
        "Published: 3 March 2023",
        "America",
        "READ MORE",
        "Council tax to rise by five per cent in every district next year",
        "Missing hiker found safe after three nights on the moor",
        "Follow us on Socials:",
        "Spread the love",
        "Home | World | Business | Sport",
        "We use cookies to improve your experience.",
        "- a bulleted item",
        "The options were:",
        "WASHINGTON (Reuters) - The Senate voted.",
        "x" * 70,
        "word " * 14,
        "",
    ]
)


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_parse_txt_never_raises_or_loses_text(raw: str) -> None:
    parsed = parse_txt(raw)
    _assert_no_text_lost(raw, parsed)


_WRAPPED_INTO_TITLE = [
    "Council tax to rise by five per cent in every district next year",
    "Missing hiker found safe after three nights on the moor",
    "Council approves harbour budget after long debate",
    "Council tax to rise by five per cent in every district next year",
    "By",
    "Council tax to rise by five per cent in every district next year",
    "Council approves harbour budget after long debate",
]


@given(
    st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=25),
    st.sampled_from(["\n", "\n\n", "\r\n"]),
)
@example(_WRAPPED_INTO_TITLE, "\n")
@example([TITLE, "By Jane Doe | Reuters", "READ MORE", TITLE, "By", "AFP", PROSE, PROSE], "\n")
@settings(max_examples=200, deadline=None)
def test_article_shaped_text_never_loses_text(lines: list[str], newline: str) -> None:
    raw = newline.join(lines)
    parsed = parse_txt(raw)
    _assert_no_text_lost(raw, parsed)


def test_line_joined_to_the_title_line_stays_readable_when_the_headline_becomes_the_title(
    tmp_path: Path,
) -> None:
    # Lines of one width look hard-wrapped, so the second line joins the first; the
    # headline repeated below then becomes the title, and the second line must not
    # vanish with the rest of the first.
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(_WRAPPED_INTO_TITLE), encoding="utf-8")
    article = load_article(path, tmp_path)
    assert article.title == _WRAPPED_INTO_TITLE[0]
    hiker = _WRAPPED_INTO_TITLE[1]
    folded = {article.block_text(b): b.reason for b in article.boilerplate_blocks}
    assert hiker in article.body_text or any(
        hiker in text and reason for text, reason in folded.items()
    )


def test_second_byline_under_the_repeated_headline_stays_in_the_text(tmp_path: Path) -> None:
    # The header under the first line already named an author; the byline under the
    # headline names another, and the reader must still see it.
    story = [PROSE, "Opposition members said the plan would raise rents across the town."]
    lines = [TITLE, "By Jane Doe | Reuters", "Home", "News", "Sport", TITLE, "By John Smith"]
    path = tmp_path / "two-bylines.txt"
    path.write_text("\n\n".join([*lines, *story]), encoding="utf-8")
    article = load_article(path, tmp_path)
    assert article.author == "Jane Doe, Reuters"
    assert "By John Smith" in article.body_text
    assert all(line in article.body_text for line in story)


def test_a_folded_page_header_says_why_it_was_folded():
    """`b` shows folded text under a "folded: …" line: the header run above the title too."""
    parsed = parse_txt(f"Home | News | Sport | Weather\nShare on Facebook\n{TITLE}\n{PROSE}\n")
    folded = [p for p in parsed.parts if p.boilerplate]
    assert [p.text for p in folded[:2]] == ["Home | News | Sport | Weather", "Share on Facebook"]
    assert all(p.reason for p in folded), [(p.text, p.reason) for p in folded]
