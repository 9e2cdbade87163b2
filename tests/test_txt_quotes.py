"""A plain-text file's quotation: lines starting with "> " one after the other are one
quotation, shown as Markdown's is (its ">" as the quote bar), while search, find and notes
keep the file's characters."""

from __future__ import annotations

from pathlib import Path

from reader.cli.show_cmd import render
from reader.ingest.formats import load_article
from reader.model import Article
from reader.notes.anchoring import AnchorStatus, make_target, reanchor
from reader.search import LibraryIndex
from reader.text.find import FoldedText
from reader.tui.article.layout import layout_article

TXT = (
    "A letter from home\n\n"
    "He wrote to me, and I give the letter in full here as he sent it to me:\n\n"
    "> Dear friend, the weather is fine.\n"
    "> We are all well here.\n\n"
    "That was all he said in the letter, and it was enough for the rest of us.\n"
)
# The same quotation in a file wrapped at 72 columns, as a mail's reply quotes it.
WRAPPED = (
    "A letter from home\n\n"
    "He wrote to me, and I give the letter in full here as he sent it to me on\n"
    "the day the first snow fell in the valley and the roads were all closed\n"
    "for a week, so that nobody could get to the town or back from it again.\n\n"
    "> Dear friend, the weather is fine and the children are out in the snow\n"
    "> all day, building a house of it that will stand until the spring, as\n"
    "> they say.\n\n"
    "That was all he said in the letter, and it was enough for the rest of us\n"
    "to know that they were well and that the house was warm in the winter.\n"
)


def txt_article(root: Path, text: str = TXT) -> Article:
    path = root / "letter.txt"
    path.write_text(text)
    return load_article(path, root)


def shown(article: Article, width: int = 80) -> list[str]:
    """The article's lines as the app shows them, a blank line as "", its quotation
    checked to be what `reader show` prints (at a width that wraps none of its lines)."""
    layout = layout_article(article, "", width)
    lines = [
        layout.shown(line) if line.is_text else ""
        for line in layout.lines
        if line.is_text or line.kind == "blank"
    ][1:-1]
    if width >= 100:
        quoted = [line for line in lines if line.startswith("▎")]
        printed = render(article).plain.split("\n")
        assert [line for line in printed if line.startswith("▎")] == quoted
    return lines


def test_lines_quoted_in_a_row_are_one_quotation_shown_with_the_quote_bar(tmp_path: Path):
    article = txt_article(tmp_path)
    quotes = [b for b in article.blocks if b.kind == "quote"]
    assert len(quotes) == 1
    assert article.block_text(quotes[0]) == (
        "> Dear friend, the weather is fine.\n> We are all well here."
    )
    assert shown(article, 100)[2:5] == [
        "▎ Dear friend, the weather is fine.",
        "▎ We are all well here.",
        "",
    ]


def test_a_hard_wrapped_quotation_is_not_run_into_one_line(tmp_path: Path):
    article = txt_article(tmp_path, WRAPPED)
    quotes = [article.block_text(b) for b in article.blocks if b.kind == "quote"]
    assert quotes == [
        "> Dear friend, the weather is fine and the children are out in the snow\n"
        "> all day, building a house of it that will stand until the spring, as\n"
        "> they say."
    ]
    lines = shown(article, 100)
    assert "▎ all day, building a house of it that will stand until the spring, as" in lines
    assert not any(">" in line for line in lines)


def test_a_long_quoted_line_wraps_under_the_quote_bar(tmp_path: Path):
    article = txt_article(tmp_path, TXT.replace("fine.", "fine " + "and warm " * 10 + "too."))
    lines = shown(article, 40)
    at = next(k for k, line in enumerate(lines) if line.startswith("▎ Dear friend"))
    quote = lines[at : lines.index("", at)]
    assert len(quote) > 3 and all(line.startswith("▎ ") for line in quote), quote
    assert quote[-1] == "▎ We are all well here."


def test_search_find_and_notes_work_on_a_quoted_line(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    article = txt_article(root)
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        index.update(workers=1)
        hits = index.search("weather").hits
        stored = index.article("letter.txt")
    assert [hit.id for hit in hits] == ["letter.txt"]
    assert stored == article  # the quotation comes back from the index as it was read
    text = article.text
    start = text.index("We are all")
    assert FoldedText(text).find_all("we are all well") == [(start, start + 15)]
    target = make_target(text, start, start + 15)
    assert reanchor(text, target).status == AnchorStatus.EXACT
    # The column of a word on screen is its place in the text, on either line.
    layout = layout_article(article, "", 60)
    for at in (start, text.index("Dear"), text.index("> We")):
        row, column = layout.point_for_offset(at)
        assert layout.offset_at(row, column) == at
        line = layout.line(row)
        assert layout.shown(line)[len(line.prefix) + column :].strip("▎ ") == (
            text[at : line.end].strip("> ")
        )


def test_a_note_made_when_each_quoted_line_was_a_paragraph_still_anchors(tmp_path: Path):
    article = txt_article(tmp_path)
    before = article.text.replace(".\n> We", ".\n\n> We")
    start = before.index("We are all well")
    target = make_target(before, start, start + 15)
    found = reanchor(article.text, target)
    assert found.status != AnchorStatus.ORPHANED
    assert article.text[found.start : found.end] == "We are all well"
