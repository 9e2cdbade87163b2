"""Saved web pages read as a person sees them: words apart, the whole story, the story's
own title, the site's name and the authors' names."""

from __future__ import annotations

import pytest

import reader.ingest.formats.html as html_format
from reader.ingest.formats.html import parse_html
from reader.ingest.formats.pagemeta import site_name

INTRO = "The harbour board met on Tuesday and agreed to reopen the north quay after two years of repairs."
OUTRO = "Work on the south quay is due to start in the spring, the board said in a statement on Wednesday."


def _page(body: str, head: str = "<title>Quay reopens | The Ellis Courier</title>") -> str:
    return f"<html><head>{head}</head><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"


def _texts(raw: str) -> list[str]:
    return [p.text for p in parse_html(raw).parts if not p.boilerplate]


def test_words_either_side_of_inline_tags_stay_apart() -> None:
    body = (
        f"<p>{INTRO}</p>"
        "<p>The coach was <b>sacked</b>\n<a href='/x'>last night</a> after the defeat at home against the leaders.</p>"
        "<div><strong>Fans will</strong> appreciate the decision, said one supporter who had followed the team for years.</div>"
        f"<p>{OUTRO}</p>"
    )
    text = " ".join(_texts(_page(body)))
    assert "sacked last night" in text
    assert "will appreciate" in text
    assert "sackedlast" not in text and "willappreciate" not in text


def test_bold_and_link_marks_stay_on_their_words_after_the_repair() -> None:
    body = f"<p>{INTRO}</p><p>The coach was <b>sacked</b>\n<a href='/x'>last night</a> after the defeat at home.</p><p>{OUTRO}</p>"
    part = next(p for p in parse_html(_page(body)).parts if "sacked" in p.text)
    styled = {m.style: part.text[m.start : m.end] for m in part.marks}
    assert styled == {"strong": "sacked", "link": "last night"}


@pytest.mark.parametrize(
    "head",
    [
        '<title>Quay reopens after two years - IGN</title><meta property="og:title" content="Quay reopens after two years - IGN"><meta property="og:site_name" content="IGN">',
        '<title>Quay reopens after two years | The Beachbody Blog</title><meta property="og:title" content="Quay reopens after two years | The Beachbody Blog">',
    ],
)
def test_title_drops_the_site_name(head: str) -> None:
    parsed = parse_html(
        _page(f"<h1>Quay reopens after two years</h1><p>{INTRO}</p><p>{OUTRO}</p>", head)
    )
    assert parsed.title == "Quay reopens after two years"


def test_title_that_is_the_site_header_gives_way_to_the_headline() -> None:
    head = '<title>한국일보 뉴스 홈</title><meta property="og:title" content="한국일보 뉴스 홈">'
    parsed = parse_html(_page(f"<h1>항구 재개장 소식</h1><p>{INTRO}</p><p>{OUTRO}</p>", head))
    assert parsed.title == "항구 재개장 소식"


def test_breadcrumb_like_site_name_becomes_the_site() -> None:
    head = '<title>Quay reopens</title><meta name="application-name" content="">'
    raw = _page(f"<p>{INTRO}</p><p>{OUTRO}</p>", head)
    parsed = parse_html(raw)
    assert site_name("Autoracing | F1 | Motorsport.com", None) == "Motorsport.com"
    assert parsed.title == "Quay reopens"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Condé Nast; Louise Matsakis", "Louise Matsakis"),
        ("JANE DOE", "Jane Doe"),
        ("JANE DOE; AFP", "Jane Doe, AFP"),
        ("Maria Santos", "Maria Santos"),
    ],
)
def test_authors_are_people_named_as_names(author: str, expected: str) -> None:
    head = f'<title>Quay reopens</title><meta name="author" content="{author}">'
    assert parse_html(_page(f"<p>{INTRO}</p><p>{OUTRO}</p>", head)).author == expected


def test_a_story_the_extractor_cut_short_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [
        f"Paragraph {n} of the long report says the quay was rebuilt with new piles, and the "
        f"engineers who checked it in week {n} said it would last another fifty years at least."
        for n in range(1, 31)
    ]
    raw = _page("<h1>Quay reopens</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs))
    real = html_format._extract_xml

    cut_short: list[bool] = []

    def first_third(*args, **kwargs):
        xml = real(*args, **kwargs)
        assert xml is not None
        cut_short.append(True)
        cut = xml.index(paragraphs[10][:30])
        return xml[: xml.rindex("<p>", 0, cut)] + "</main></doc>"

    monkeypatch.setattr(html_format, "_extract_xml", first_third)
    text = "\n".join(_texts(raw))
    assert cut_short  # the extractor's text was the one cut short
    for paragraph in paragraphs:
        assert paragraph in text


def test_a_control_character_between_scripts_leaves_the_page_readable() -> None:
    """The metadata reader (its date finder drops scripts) refuses a control character
    it meets in the text joined around them: the page is still read, without that
    metadata, and the reader sees no traceback."""
    parsed = parse_html("<script>x</script>&#x1b;<script>x</script>word")
    assert "word" in " ".join(part.text for part in parsed.parts)


def test_control_characters_in_a_page_show_as_symbols_as_in_a_text_file() -> None:
    """An escape sequence in a page's title or text, raw or as a character reference,
    shows as the symbols a .txt shows it with, not with its Esc silently dropped."""
    title = "Paste &#x1b;]52;c;cGFzdGU=&#x07; here"
    body = f"<p>{INTRO} Red \x1b[31mtext&#27;[0m and a bell&#7;.</p><p>{OUTRO}</p>"
    parsed = parse_html(_page(body, f"<title>{title}</title>"))
    assert parsed.title == "Paste ␛]52;c;cGFzdGU=␇ here"
    text = "\n".join(_texts(_page(body, f"<title>{title}</title>")))
    assert "Red ␛[31mtext␛[0m and a bell␇." in text
    # Tabs, line ends and form feeds are the page's spacing: kept as they are.
    assert parse_html(_page(f"<p>{INTRO}\t\r\n\x0c{OUTRO}</p>")).parts[0].text == f"{INTRO} {OUTRO}"
