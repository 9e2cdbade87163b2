"""Tables and numbered lists keep their shape: a numbered list's items show their numbers
(from the number it starts at), a table shows a line per row with its cells apart by
" │ " (aligned when it fits), in Markdown and in saved pages, in the app and in
`reader show`; search and notes work on a table's text."""

from __future__ import annotations

from pathlib import Path

from reader.cli.show_cmd import render
from reader.config import Config
from reader.ingest.formats import load_article
from reader.model import Mark
from reader.notes.anchoring import AnchorStatus, make_target, reanchor
from reader.search import LibraryIndex
from reader.text.find import FoldedText
from reader.tui.app import ReaderApp
from reader.tui.article.layout import layout_article
from tests.test_hostile import screen_text
from tests.test_markdown_lists import shown
from tests.tui.conftest import settle

TABLE = "| Name | Age | City |\n|------|----:|------|\n| Ann | 30 | Paris |\n| Bob | 4 | Oslo |\n"
PAGE = (
    "<html><head><title>Lists and tables</title></head><body><article>"
    "<h1>Lists and tables</h1>"
    "<p>The steps below are to be taken in this order, one after the other, always.</p>"
    "<ol><li>Open the box</li><li>Take out the parts</li><li>Read the manual</li></ol>"
    "<p>And the people who took part in the test, with their age and their city:</p>"
    "<table><thead><tr><th>Name</th><th>Age</th><th>City</th></tr></thead><tbody>"
    "<tr><td>Ann</td><td>30</td><td>Paris</td></tr>"
    "<tr><td>Bob</td><td>4</td><td>Oslo</td></tr></tbody></table>"
    "<p>That is all there is to say about the test and the people in it for now.</p>"
    "</article></body></html>"
)


def laid_out(tmp_path: Path, markdown: str, width: int = 60) -> list[str]:
    """The article's text lines as the article view shows them at `width` cells."""
    path = tmp_path / "doc.md"
    path.write_text("# Doc\n\n" + markdown)
    article = load_article(path, tmp_path)
    layout = layout_article(article, "", width)
    return [
        line.prefix + article.text[line.start : line.end] for line in layout.lines if line.is_text
    ]


def test_a_numbered_list_shows_its_numbers(tmp_path: Path):
    assert shown(tmp_path, "1. first\n2. second\n3. third\n") == [
        "1. first",
        "2. second",
        "3. third",
    ]


def test_a_numbered_list_starts_at_its_first_number(tmp_path: Path):
    markdown = "3. third\n3. fourth\n   - a point\n5. fifth\n\n- a bullet\n"
    assert shown(tmp_path, markdown) == [
        "3. third",
        "4. fourth",
        "   • a point",
        "5. fifth",
        "",
        "• a bullet",
    ]


def test_a_long_numbered_item_wraps_under_its_text(tmp_path: Path):
    lines = laid_out(tmp_path, "12. " + "word " * 20 + "\n")
    assert lines[0].startswith("12. word") and lines[1].startswith("    word")


def test_a_markdown_table_shows_a_line_per_row_with_its_columns_aligned(tmp_path: Path):
    assert shown(tmp_path, f"People:\n\n{TABLE}\nThe end.\n") == [
        "People:",
        "",
        "Name │ Age │ City",
        "Ann  │  30 │ Paris",  # the column aligned right, as written
        "Bob  │   4 │ Oslo",
        "",
        "The end.",
    ]


def test_a_table_header_is_bold_and_its_cells_keep_their_styles(tmp_path: Path):
    path = tmp_path / "t.md"
    path.write_text("# T\n\n| Flag | Means |\n|---|---|\n| `--all` | *every* block |\n")
    article = load_article(path, tmp_path)
    (block,) = article.blocks
    assert block.kind == "table" and not block.boilerplate
    text = article.block_text(block)
    assert text == "Flag  │ Means\n--all │ every block"
    assert Mark(0, len("Flag  │ Means"), "strong") in block.marks
    assert {text[m.start : m.end] for m in block.marks if m.style != "strong"} == {
        "--all",
        "every",
    }


def test_a_wide_table_is_not_padded_and_each_row_starts_a_line(tmp_path: Path):
    long = "a description that goes on for a good many words, more than a line holds"
    markdown = f"| Option | What it does |\n|---|---|\n| `--all` | {long} |\n| `-q` | quiet |\n"
    lines = laid_out(tmp_path, markdown)
    assert lines[0] == "Option │ What it does"
    assert lines[1].startswith("--all │ a description")
    assert lines[-1] == "-q │ quiet"


def test_a_table_of_thousands_of_rows_shows_a_line_per_row(tmp_path: Path):
    rows = "".join(f"| row {n} | {n * 7} |\n" for n in range(3000))
    path = tmp_path / "big.md"
    path.write_text(f"# Big\n\n| Row | Value |\n|---|---|\n{rows}")
    article = load_article(path, tmp_path)
    lines = [
        article.text[line.start : line.end]
        for line in layout_article(article, "", 80).lines
        if line.is_text
    ]
    assert len(lines) == 3001
    assert lines[0] == "Row      │ Value"
    assert lines[2999] == "row 2998 │ 20986"
    assert render(article).plain.split("\n")[3 + 2999] == "row 2998 │ 20986"


def test_search_find_and_notes_work_on_table_text(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    (root / "people.md").write_text(f"# People\n\nWho came along:\n\n{TABLE}")
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        index.update(workers=1)
        hits = index.search("Oslo").hits
        stored = index.article("people.md")
    article = load_article(root / "people.md", root)
    assert [hit.id for hit in hits] == ["people.md"] and "Oslo" in (hits[0].snippet or "")
    assert stored == article  # the table comes back from the index as it was read
    text = article.text
    (found,) = FoldedText(text).find_all("bob")
    start = text.index("Bob")
    assert found == (start, start + 3)
    target = make_target(text, start, text.index("Oslo") + 4)
    assert reanchor(text, target).status == AnchorStatus.EXACT


def test_numbers_come_back_from_the_index(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    (root / "steps.md").write_text("# Steps\n\n4. four\n5. five\n\n- dot\n")
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        index.update(workers=1)
        stored = index.article("steps.md")
    assert stored == load_article(root / "steps.md", root)
    assert [block.marker for block in stored.blocks] == ["4. ", "5. ", "• "]


def test_a_saved_page_keeps_its_numbered_list_and_its_table(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = load_article(path, tmp_path)
    lines = render(article).plain.split("\n")
    for line in ("1. Open the box", "2. Take out the parts", "3. Read the manual"):
        assert line in lines
    at = lines.index("Name │ Age │ City")
    assert lines[at : at + 3] == ["Name │ Age │ City", "Ann  │ 30  │ Paris", "Bob  │ 4   │ Oslo"]


async def test_the_app_shows_numbered_lists_and_tables(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    (root / "both.md").write_text(f"# Both\n\nSteps:\n\n2. two\n3. three\n\nPeople:\n\n{TABLE}")
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.open_article("both.md")
        await settle(pilot)
        screen = [line.strip(" ▌▕") for line in screen_text(app)]
        rows = [line.split("▕")[-1].strip(" ▌") for line in screen]
        for line in ("2. two", "3. three", "Name │ Age │ City", "Ann  │  30 │ Paris"):
            assert line in rows, "\n".join(rows)
