"""Exports: golden files for each format, the W3C shape, Unicode round trips, safe writing."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reader.notes.export import to_csv, to_json, to_markdown, to_yaml, write_export
from reader.notes.records import collect
from reader.notes.store import NotesStore
from reader.session import Session
from tests.conftest import AFP_ID, OTHER_ID

GOLDEN = Path(__file__).parent / "golden"
UNICODE_NOTE = "Cité : « sécurité » — 北约 🇺🇦 👩‍👩‍👧 עברית\n  indented line\ttab"


def notes_file(article_id: str, title: str, annotations: str) -> str:
    return (
        f"schema_version: 1\narticle:\n  id: {article_id}\n  path: /library/{article_id}\n"
        f"  sha256: ''\n  title: \"{title}\"\nannotations:\n{annotations}"
    )


AFP_NOTES = """\
- id: 11111111-1111-4111-8111-111111111111
  created: 2026-01-02T03:04:05Z
  modified: 2026-01-02T03:04:05Z
  tags: [people, nato]
  color: green
  note: |-
    The spokeswoman.
    Quoted twice.
  target: {exact: Farah Dakhlallah, prefix: '', suffix: '', start: 219, end: 235}
- id: 22222222-2222-4222-8222-222222222222
  created: 2026-01-03T00:00:00Z
  modified: 2026-01-04T00:00:00Z
  tags: []
  color: yellow
  note: ''
  target: {exact: Palm Beach, prefix: '', suffix: '', start: 0, end: 10}
- id: 33333333-3333-4333-8333-333333333333
  created: 2026-01-05T00:00:00Z
  modified: 2026-01-05T00:00:00Z
  tags: [gone]
  color: blue
  note: A passage that is no longer there.
  target: {exact: This sentence was never in the article, prefix: '', suffix: '', start: 5, end: 44}
"""
OTHER_NOTES = f"""\
- id: 44444444-4444-4444-8444-444444444444
  created: 2026-02-01T00:00:00Z
  modified: 2026-02-01T00:00:00Z
  tags: [unicode, "deux mots"]
  color: pink
  note: {json.dumps(UNICODE_NOTE, ensure_ascii=False)}
  target: {{exact: Farah Dakhlallah, prefix: '', suffix: '', start: 0, end: 16}}
"""


@pytest.fixture
def records(library, tmp_path):
    notes = tmp_path / "notes"
    for article_id, title, body in (
        (AFP_ID, "NATO chief discusses 'global security' with Trump", AFP_NOTES),
        (OTHER_ID, "NATO Chief Meets Trump", OTHER_NOTES),
    ):
        path = notes / (article_id + ".yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(notes_file(article_id, title, body), encoding="utf-8")
    session = Session(library, notes_dir=notes)
    session.update_index()
    found, problems = collect(NotesStore(notes), session.article)
    assert problems == []
    # Paths differ per run; the golden files use the library-relative form.
    return [r.__class__(**{**_fields(r), "path": f"/library/{r.article_id}"}) for r in found]


def _fields(record):
    return {name: getattr(record, name) for name in record.__slots__}


def normalized(text: str) -> str:
    return re.sub(r"exported: \S+", "exported: <time>", text)


@pytest.mark.parametrize(
    "name, render",
    [
        ("notes.md", to_markdown),
        ("notes.json", to_json),
        ("notes.csv", to_csv),
        ("notes.yaml", to_yaml),
    ],
)
def test_golden_files(records, name, render):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert normalized(render(records)) == expected


def test_markdown_has_a_section_per_article_and_tags(records):
    text = to_markdown(records)
    assert text.count("\n## ") == 2
    assert "> Farah Dakhlallah\n\nThe spokeswoman.\\\nQuoted twice.\n\n#people #nato" in text
    assert "#deux-mots" in text
    assert "no longer found" in text


def test_json_is_a_web_annotation_collection(records):
    data = json.loads(to_json(records))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 4
    assert data["first"]["type"] == "AnnotationPage"
    for item in items:
        assert item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", item["created"])
        assert item["motivation"] in {"commenting", "highlighting", "tagging"}
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector"}
        assert {"exact", "prefix", "suffix"} <= set(selectors["TextQuoteSelector"])
        position = selectors["TextPositionSelector"]
        assert isinstance(position["start"], int) and position["end"] >= position["start"]
        assert item["target"]["source"]
        for body in item.get("body", []):
            assert body["type"] == "TextualBody"
            assert body["purpose"] in {"commenting", "tagging"}
    highlight = next(i for i in items if i["id"].endswith("2222"))
    assert highlight["motivation"] == "highlighting" and "body" not in highlight
    tagged = next(i for i in items if i["id"].endswith("1111"))
    assert [b["value"] for b in tagged["body"] if b["purpose"] == "tagging"] == ["people", "nato"]


def test_unicode_note_round_trips_through_every_format(records):
    data = json.loads(to_json(records))
    [item] = [i for i in data["first"]["items"] if i["id"].endswith("4444")]
    assert item["body"][0]["value"] == UNICODE_NOTE
    rows = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert next(r for r in rows if r["id"].endswith("4444"))["note"] == UNICODE_NOTE
    document = yaml.safe_load(to_yaml(records))
    notes = [a["note"] for art in document["articles"] for a in art["annotations"]]
    assert UNICODE_NOTE in notes
    assert UNICODE_NOTE.splitlines()[0] in to_markdown(records)


def test_write_export_is_atomic_and_never_clobbers(tmp_path):
    path = tmp_path / "out.md"
    write_export("first\n", path)
    with pytest.raises(FileExistsError):
        write_export("second\n", path)
    assert path.read_text() == "first\n"
    write_export("second\n", path, force=True)
    assert path.read_text() == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_cli_export_to_a_file(library, tmp_path):
    env_notes = tmp_path / "n"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "annotate",
            AFP_ID,
            "--library",
            str(library),
            "--quote",
            "Palm Beach",
            "--note",
            "met here",
            "--notes-dir",
            str(env_notes),
        ],
        check=True,
        capture_output=True,
    )
    out = tmp_path / "export.json"
    base = [sys.executable, "-m", "reader", "export", str(library), "--notes-dir", str(env_notes)]
    done = subprocess.run(
        [*base, "--format", "json", "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["total"] == 1
    again = subprocess.run(
        [*base, "--format", "json", "-o", str(out)], capture_output=True, text=True
    )
    assert again.returncode == 2 and "--force" in again.stderr
    tagged = subprocess.run([*base, "--tag", "none"], capture_output=True, text=True)
    assert tagged.stdout == "# Notes\n"


def test_cli_export_to_a_dash_writes_to_stdout(library, tmp_path):
    notes = tmp_path / "n"
    base = [sys.executable, "-m", "reader"]
    subprocess.run(
        [*base, "annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach",
         "--notes-dir", str(notes)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    export = [*base, "export", str(library), "--notes-dir", str(notes), "-o", "-"]
    done = subprocess.run(
        [*export, "--format", "csv"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Palm Beach" in done.stdout and done.stdout.startswith("id,")
    assert done.stderr == "1 note written to stdout\n"
    folder = subprocess.run(
        [*export, "--format", "obsidian"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert folder.returncode == 2
    assert folder.stderr.count("\n") == 1 and "folder" in folder.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library", "n"]


def test_cli_export_names_an_article_whose_name_is_near_the_limit(library, tmp_path):
    long_id = "AFP/" + "a" * 249 + ".txt"  # its notes file name is cut short
    (library / AFP_ID).rename(library / long_id)
    notes = tmp_path / "n"
    base = [sys.executable, "-m", "reader"]
    annotated = subprocess.run(
        [*base, "annotate", long_id, "--library", str(library), "--quote", "Palm Beach",
         "--notes-dir", str(notes)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert annotated.returncode == 0, annotated.stderr
    done = subprocess.run(
        [*base, "export", str(library), "--notes-dir", str(notes), "--format", "yaml"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [article] = yaml.safe_load(done.stdout)["articles"]
    assert article["article"]["id"] == long_id


def test_markdown_keeps_the_line_breaks_of_a_quote(records):
    """A quote of two lines (an address, lines of verse) is shown as two lines by a Markdown
    renderer: each line but the last of its paragraph ends with a hard break."""
    from dataclasses import replace

    first = records[0]
    target = replace(first.annotation.target, exact="Roses are red,\nviolets blue.\n\nNew stanza.")
    quoted = replace(first.annotation, target=target)
    text = to_markdown([first.__class__(**{**_fields(first), "annotation": quoted})])
    assert "> Roses are red,\\\n> violets blue.\n>\n> New stanza.\n" in text


def test_markdown_names_an_odd_file_with_escapes_as_reader_list_does(records):
    from dataclasses import replace

    path = "/tmp/lib/Sp ace/new\nline\u202e.txt"
    odd = [replace(r, path=path) for r in records if r.article_id == AFP_ID]
    text = to_markdown(odd)
    assert "`/tmp/lib/Sp ace/new\\nline\\u202e.txt`" in text
