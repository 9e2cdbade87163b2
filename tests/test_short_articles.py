"""Short articles keep a body: the header (title, subtitle or standfirst, byline, date)
takes only what is one, and the words counted are the words of the body shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.formats import load_article
from reader.model import Article


def read(tmp_path: Path, name: str, text: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_article(path, tmp_path)


def shown_body(article: Article) -> list[str]:
    return [article.block_text(b) for b in article.body_blocks]


def test_two_short_lines_keep_the_second_as_the_body_not_as_a_subtitle(tmp_path):
    article = read(
        tmp_path,
        "friday.txt",
        "The meeting moves to Friday this week\nPlease bring the slides and the budget figures\n",
    )
    assert article.title == "The meeting moves to Friday this week"
    assert article.subtitle is None
    assert shown_body(article) == ["Please bring the slides and the budget figures"]
    assert article.words == 8


def test_a_title_and_one_short_line_under_it_keep_the_line_as_the_body(tmp_path):
    article = read(
        tmp_path, "friday.txt", "Meeting moved to Friday\n\nBring the slides and the figures\n"
    )
    assert article.title == "Meeting moved to Friday"
    assert shown_body(article) == ["Bring the slides and the figures"]
    assert article.words == 6


def test_a_standfirst_with_only_a_byline_under_it_is_the_body(tmp_path):
    article = read(
        tmp_path,
        "moved.txt",
        "Meeting moved\n\nThe meeting moves to Friday this week.\n\nBy Jane Doe\n",
    )
    assert (article.title, article.author, article.subtitle) == ("Meeting moved", "Jane Doe", None)
    assert shown_body(article) == ["The meeting moves to Friday this week."]
    assert article.words == 7


def test_a_section_name_with_only_a_byline_under_it_stays_in_the_body(tmp_path):
    article = read(tmp_path, "harbour.txt", "Harbour budget approved\nAmerica\nBy AFP\n")
    assert (article.author, article.section) == ("AFP", None)
    assert shown_body(article) == ["America"]


def test_a_standfirst_over_a_byline_and_a_story_is_still_the_subtitle(tmp_path):
    standfirst = "Ministers say the money will pay for new cranes."
    story = "The council voted on Tuesday to spend the harbour fund on cranes and a new quay."
    article = read(
        tmp_path, "cranes.txt", f"Harbour budget approved\n{standfirst}\nBy Jane Doe\n{story}\n"
    )
    assert (article.subtitle, article.author) == (standfirst, "Jane Doe")
    assert shown_body(article) == [story]


@pytest.mark.parametrize(
    "text",
    [
        "The council met on Tuesday to discuss the budget for next year.\n",
        "Shopping list\n",
        "Advertisement\n\nThe council met on Tuesday to discuss the budget for next year.\n",
    ],
)
def test_a_file_of_one_paragraph_is_all_body_under_the_file_name(tmp_path, text):
    article = read(tmp_path, "council-notes.txt", text)
    assert article.title == "council notes"
    last = text.strip().split("\n")[-1]
    assert shown_body(article) == [last]
    assert article.words == len(last.split())


def test_a_title_and_one_sentence_keep_the_sentence(tmp_path):
    article = read(tmp_path, "vote.txt", "Budget vote\nMembers agreed to postpone the vote.\n")
    assert article.title == "Budget vote"
    assert shown_body(article) == ["Members agreed to postpone the vote."]
    assert article.words == 6


def test_a_markdown_heading_and_a_list_keep_the_list(tmp_path):
    article = read(tmp_path, "list.md", "# Shopping\n\n- apples\n- pears\n- bread\n")
    assert article.title == "Shopping"
    assert shown_body(article) == ["apples", "pears", "bread"]
    assert article.words == 3


def test_a_page_of_one_paragraph_keeps_it(tmp_path):
    article = read(
        tmp_path, "one.html", "<html><body><p>The council met on Tuesday.</p></body></html>"
    )
    assert shown_body(article) == ["The council met on Tuesday."]
    assert article.words == 5


def test_a_tiny_page_keeps_its_paragraphs_apart_under_its_headline(tmp_path):
    page = (
        "<html><head><title>Budget talks</title></head><body>\n<h1>Budget talks</h1>\n"
        "<p>Members agreed to wait.</p>\n<p>The vote is next month.</p>\n</body></html>"
    )
    article = read(tmp_path, "talks.html", page)
    assert article.title == "Budget talks"
    assert shown_body(article) == ["Members agreed to wait.", "The vote is next month."]
    assert article.words == 9


@pytest.mark.parametrize(
    "text",
    [
        "My note\n\nJust some plain text that I wrote down.\n\nSecond line\n",
        "My note\nJust some plain text that I wrote down today, about the weather and the "
        "garden, and what the neighbours said over the fence.\nThird\n",
        "Errands\n\nBuy milk and eggs on the way home, then the paper.\n\nCall mum\n\n"
        "Pay the rent\n\nFeed the cat\n",
    ],
)
def test_a_tiny_text_with_no_chrome_keeps_every_line(tmp_path, text):
    article = read(tmp_path, "tiny.txt", text)
    lines = [line for line in text.splitlines() if line][1:]
    assert shown_body(article) == lines
    assert not any(block.boilerplate for block in article.body_blocks)


def test_a_short_saved_page_repeating_its_title_still_folds_its_header(tmp_path):
    story = (
        "Island lockt auch im Winter: Abfahrten über unberührte Hänge, und noch keine Spur "
        "vom Massenskitourismus im Norden der Insel."
    )
    text = (
        "Auf den Spuren des Trolls – Columbus entdeckt\n\nColumbus entdeckt\n\n"
        f"Die besten Reisegeschichten\n\nAuf den Spuren des Trolls\n\n{story}\n"
    )
    article = read(tmp_path, "trolls.txt", text)
    assert shown_body(article) == [story]
