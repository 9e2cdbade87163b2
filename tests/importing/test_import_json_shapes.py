"""JSON of any shape given to each JSON importer (wallabag, Hypothesis, KOReader, and
Omnivore's metadata): read, or refused with the project's own one-line error, never a
traceback (a list where an object is expected, numbers and nulls where text is, …)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.importing.detect import read_export
from reader.importing.records import Export, ImportFormatError

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The fields the importers read, so that random objects reach deep into each reader.
KEYS = st.sampled_from(
    [
        "documents",
        "entries",
        "title",
        "author",
        "text",
        "note",
        "chapter",
        "page",
        "time",
        "sort",
        "pos0",
        "content",
        "url",
        "id",
        "tags",
        "annotations",
        "quote",
        "created_at",
        "published_by",
        "published_at",
        "is_archived",
        "domain_name",
        "rows",
        "uri",
        "target",
        "selector",
        "type",
        "exact",
        "prefix",
        "suffix",
        "start",
        "document",
        "created",
        "slug",
        "labels",
        "savedAt",
        "publishedAt",
        "label",
        "name",
    ]
)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "highlight", "note"])
    | st.text(max_size=8)
)
JSON = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


def _read(path: Path, fmt: str | None) -> None:
    try:
        assert isinstance(read_export(path, fmt), Export)
    except ImportFormatError as error:
        assert "\n" not in str(error)


@pytest.mark.parametrize("fmt", ["koreader", "wallabag", "hypothesis", None])
@FUZZ
@given(data=JSON)
@example(data=[{"a": 1}])
@example(data="str")
@example(data=None)
@example(data=5)
@example(data={"documents": [{"entries": [None]}]})
@example(data={"entries": [{"text": "x", "sort": ["highlight"]}]})
@example(data=[{"content": "<p>x</p>", "url": "u", "annotations": [{"quote": "x"}]}])
def test_any_json_is_read_or_refused_in_one_line(tmp_path, fmt, data):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _read(path, fmt)


@FUZZ
@given(data=JSON)
@example(data={"slug": "a"})
def test_any_omnivore_metadata_is_read_or_refused_in_one_line(tmp_path, data):
    path = tmp_path / "omnivore.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata_0_to_1.json", json.dumps(data))
        archive.writestr("content/a.html", "<p>A story.</p>")
        archive.writestr("highlights/a.md", "> A story.\n")
    _read(path, None)


@pytest.mark.parametrize("text", ['[{"a":1}]', '"str"', "null", "5"])
def test_koreader_refuses_json_of_another_shape_in_one_line(tmp_path, text):
    export = tmp_path / "x.json"
    export.write_text(text, encoding="utf-8")
    (tmp_path / "lib").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "import",
            "--format",
            "koreader",
            str(export),
            "--library",
            str(tmp_path / "lib"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("x.json: not a KOReader export")


def test_a_zip_cut_short_is_said_damaged(tmp_path, omnivore_zip):
    cut = tmp_path / "omnivore-cut.zip"
    whole = omnivore_zip.read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImportFormatError, match=r"omnivore-cut.zip: a damaged zip file"):
        read_export(cut)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '{"annotations": [{"id": "x',
            "line 1: not valid JSON (unterminated string, from column 25)",
        ),
        ('[\n  {"a": 1},\n  {"b": }\n]', "line 3: not valid JSON (expecting value, at column 9)"),
    ],
)
def test_json_cut_short_says_its_line_and_column(tmp_path, text, said):
    path = tmp_path / "cut.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError) as raised:
        read_export(path)
    assert str(raised.value) == f"{path}: {said}"


def test_omnivore_metadata_cut_short_says_its_line_and_column(tmp_path):
    path = tmp_path / "omnivore.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata_0_to_1.json", '[{"slug": "a", "title": "A')
    with pytest.raises(ImportFormatError) as raised:
        read_export(path)
    said = "metadata_0_to_1.json line 1: not valid JSON (unterminated string, from column 25)"
    assert str(raised.value) == f"{path}: {said}"
