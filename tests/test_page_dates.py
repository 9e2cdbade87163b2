"""A saved page's date comes from what the page says is its date (meta tags, <time>,
JSON-LD, the URL, a date line), never from a year the story happens to mention."""

from __future__ import annotations

import pytest

from reader.ingest.formats.html import parse_html

STORY = (
    "<p>The harbour board met on Tuesday and agreed to reopen the north quay after two "
    "years of repairs, to the relief of the fishing crews who had moved south.</p>"
    "<p>Work on the south quay is due to start in the spring, the board said in a "
    "statement on Wednesday, and should last about a year.</p>"
)


def _page(body: str, head: str = "<title>Quay reopens</title>") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    "body",
    [
        f"<p>Population reached 2019 people in the town last winter.</p>{STORY}",
        f"{STORY}<p>The quay was first built in 1995.</p>",
        "<p>Paragraph 1995.</p>",
        "<p>Population reached 2019 people</p>",
        f"{STORY}<p>In March 2021 the board had voted against it.</p>",
    ],
)
def test_a_year_in_the_story_is_not_the_pages_date(body: str) -> None:
    assert parse_html(_page(body)).date is None


@pytest.mark.parametrize(
    ("head", "body", "date"),
    [
        (
            '<title>Quay reopens</title><meta property="article:published_time" '
            'content="2024-03-02T09:00:00Z">',
            STORY,
            "2024-03-02",
        ),
        (
            "<title>Quay reopens</title>",
            f'<time datetime="2023-11-05">5 Nov</time>{STORY}',
            "2023-11-05",
        ),
        (
            '<title>Quay reopens</title><script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2022-07-14T10:00:00Z"}</script>',
            STORY,
            "2022-07-14",
        ),
        (
            '<title>Quay reopens</title><link rel="canonical" '
            'href="https://courier.example/2021/06/09/quay-reopens">',
            STORY,
            "2021-06-09",
        ),
        ("<title>Quay reopens</title>", f'<p class="date">March 5, 2021</p>{STORY}', "2021-03-05"),
    ],
)
def test_the_pages_own_date_is_read(head: str, body: str, date: str) -> None:
    assert parse_html(_page(body, head)).date == date
