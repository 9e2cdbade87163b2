"""Export presets that other tools import as they are: Hypothesis, Readwise, KOReader,
Obsidian and Logseq. Expectations are written by hand from each tool's documented shape."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

from reader.notes.export import export, export_pages
from reader.notes.export.pages import page_name
from reader.notes.placement import Annotations
from reader.notes.records import collect
from reader.notes.store import NotesStore
from reader.session import Session

# An article whose title, text and notes carry everything Markdown, CSV and JSON could
# trip on: quotes, commas, pipes, `]]`, `[[links]]`, `#tags`, `%%`, `key:: value`, `$`,
# `==marks==`, HTML, a line that starts like a list.
STORY = """\
---
title: "Kyiv, \\"the capital\\" | [[ledger]] ]] <b>bold</b>"
author: Jane Doe
url: https://example.com/kyiv
tags: [war]
---

# Kyiv

## The first chapter

The city woke to sirens, and "the mayor" said: stay inside | wait ]] for [[news]], #now.

## The second chapter

- the markets opened at 9
- key:: value and 100%% of shops traded $5 for ==bread==.
"""
TITLE = 'Kyiv, "the capital" | [[ledger]] ]] <b>bold</b>'
MAYOR = '"the mayor" said: stay inside | wait ]] for [[news]], #now.'
MARKETS = "the markets opened at 9\n\nkey:: value and 100%% of shops traded $5 for ==bread=="
HOSTILE_NOTE = 'Line one, "quoted"\n- not a list\n%% reader:end %%\n<script>x</script>'
ARTICLE_ID = "Site/kyiv.md"


@pytest.fixture
def kyiv(tmp_path):
    """A library with the article and two notes on it: (session, note ids)."""
    library = tmp_path / "kyiv-library"
    (library / "Site").mkdir(parents=True)
    (library / "Site" / "kyiv.md").write_text(STORY, encoding="utf-8")
    session = Session(library, notes_dir=tmp_path / "notes")
    session.update_index()
    article = session.article(ARTICLE_ID)
    assert article is not None and article.title == TITLE
    notes = Annotations(NotesStore(tmp_path / "notes"))
    start = article.text.index(MAYOR)
    mayor = notes.add(
        article,
        start,
        start + len(MAYOR),
        note=HOSTILE_NOTE,
        tags=["deux mots", "war"],
        color="pink",
    )
    start = article.text.index(MARKETS)
    markets = notes.add(article, start, start + len(MARKETS))
    return session, mayor, markets


def records_of(session):
    found, problems = collect(session.annotations.store, session.article)
    assert problems == []
    return found


def test_hypothesis_export_has_the_shape_hypothesis_imports(kyiv):
    session, mayor, _markets = kyiv
    data = json.loads(export(records_of(session), "hypothesis"))
    assert set(data) == {"export_date", "export_userid", "client_version", "annotations"}
    assert isinstance(data["annotations"], list) and len(data["annotations"]) == 2
    first = data["annotations"][0]
    start = session.article(ARTICLE_ID).text.index(MAYOR)
    assert first == {
        "id": mayor.id,
        "created": first["created"],
        "updated": first["updated"],
        "uri": "https://example.com/kyiv",
        "text": HOSTILE_NOTE,
        "tags": ["deux mots", "war"],
        "document": {"title": [TITLE]},
        "target": [
            {
                "source": "https://example.com/kyiv",
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": MAYOR,
                        "prefix": mayor.target.prefix,
                        "suffix": mayor.target.suffix,
                    },
                    {"type": "TextPositionSelector", "start": start, "end": start + len(MAYOR)},
                ],
            }
        ],
        # No Hypothesis user nor group: its import makes them the importer's, private.
        "permissions": {"read": [], "update": [], "delete": []},
        "hidden": False,
        "flagged": False,
    }
    assert mayor.target.prefix.endswith("sirens, and ")
    for item in data["annotations"]:
        for stamp in (item["created"], item["updated"]):
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", stamp)
    assert data["annotations"][1]["target"][0]["selector"][0]["exact"] == MARKETS


def test_hypothesis_uri_is_the_file_when_the_article_has_no_url(library, tmp_path):
    session = Session(library, notes_dir=tmp_path / "notes")
    session.update_index()
    article = session.article("AFP/nato-chief-discusses-global-security.txt")
    start = article.text.index("Palm Beach")
    session.annotations.add(article, start, start + 10)
    [item] = json.loads(export(records_of(session), "hypothesis"))["annotations"]
    assert item["uri"] == Path(article.path).as_uri() == item["target"][0]["source"]


def test_readwise_csv_is_exactly_the_template(kyiv):
    session, mayor, _markets = kyiv
    text = export(records_of(session), "readwise")
    assert text.splitlines()[0] == "Highlight,Title,Author,URL,Note,Location,Date"
    rows = list(csv.reader(io.StringIO(text)))
    article = session.article(ARTICLE_ID)
    assert rows[1] == [
        MAYOR,
        TITLE,
        "Jane Doe",
        "https://example.com/kyiv",
        ".deux_mots .war\n" + HOSTILE_NOTE,  # Readwise's inline tags, a line before the note
        str(article.text.index(MAYOR)),
        mayor.created.strftime("%Y-%m-%d %H:%M:%S"),
    ]
    assert rows[2][0] == MARKETS and rows[2][4] == ""
    # Quotes doubled inside a quoted field, commas and newlines kept inside it.
    assert '"""the mayor"" said: stay inside | wait ]] for [[news]], #now."' in text
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[2][6])


def test_koreader_json_has_title_author_and_highlight_entries(kyiv):
    session, mayor, markets = kyiv
    data = json.loads(export(records_of(session), "koreader"))
    article = session.article(ARTICLE_ID)
    assert data["title"] == TITLE and data["author"] == "Jane Doe"
    assert isinstance(data["created_on"], int) and data["version"]
    assert data["entries"] == [
        {
            "sort": "highlight",
            "text": MAYOR,
            "note": HOSTILE_NOTE,
            "chapter": "The first chapter",
            "time": int(mayor.created.timestamp()),
            "drawer": "lighten",
            "color": "red",
            "pos0": article.text.index(MAYOR),
            "pos1": article.text.index(MAYOR) + len(MAYOR),
        },
        {
            "sort": "highlight",
            "text": MARKETS,
            "note": "",
            "chapter": "The second chapter",
            "time": int(markets.created.timestamp()),
            "drawer": "lighten",
            "color": "yellow",
            "pos0": article.text.index(MARKETS),
            "pos1": article.text.index(MARKETS) + len(MARKETS),
        },
    ]


def test_koreader_json_of_several_articles_lists_documents(kyiv, library):
    session, *_ = kyiv
    other = Session(library, notes_dir=session.notes_dir)
    other.update_index()
    article = other.article("AFP/nato-chief-discusses-global-security.txt")
    start = article.text.index("Palm Beach")
    other.annotations.add(article, start, start + 10)
    records = records_of(session) + records_of(other)
    data = json.loads(export(records, "koreader"))
    assert {d["title"] for d in data["documents"]} >= {TITLE}
    assert all(e["sort"] == "highlight" for d in data["documents"] for e in d["entries"])


# Obsidian ------------------------------------------------------------------------------


def obsidian_page(folder: Path) -> Path:
    [page] = [p for p in folder.rglob("*.md") if "reader:begin" in p.read_text()]
    return page


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_obsidian_page_has_front_matter_and_quote_blocks_with_block_ids(kyiv, tmp_path):
    session, _mayor, _markets = kyiv
    vault = tmp_path / "vault"
    report = export_pages(records_of(session), "obsidian", vault)
    assert len(report.created) == 1 and not report.failed
    page = obsidian_page(vault)
    # The file name keeps the title's words, none of the characters Obsidian refuses.
    assert page.name == "Kyiv, the capital ledger b bold b.md"
    text = page.read_text()
    assert front_matter(text) == {
        "title": TITLE,
        "source": "Site",
        "author": "Jane Doe",
        "url": "https://example.com/kyiv",
        "tags": ["war", "deux-mots"],
    }
    mayor_id, markets_id = re.findall(r"^\^(hl-[0-9a-f]{10})$", text, re.MULTILINE)
    assert mayor_id != markets_id
    # The quote shown as typed: nothing in it links, tags, or ends reader's region.
    assert (
        r'> "the mayor" said: stay inside \| wait \]\] for \[\[news\]\], \#now.' + "\n\n"
        f"^{mayor_id}\n\n"
        r'Line one, "quoted"' + "\n"
        r"\- not a list" + "\n"
        r"\%\% reader:end \%\%" + "\n"
        r"\<script\>x\</script\>" + "\n\n"
        "#deux-mots #war\n"
    ) in text
    assert "> the markets opened at 9\n>\n> key\\:\\: value and 100\\%\\% of shops" in text
    assert "traded \\$5 for \\=\\=bread\\=\\=" in text
    assert text.count("%% reader:end %%") == 1


def test_obsidian_block_ids_are_the_same_in_every_export(kyiv, tmp_path):
    session, *_ = kyiv
    first = tmp_path / "one"
    second = tmp_path / "two"
    export_pages(records_of(session), "obsidian", first)
    export_pages(records_of(session), "obsidian", second)
    ids = [re.findall(r"\^hl-[0-9a-f]+", obsidian_page(d).read_text()) for d in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) == 2


def test_obsidian_reexport_keeps_what_the_user_wrote_around_reader_s_part(kyiv, tmp_path):
    session, mayor, _markets = kyiv
    vault = tmp_path / "vault"
    export_pages(records_of(session), "obsidian", vault)
    page = obsidian_page(vault)
    original = page.read_text()
    head, rest = original.split("%% reader:begin", 1)
    mine = head.replace("tags:\n", "rating: 5\ntags:\n") + "# My reading\n\nThoughts first.\n\n"
    page.write_text(mine + "%% reader:begin" + rest + "\nMy summary, below.\n")
    # The user moves the page into a folder of their own and renames it.
    (vault / "Reading").mkdir()
    moved = vault / "Reading" / "Kyiv notes.md"
    page.rename(moved)
    session.annotations.edit(ARTICLE_ID, mayor, note="A better note", tags=["war"])

    report = export_pages(records_of(session), "obsidian", vault)

    assert report.updated == [moved] and not report.created
    assert [p.name for p in vault.rglob("*.md")] == ["Kyiv notes.md"]
    text = moved.read_text()
    assert text.startswith(mine)
    assert text.endswith("%% reader:end %%\n\nMy summary, below.\n")
    assert "A better note" in text and "not a list" not in text
    assert front_matter(text)["rating"] == 5
    again = export_pages(records_of(session), "obsidian", vault)
    assert again.unchanged == [moved] and moved.read_text() == text


def test_obsidian_never_touches_a_file_it_did_not_write(kyiv, tmp_path):
    session, *_ = kyiv
    vault = tmp_path / "vault"
    vault.mkdir()
    theirs = vault / "Kyiv, the capital ledger b bold b.md"
    theirs.write_text("My own page with the same name.\n")
    export_pages(records_of(session), "obsidian", vault)
    assert theirs.read_text() == "My own page with the same name.\n"
    assert obsidian_page(vault).name == "Kyiv, the capital ledger b bold b (2).md"


@pytest.mark.parametrize(
    "title, article_id, name",
    [
        ("...", "Blog/dots.md", "dots"),
        ("a/b\\c: d? [[e]] #f ^g | %h", "x.txt", "a b c d e f g h"),
        ("é" * 100, "x.txt", "é" * 60),  # at most 120 bytes
        ("", ".outside/home/me/.hidden.txt", "hidden"),
    ],
)
def test_page_file_names_are_safe_and_never_empty(title, article_id, name):
    assert page_name(title, article_id) == name


def test_obsidian_page_with_broken_markers_is_left_as_it_is(kyiv, tmp_path):
    session, *_ = kyiv
    vault = tmp_path / "vault"
    export_pages(records_of(session), "obsidian", vault)
    page = obsidian_page(vault)
    broken = page.read_text().replace("%% reader:end %%", "(deleted by hand)")
    page.write_text(broken)
    report = export_pages(records_of(session), "obsidian", vault)
    assert report.failed and report.failed[0][0] == page
    assert page.read_text() == broken


# Logseq --------------------------------------------------------------------------------

PROPERTY = re.compile(r"^\s*([\w-]+):: ")


def test_logseq_page_has_properties_and_blocks_with_stable_uuids(kyiv, tmp_path):
    session, _mayor, _markets = kyiv
    graph = tmp_path / "pages"
    export_pages(records_of(session), "logseq", graph)
    [page] = graph.glob("*.md")
    text = page.read_text()
    head, blocks = text.split("\n\n", 1)
    assert head.splitlines() == [
        f"title:: {TITLE}",  # as typed: Logseq reads no link nor tag in a title
        "source:: Site",
        "author:: Jane Doe",
        "url:: https://example.com/kyiv",
        "tags:: [[war]], [[deux mots]]",
        "reader-id:: Site/kyiv.md",
    ]
    ids = re.findall(r"^  id:: (\S+)$", blocks, re.MULTILINE)
    assert len(ids) == 2 and all(uuid.UUID(i) for i in ids) and ids[0] != ids[1]
    assert blocks.startswith(
        r'- > "the mayor" said: stay inside \| wait \]\] for \[\[news\]\], \#now.' + "\n"
        f"  id:: {ids[0]}\n"
        "  tags:: [[deux mots]], [[war]]\n"
        '\t- Line one, "quoted"\n'
        "\t  \\- not a list\n"
    )
    # No line of the article's text or the note turns into a property or a block.
    keys = [m.group(1) for line in text.splitlines() if (m := PROPERTY.match(line))]
    assert set(keys) <= {"title", "source", "author", "url", "tags", "reader-id", "id"}
    assert "  > key\\:\\: value" in blocks
    export_pages(records_of(session), "logseq", tmp_path / "again")
    [again] = (tmp_path / "again").glob("*.md")
    assert re.findall(r"^  id:: (\S+)$", again.read_text(), re.MULTILINE) == ids


def test_logseq_reexport_rewrites_its_own_page_only(kyiv, tmp_path):
    session, mayor, _ = kyiv
    graph = tmp_path / "pages"
    graph.mkdir()
    theirs = graph / "Kyiv, the capital ledger b bold b.md"
    theirs.write_text("- my own block\n")
    export_pages(records_of(session), "logseq", graph)
    session.annotations.edit(ARTICLE_ID, mayor, note="Changed")
    report = export_pages(records_of(session), "logseq", graph)
    assert len(report.updated) == 1 and not report.created
    assert theirs.read_text() == "- my own block\n"
    assert "\t- Changed" in report.updated[0].read_text()


# The command line ----------------------------------------------------------------------


def run_reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_exports_each_preset(kyiv, tmp_path):
    session, *_ = kyiv
    base = ["export", str(session.root), "--notes-dir", str(session.notes_dir)]
    readwise = run_reader(*base, "--format", "readwise")
    assert readwise.returncode == 0, readwise.stderr
    assert readwise.stdout.startswith("Highlight,Title,Author,URL,Note,Location,Date\n")
    out = tmp_path / "h.json"
    hypothesis = run_reader(*base, "--format", "hypothesis", "-o", str(out))
    assert hypothesis.returncode == 0, hypothesis.stderr
    assert len(json.loads(out.read_text())["annotations"]) == 2
    vault = tmp_path / "vault"
    obsidian = run_reader(*base, "--format", "obsidian", "-o", str(vault))
    assert obsidian.returncode == 0, obsidian.stderr
    assert obsidian.stderr == f"2 notes written to {vault} (1 new)\n"
    assert run_reader(*base, "--format", "obsidian", "-o", str(vault)).stderr.endswith(
        "(1 unchanged)\n"
    )


def test_cli_folder_preset_without_a_folder_says_so_in_one_line(kyiv, tmp_path):
    session, *_ = kyiv
    base = ["export", str(session.root), "--notes-dir", str(session.notes_dir)]
    missing = run_reader(*base, "--format", "logseq")
    assert missing.returncode == 2
    assert missing.stderr == (
        "reader: error: logseq writes a page per article into a folder: add -o DIR\n"
    )
    a_file = tmp_path / "file.md"
    a_file.write_text("mine\n")
    onto_file = run_reader(*base, "--format", "obsidian", "-o", str(a_file))
    assert onto_file.returncode == 2 and len(onto_file.stderr.splitlines()) == 1
    assert "Traceback" not in onto_file.stderr and a_file.read_text() == "mine\n"


@pytest.mark.parametrize(
    "title, name",
    [
        ("Invoice \u202egpj.exe", "Invoice gpj.exe"),  # right-to-left override
        ("\u202a\u202b\u202c\u202d\u2066a\u2067b\u2068c\u2069 \u200e\u200f\u061cd", "abc d"),
        ("Zero\u200bwidth\u2060 soft\u00adhyphen\ufeff", "Zerowidth softhyphen"),
        ("C1\x85controls\x9b31m and\u2028lines\u2029here", "C1 controls 31m and lines here"),
        (
            "Family \U0001f468\u200d\U0001f469\u200d\U0001f467",
            "Family \U0001f468\u200d\U0001f469\u200d\U0001f467",
        ),
        ("\u202e\u200b", "x"),  # nothing left: the article's file name
    ],
)
def test_page_file_names_have_no_bidi_control_or_format_characters(title, name):
    assert page_name(title, "Site/x.md") == name


@pytest.mark.parametrize("preset", ["obsidian", "logseq"])
def test_a_title_made_to_spoof_a_file_name_is_exported_under_a_plain_one(tmp_path, preset):
    library = tmp_path / "library"
    (library / "Site").mkdir(parents=True)
    spoof = 'title: "Invoice \\u202egpj.exe"'  # (a YAML escape)
    story = re.sub(r"^title: .*$", lambda _: spoof, STORY, count=1, flags=re.MULTILINE)
    assert story != STORY
    (library / "Site" / "kyiv.md").write_text(story, encoding="utf-8")
    session = Session(library, notes_dir=tmp_path / "notes")
    session.update_index()
    article = session.article(ARTICLE_ID)
    assert article is not None and article.title == "Invoice \u202egpj.exe"
    start = article.text.index(MAYOR)
    Annotations(NotesStore(tmp_path / "notes")).add(article, start, start + len(MAYOR))
    folder = tmp_path / preset
    report = export_pages(records_of(session), preset, folder)
    assert [p.name for p in report.created] == ["Invoice gpj.exe.md"]


FORMULAS = ['=HYPERLINK("http://x","click")', "=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("preset", ["csv", "readwise"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_a_quote(kyiv, preset):
    session, *_ = kyiv
    article = session.article(ARTICLE_ID)
    notes = Annotations(NotesStore(session.notes_dir))
    start = article.text.index(MARKETS)
    for formula in FORMULAS:
        notes.add(article, start, start + len(MARKETS), note=formula)
    rows = list(csv.DictReader(io.StringIO(export(records_of(session), preset))))
    column = "note" if preset == "csv" else "Note"
    written = {row[column] for row in rows}
    # (Readwise's notes are on one line: "\tx" is "x" there.)
    kept = FORMULAS if preset == "csv" else [f for f in FORMULAS if not f[0].isspace()]
    assert {f"'{formula}".replace("\r", "\n") for formula in kept} <= written
    assert not any(
        cell[:1] in ("=", "+", "-", "@", "\t", "\r") for r in rows for cell in r.values()
    )


@pytest.mark.parametrize("preset", ["yaml", "json", "markdown"])
def test_other_formats_keep_a_note_that_looks_like_a_formula_as_it_is(kyiv, preset):
    session, *_ = kyiv
    article = session.article(ARTICLE_ID)
    start = article.text.index(MARKETS)
    Annotations(NotesStore(session.notes_dir)).add(
        article, start, start + len(MARKETS), note="=1+1"
    )
    text = export(records_of(session), preset)
    assert "=1+1" in text and "'=1+1" not in text


# A note and tags a Markdown reader would act on: a setext heading, a heading, a list
# item, a numbered item, a quote, a rule, emphasis, a link.
MARKDOWN_NOTE = "line2\n---\n# heading\n-leading dash\n1. one\n> quoted\n***\n*em* [x](y)"
MARKDOWN_TAGS = ["a,b", '"q"', "#Hash"]


def rendered_blocks(markdown: str) -> tuple[list[str], str]:
    """The kinds of block a Markdown renderer makes of the text, and the text it shows."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    kinds = [t.type for t in tokens if t.nesting == 1 or t.type == "hr"]
    shown = "\n".join(
        "".join(
            child.content for child in t.children or [] if child.type in ("text", "code_inline")
        )
        for t in tokens
        if t.type == "inline"
    )
    return kinds, shown


def test_markdown_export_shows_notes_and_quotes_as_typed(kyiv):
    session, *_ = kyiv
    article = session.article(ARTICLE_ID)
    start = article.text.index(MAYOR)
    Annotations(NotesStore(session.notes_dir)).add(
        article, start, start + len(MAYOR), note=MARKDOWN_NOTE, tags=MARKDOWN_TAGS
    )
    markdown = export(records_of(session), "markdown")
    kinds, shown = rendered_blocks(markdown)
    # Only reader's own headings (the document's, the article's); the notes' lines are
    # paragraphs, the quotes quote blocks: no heading, list or rule of theirs.
    assert kinds.count("heading_open") == 2
    assert not {"bullet_list_open", "ordered_list_open", "hr"} & set(kinds)
    for line in MARKDOWN_NOTE.splitlines():
        assert line in shown
    assert HOSTILE_NOTE.splitlines()[1] in shown  # "- not a list"
    assert MAYOR in shown and TITLE in shown
    # The tags as the Obsidian export writes them: each one tag to a Markdown app.
    tag_line = next(line for line in markdown.splitlines() if line.startswith("#a"))
    assert tag_line == "#a-b #-q- #Hash"


def rendered_lines(markdown: str) -> list[str]:
    """The lines a Markdown renderer shows: a soft line break is a space, a hard one
    starts a new line, and each block starts one."""
    from markdown_it import MarkdownIt

    shown: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            breaks = {"softbreak": " ", "hardbreak": "\n"}
            text = "".join(breaks.get(child.type, child.content) for child in token.children or [])
            shown.extend(text.splitlines())
    return shown


def test_markdown_export_keeps_a_notes_lines_as_lines(kyiv):
    session, *_ = kyiv
    article = session.article(ARTICLE_ID)
    start = article.text.index(MAYOR)
    note = "first thought\nsecond thought\n\na new paragraph\nends here \\"
    Annotations(NotesStore(session.notes_dir)).add(article, start, start + len(MAYOR), note=note)
    shown = rendered_lines(export(records_of(session), "markdown"))
    for line in [*note.splitlines(), *HOSTILE_NOTE.splitlines()]:
        if line:
            assert line in shown, shown


def test_csv_tags_cell_reads_back_as_the_same_tags(kyiv):
    session, *_ = kyiv
    article = session.article(ARTICLE_ID)
    start = article.text.index(MAYOR)
    tags = ["a,b", "c", 'say "hi"', " spaced "]
    Annotations(NotesStore(session.notes_dir)).add(
        article, start, start + len(MAYOR), note="tagged", tags=tags
    )
    rows = list(csv.DictReader(io.StringIO(export(records_of(session), "csv"))))
    cells = {row["note"]: row["tags"] for row in rows}
    assert cells[HOSTILE_NOTE] == "deux mots, war"  # plain tags as they always were
    [read_back] = csv.reader([cells["tagged"]], skipinitialspace=True)
    assert read_back == tags
