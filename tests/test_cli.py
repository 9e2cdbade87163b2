"""The command line as a user runs it: output, JSON shapes and exit codes."""

import json
import subprocess
import sys

import pytest

from tests.conftest import AFP_ID, BUNDLED, OTHER_ID, cli_env

AFP_SENTENCES = [
    line
    for line in (BUNDLED / AFP_ID).read_text().splitlines()[5:]
    if line.endswith((".", '."', '".'))
]
JUNK = [
    "READ MORE",
    "Global hotels bet big on Maasai Mara as tourism earnings surge",
    "Kenya targets 5.5m international tourists in the next two years",
    "Obasanjo Criticises",
    "Further reading",
    "Follow\u00a0us\u00a0on Socials:",
    "Spread the love",
]


def reader(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_list_json_describes_both_seeds():
    result = reader("list", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    by_id = {a["id"]: a for a in data["articles"]}
    assert set(by_id) == {AFP_ID, OTHER_ID}
    afp, other = by_id[AFP_ID], by_id[OTHER_ID]
    assert afp["title"] == "NATO chief discusses 'global security' with Trump"
    assert afp["author"] == "AFP"
    assert afp["date"] == "2024-11-23"
    assert afp["source"] == "AFP"
    assert other["title"] == "NATO Chief Meets Trump to Discuss Global Security Threats"
    assert other["source"] == "Unattributed"
    for article in data["articles"]:
        assert {"id", "path", "title", "source", "author", "date", "url", "words", "sha256"} <= set(
            article
        )
        assert len(article["sha256"]) == 64
    assert data["skipped"] == []


def test_list_table_from_another_directory(tmp_path):
    result = reader("list", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SOURCE", "DATE", "TITLE", "WORDS"]
    assert any(line.startswith("AFP") and "2024-11-23" in line for line in lines)


def test_library_from_environment(tmp_path):
    (tmp_path / "Mine").mkdir()
    (tmp_path / "Mine" / "a.txt").write_text(
        "My own title\n\nA paragraph that is long enough to count.\n"
    )
    env = {**__import__("os").environ, "READER_LIBRARY": str(tmp_path)}
    data = json.loads(reader("list", "--json", env=env).stdout)
    assert [a["title"] for a in data["articles"]] == ["My own title"]


@pytest.mark.parametrize("article_id", [AFP_ID, OTHER_ID])
def test_show_prints_the_article_without_junk(article_id):
    result = reader("show", article_id)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for junk in JUNK:
        assert junk not in out
    if article_id == AFP_ID:
        for sentence in AFP_SENTENCES:
            assert sentence in out
    else:
        assert "Strategic Military Coordination Critical for NATO" in out
        assert "long-term security for both Europe and North America." in out


def test_show_all_includes_boilerplate():
    out = reader("show", "--all", AFP_ID).stdout
    assert "READ MORE" in out
    assert "Nedbank seeks controlling stake in NCBA Group" in out


def test_show_json_fields():
    result = reader("show", "--json", AFP_ID, OTHER_ID)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [AFP_ID, OTHER_ID]
    afp = records[0]
    assert afp["author"] == "AFP" and afp["date"] == "2024-11-23"
    assert "READ MORE" in afp["boilerplate"]
    assert "READ MORE" not in afp["text"]
    assert all(sentence in afp["text"] for sentence in AFP_SENTENCES)
    assert "\n\n" in afp["text"]


def test_show_a_file_by_path(tmp_path):
    path = tmp_path / "loose.md"
    path.write_text("# Loose note\n\nA note kept outside any library.\n")
    result = reader("show", str(path))
    assert result.returncode == 0
    assert result.stdout.startswith("Loose note")


def test_show_indents_every_line_of_a_quotation(tmp_path):
    page = tmp_path / "quoted.md"
    page.write_text(
        "# Quoted\n\nAn opening paragraph.\n\n"
        "> The first line of it,  \n> the second line of it.\n\nAfter it.\n"
    )
    result = reader("show", str(page))
    assert result.returncode == 0, result.stderr
    assert "▎ The first line of it,\n▎ the second line of it.\n" in result.stdout, result.stdout


def test_hostile_text_is_printed_literally(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(
        "[bold red]Title[/] \x1b]0;pwned\x07\n\nBody \x1b[31mred\x1b[0m text [link=file:///etc/passwd]x[/link].\n"
    )
    result = reader("show", str(path))
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "[bold red]Title[/]" in result.stdout
    assert "[link=file:///etc/passwd]x[/link]" in result.stdout
    assert "␛[31mred" in result.stdout


def test_version_and_help():
    version = reader("--version")
    assert version.returncode == 0 and version.stdout.startswith("reader ")
    helped = reader("--help")
    assert helped.returncode == 0 and "list" in helped.stdout and "show" in helped.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["list", "/no/such/library"], "library not found: /no/such/library"),
        (["show", "no/such/article.txt"], "no such article"),
        (["list", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["show"], "the following arguments are required"),
        (["/no/such/library"], "library not found"),
    ],
)
def test_errors_exit_2_with_one_line(args, message):
    result = reader(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_file_given_as_the_library_says_how_to_read_one_file(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Title\n\nBody.\n")
    result = reader(str(story))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"reader: error: library is not a directory: {story} (to read one file: reader show FILE)"
    ]


def test_every_command_takes_the_library_as_library_dir(library, tmp_path):
    """`reader review --library X` as `reader show --library X`: one spelling for all."""
    from reader.cli import COMMANDS

    (library / "Mine").mkdir()
    mine = "Mine/zanzibar-ferry.txt"
    (library / mine).write_text(
        "Zanzibar ferry\n\nThe Zanzibar ferry left the harbour on Monday morning.\n"
    )
    links = tmp_path / "instapaper.csv"
    links.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\nhttps://example.org/a,A,,Unread,1709287200,\n"
    )
    afp = "AFP/nato-chief-discusses-global-security.txt"
    runs = {
        "index": (["index"], ""),
        "list": (["list"], "Zanzibar ferry"),
        "search": (["search", "zanzibar"], "Zanzibar ferry"),
        "show": (["show", mine], "harbour"),
        "annotate": (["annotate", mine, "--quote", "harbour"], ""),
        "notes": (["notes"], mine),
        "export": (["export", "--article", mine], "harbour"),
        "review": (["review"], mine),
        "related": (["related", afp, "--json"], "["),
        "compare": (["compare", mine, afp, "--json"], "{"),
        "add": (["add", "--pending"], ""),  # nothing pending yet: nothing fetched
        "import": (["import", str(links)], ""),
    }
    assert set(runs) == set(COMMANDS)
    for name, (args, shown) in runs.items():
        done = subprocess.run(
            [sys.executable, "-m", "reader", *args, "--library", str(library)],
            capture_output=True,
            text=True,
            timeout=120,
            env=cli_env(),
        )
        assert done.returncode == 0, (name, done.stderr)
        assert shown in done.stdout, (name, done.stdout)
    both = subprocess.run(
        [sys.executable, "-m", "reader", "list", str(library), "--library", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert both.returncode == 2 and both.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "scripts.html",
            "<html><head><title>Only scripts</title><script>var a=1;</script></head></html>",
        ),
        ("front.md", "---\ntitle: Only front matter\n---\n"),
        ("empty-front.md", "---\n---\n"),
        ("author-only.md", "---\nauthor: Ann Lee\n---\n"),
    ],
)
def test_show_says_so_when_an_article_has_no_text(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    result = reader("show", str(path))
    assert result.returncode == 0
    assert result.stdout.rstrip().endswith("This article has no text.")


def test_show_says_so_when_all_of_an_article_is_folded(tmp_path):
    from dataclasses import replace

    from reader.cli.show_cmd import render
    from reader.ingest.formats import load_article

    path = tmp_path / "story.txt"
    path.write_text("A title\n\nA paragraph of ordinary prose here.\n")
    article = load_article(path, tmp_path)
    folded = replace(article, blocks=[replace(b, boilerplate=True) for b in article.blocks])
    assert render(folded).plain.rstrip().endswith("(--all shows it).")
    assert "ordinary prose" in render(folded, include_boilerplate=True).plain


def test_a_front_matter_field_left_out_is_named_by_list_show_and_index(library):
    bad = library / "Notes" / "bad-date.md"
    bad.parent.mkdir()
    bad.write_text("---\ntitle: Kept title\ndate: 2024-02-30\n---\n\nA paragraph of prose.\n")
    said = f'{bad}: front matter field "date" ignored (line 3: '

    listed = reader("list", str(library))
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == "reader: 1 file read with a field left out (reader index lists it)\n"
    assert "Kept title" in listed.stdout
    as_json = json.loads(reader("list", str(library), "--json").stdout)
    assert [(i["path"], i["reason"][:35]) for i in as_json["ignored"]] == [
        (str(bad), 'front matter field "date" ignored (')
    ]
    shown = reader("show", str(bad), "--library", str(library))
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr.startswith(said) and shown.stderr.count("\n") == 1, shown.stderr
    assert reader("index", str(library)).stdout.count(said) == 1

    bad.write_text("---\ntitle: Kept title\ndate: 2024-02-03\n---\n\nA paragraph of prose.\n")
    assert reader("list", str(library)).stderr == ""


def test_list_counts_the_files_skipped_in_one_line_and_index_lists_them(library):
    for name in ("empty.txt", "blank.md", "picture.png"):
        (library / name).write_text("" if name != "picture.png" else "PNG")
    listed = reader("list", str(library))
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == "reader: 3 files skipped (reader index lists them)\n"
    indexed = reader("index", str(library))
    assert sum(line.startswith("skipped ") for line in indexed.stdout.splitlines()) == 3


def test_list_shows_the_articles_in_the_order_of_the_apps_source_list(tmp_path):
    from reader.search import open_index

    root = tmp_path / "lib"
    files = {
        "tiny/Tiny 10.txt": "Tiny 10\n\nThe tenth of the tiny stories.\n",
        "tiny/Tiny 2.txt": "Tiny 2\n\nThe second of the tiny stories.\n",
        "tiny/old.md": "---\ntitle: Old tiny\ndate: 2020-01-01\n---\n\nAn old one.\n",
        "tiny/new.md": "---\ntitle: New tiny\ndate: 2024-01-01\n---\n\nA new one.\n",
        "beta/lower.txt": "Lower beta story\n\nFrom the folder in small letters.\n",
        "Beta/upper.txt": "Upper beta story\n\nFrom the folder with a capital.\n",
        "alpha/first.txt": "Alpha story\n\nThe first source of all.\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    expected = [
        "Alpha story",
        "Upper beta story",
        "Lower beta story",
        "New tiny",
        "Old tiny",
        "Tiny 2",
        "Tiny 10",
    ]
    for args in ([], ["--ids"]):
        listed = reader("list", str(root), *args)
        assert listed.returncode == 0, listed.stderr
        lines = listed.stdout.splitlines()[1:]
        assert [next(t for t in expected if t in line) for line in lines] == expected, args
    with open_index(root) as index:  # as the app lists them
        rows = index.listing().rows
    assert [title for _, title, _ in rows] == expected


def test_the_options_reader_help_lists_work_before_the_command(library, tmp_path):
    """`reader --library DIR list` as `reader list --library DIR`: --help lists them there."""
    listed = reader("--library", str(library), "list", env=cli_env())
    assert listed.returncode == 0, listed.stderr
    assert "NATO chief" in listed.stdout
    notes = tmp_path / "my notes"
    where = reader("--notes-dir", str(notes), "notes", "--where", env=cli_env())
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip() == str(notes)
    both = reader(f"--library={library}", "--notes-dir", str(notes), "notes", env=cli_env())
    assert both.returncode == 0, both.stderr
    # A command without notes says it has no such option, not "library not found: list".
    unused = reader("--notes-dir", str(notes), "show", AFP_ID, "--library", str(library))
    assert unused.returncode == 2
    assert unused.stderr.count("\n") == 1 and "--notes-dir" in unused.stderr, unused.stderr


def test_list_refuses_json_with_ids_in_one_line():
    done = reader("list", "--json", "--ids", str(BUNDLED))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "--ids" in done.stderr, done.stderr


def test_an_export_of_no_notes_says_so_and_exits_1_when_a_filter_matched_none(tmp_path):
    out = tmp_path / "out.json"
    done = reader("export", str(BUNDLED), "--format", "json", "-o", str(out), env=cli_env())
    assert done.returncode == 0  # no filter: a listing, empty
    assert done.stderr == f"0 notes written to {out}\nreader: no notes\n"
    assert json.loads(out.read_text())["total"] == 0  # the document, empty
    tagged = reader("export", str(BUNDLED), "--tag", "none", env=cli_env())
    assert (tagged.returncode, tagged.stdout) == (1, "# Notes\n")
    assert tagged.stderr == "reader: no notes match\n"
