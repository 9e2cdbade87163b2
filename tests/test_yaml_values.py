"""YAML that parses but whose values cannot be built (an impossible date, a number of
thousands of digits, `!!float abc`, nesting thousands deep) is a broken file like any
other: reported by name and line, never overwritten, and everything else keeps working.
In a notes file, such a value in a note makes only that note one that cannot be read:
named by its line and kept as written, the file's other notes load and can be edited.

Every loader of YAML the user controls is fed such values: the safe loader itself, notes
files, the config file, saving the theme into it, and Markdown front matter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.config import load_config, save_theme
from reader.errors import ArticleError, NotesFileError, ReaderError, YamlError
from reader.infra.yamlsafe import load_yaml
from reader.ingest.formats import load_article
from reader.notes import parse_notes
from reader.notes.schema import Annotation, ArticleRef, Target
from reader.notes.store import NotesStore
from tests.conftest import AFP_ID

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values a YAML parser accepts but cannot always turn into Python objects, in flow style
# so that they fit after any `key: `.
ODD_VALUES = [
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "2024-02-30T08:01:02Z",
    "2024-01-01 00:00:00 +99:00",
    "0001-01-01 00:00:00 +05:00",
    "9999-12-31 23:59:59 -05:00",
    "9" * 4400,
    "-" + "1" * 5000,
    "0x" + "f" * 5000,
    "0b" + "1" * 20000,
    "0o" + "7" * 6000,
    "1:" * 400 + "1",
    "1_000_000",
    "1e99999",
    "!!float abc",
    "!!float .",
    "!!float [1]",
    "!!int abc",
    "!!int 0x",
    "!!int 0b",
    "!!int " + "9" * 4400,
    "!!bool maybe",
    "!!null nothing",
    "!!binary xyz",
    "!!binary aGVsbG8=",
    "!!timestamp x",
    "!!timestamp 2024-02-30",
    "!!set {a, b}",
    "!!set [1]",
    "!!omap [a: 1, b: 2]",
    "!!omap [1]",
    "!!pairs [a: 1]",
    "!!str [1]",
    "!!map [1]",
    "!!seq {a: 1}",
    "!!python/object/apply:os.system [echo]",
    "!custom x",
    "{<<: 1}",
    "{<<: [1]}",
    "{? [a]: 1}",
    "{? {a: 1}: 1}",
    "[" * 3000 + "]" * 3000,
    "{a: " * 3000 + "1" + "}" * 3000,
    ".nan",
    "-.inf",
    "~",
    "'*'",
]
odd_values = st.sampled_from(ODD_VALUES)
# An alias-free `*` somewhere sends the text through the slower, alias-refusing loader.
star = st.sampled_from(["", "star: '*'\n"])

NOTES_FIELDS = [
    "schema_version",
    "article.id",
    "article.title",
    "article.extra",
    "created",
    "modified",
    "tags",
    "color",
    "note",
    "start",
    "end",
    "deleted",
    "rating",
    "extra",
]


def notes_text(field: str, value: str, extra: str = "") -> str:
    """A valid notes file with `value` put in place of `field`."""
    fields = {name: None for name in NOTES_FIELDS}
    fields[field] = value

    def put(name: str, default: str) -> str:
        return default if fields[name] is None else fields[name]

    return (
        f"schema_version: {put('schema_version', '1')}\n"
        f"{extra}"
        "article:\n"
        f"  id: {put('article.id', 'AFP/story.txt')}\n"
        f"  title: {put('article.title', 'Story')}\n"
        f"  publisher: {put('article.extra', 'AFP')}\n"
        "annotations:\n"
        "- id: 5c1d9f0a-0000-4000-8000-000000000001\n"
        f"  created: {put('created', '2026-11-26T08:01:02Z')}\n"
        f"  modified: {put('modified', '2026-11-26T08:01:02Z')}\n"
        f"  tags: {put('tags', '[a]')}\n"
        f"  color: {put('color', 'green')}\n"
        f"  note: {put('note', 'plain')}\n"
        f"  rating: {put('rating', '5')}\n"
        f"  deleted: {put('deleted', 'false')}\n"
        "  target:\n"
        "    exact: hi\n"
        f"    start: {put('start', '0')}\n"
        f"    end: {put('end', '2')}\n"
        f"future: {put('extra', 'kept')}\n"
    )


@SETTINGS
@given(value=odd_values, extra=star, key=st.sampled_from(["a", "text_width", "? [x]"]))
def test_safe_loader_raises_only_its_own_error_with_a_line(value, extra, key):
    text = f"{extra}first: 1\n{key}: {value}\n"
    try:
        load_yaml(text)
    except YamlError as error:
        assert "\n" not in str(error)
        assert error.line is None or 1 <= error.line <= text.count("\n") + 1


@SETTINGS
@given(field=st.sampled_from(NOTES_FIELDS), value=odd_values, extra=star)
def test_odd_values_in_a_notes_file_are_a_broken_notes_file(field, value, extra):
    text = notes_text(field, value, extra)
    try:
        parse_notes(text, "notes/x.yaml")
    except NotesFileError as error:
        assert str(error).startswith("notes/x.yaml")
        assert "\n" not in str(error)


@SETTINGS
@given(field=st.sampled_from(NOTES_FIELDS), value=odd_values, extra=star)
# A time under a key reader does not know, at the edge of the calendar: in UTC it would
# fall before year 1.
@example(field="rating", value="0001-01-01 00:00:00 +05:00", extra="")
def test_notes_store_never_overwrites_a_notes_file_with_odd_values(tmp_path, field, value, extra):
    store = NotesStore(tmp_path / f"notes-{abs(hash((field, value, extra)))}")
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = notes_text(field, value, extra)
    path.write_text(text)
    try:
        store.load("AFP/story.txt")
        store.add(ArticleRef("AFP/story.txt"), Annotation.new(Target("hi", "", "", 0, 2)))
    except NotesFileError:
        assert path.read_text() == text  # broken: left exactly as it was


@SETTINGS
@given(
    key=st.sampled_from(["library", "theme", "text_width", "keymap", "nonsense"]),
    value=odd_values,
    nested=st.booleans(),
    extra=star,
)
def test_odd_values_in_the_config_give_one_line_and_defaults(tmp_path, key, value, nested, extra):
    path = tmp_path / "config.yaml"
    text = f"{extra}{key}: " + (f"{{main.search: {value}}}" if nested else value) + "\n"
    path.write_text(text)
    _, problems = load_config(path)
    assert all("\n" not in problem for problem in problems)
    try:
        save_theme("nord", path)
    except ReaderError as error:
        assert "\n" not in str(error)
        assert path.read_text() == text  # a file we cannot read is never replaced


@SETTINGS
@given(
    key=st.sampled_from(["title", "date", "source", "author", "tags", "url", "other"]),
    value=odd_values,
    extra=star,
)
def test_odd_values_in_front_matter_never_stop_the_article(tmp_path, key, value, extra):
    path = tmp_path / "story.md"
    path.write_text(f"---\n{extra}{key}: {value}\n---\n# A title\n\nThe body of the story.\n")
    try:
        article = load_article(path, tmp_path)
    except ArticleError as error:
        pytest.fail(f"the article was refused: {error}")
    assert "body of the story" in article.text


# -- as a user meets them -------------------------------------------------------------


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def test_a_note_with_an_impossible_date_is_named_with_its_line_and_kept_as_written(library):
    lib = str(library)
    first = reader("annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach")
    assert first.returncode == 0, first.stderr
    other = reader(
        "annotate", "Unattributed/nato-chief-meets-trump.txt", "--library", lib, "--quote", "NATO"
    )
    assert other.returncode == 0, other.stderr
    path = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("created:"))
    lines[at] = "  created: 2024-02-30\n"
    broken = "".join(lines)
    path.write_text(broken)

    listed = reader("notes", lib)
    assert listed.returncode == 2, listed.stderr  # a note could not be read, as README says
    assert "Traceback" not in listed.stderr
    assert f"{path}:{at + 1}:" in listed.stderr
    assert "nato-chief-meets-trump" in listed.stdout  # the other article's notes still list

    # One note that cannot be read does not lock the file's other notes.
    again = reader("annotate", AFP_ID, "--library", lib, "--quote", "Florida")
    assert again.returncode == 0, again.stderr
    exported = reader("export", lib, "--format", "json")
    assert exported.returncode == 2 and "Traceback" not in exported.stderr
    assert "Florida" in exported.stdout
    assert path.read_text().startswith(broken)  # the note that cannot be read, as written


@pytest.mark.parametrize(
    "setting",
    ["text_width: !!float abc", "text_width: " + "9" * 4400, "theme: 2024-02-30"],
    ids=["float abc", "4400 digits", "february 30"],
)
def test_config_with_a_value_that_cannot_be_built_is_told_and_defaults_used(library, setting):
    config = Path(os.environ["READER_CONFIG_DIR"]) / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(f"library: {library}\n{setting}\n")
    result = reader("list")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"reader: config: {config}:2: {result.stderr.split(':2: ')[1]}"
    assert result.stderr.endswith("; using defaults\n")
    assert "NATO" in result.stdout  # the bundled library, as the defaults say


def test_markdown_with_an_impossible_date_in_its_front_matter_still_reads(library):
    path = library / "AFP" / "dated.md"
    path.write_text("---\ntitle: Dated\ndate: 2024-02-30\n---\n# Dated\n\nA body sentence.\n")
    result = reader("show", str(path))
    assert result.returncode == 0, result.stderr
    assert "A body sentence." in result.stdout


async def test_app_with_an_impossible_date_in_a_note_runs_and_names_it(library):
    from reader.config import Config
    from reader.tui.app import ReaderApp
    from reader.tui.article.view import ArticleView
    from tests.tui.conftest import press_in_turn, settle

    path = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    path.parent.mkdir(parents=True)
    broken = notes_text("created", "2024-02-30").replace("AFP/story.txt", AFP_ID)
    path.write_text(broken)
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article.id == AFP_ID
        panel = str(app.screen.query_one("#note-panel").render())
        assert "A note cannot be read" in panel and f"{path}:8" in panel
        assert "read-only" not in panel
    assert path.read_text() == broken


async def test_app_with_a_config_value_that_cannot_be_built_tells_and_runs(library):
    from reader.config import Config
    from reader.paths import config_file
    from reader.tui.app import ReaderApp
    from tests.tui.conftest import settle

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: nord\ntext_width: !!float abc\n")
    config, problems = load_config()  # as the command line does, once
    app = ReaderApp(library, config=config, config_problems=problems)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith(f"{path}:2: ") and "using defaults" in m for m in messages)
        assert isinstance(app.config, Config) and app.config.text_width == 80


@pytest.mark.parametrize(
    "written",
    [
        "2026-11-26T08:01:02.123Z",
        "2026-11-26T08:01:02Z",
        "2026-11-26T08:01:02.1Z",
        "2026-11-26T08:01:02.123456Z",
        "2026-11-26T08:01:02.1234567Z",
        "2026-1-2T08:01:02Z",
        "2026-11-26 08:01:02Z",
        "2026-11-26T08:01:02+02:00",
        "2026-11-26",
    ],
)
@pytest.mark.parametrize("keep_number_text", [False, True])
def test_a_time_reads_as_pyyaml_reads_it_and_keeps_its_text(written, keep_number_text):
    value = load_yaml(f"at: {written}\n", keep_number_text=keep_number_text)["at"]
    expected = yaml.safe_load(f"at: {written}\n")["at"]
    assert value == expected
    assert getattr(value, "tzinfo", None) == getattr(expected, "tzinfo", None)
    if keep_number_text and isinstance(expected, datetime):
        assert value.text == written
