"""Reading and writing notes files as YAML: the safe loader in, a SafeDumper out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import yaml

from reader.errors import NotesFileError, YamlError
from reader.infra.collector import collector_held
from reader.infra.yamloutline import OutlineTaker
from reader.infra.yamlsafe import (
    AMBIGUOUS,
    PlainStr,
    SourceFloat,
    SourceInt,
    SourceTime,
    compose_yaml,
    load_yaml,
)
from reader.notes.quick_yaml import dumped
from reader.notes.schema import KeyPath, NotesFile, SchemaError, Stamp, from_data, to_data
from reader.notes.timestamps import format_utc

# Line breaks a loader would normalize unless they are escaped.
_NOT_IN_BLOCK = re.compile("[\r\x85\u2028\u2029\ufeff]")


class NotesDumper(yaml.SafeDumper):
    """Block style for multi-line strings when that round-trips, else quoted; what it
    writes reads as written: emoji stay emoji, even in double quotes."""

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        # PyYAML keeps a text with a tab, or a space at a line's end, out of a block; a
        # literal block holds both as they are (only a tab opening a line is refused by
        # libyaml, where it looks like indentation).
        if not analysis.allow_block and "\n" in scalar and _BLOCK_TEXT.fullmatch(scalar):
            analysis.allow_block = not _TAB_OPENING_A_LINE.search(scalar)
        return analysis

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        # PyYAML writes a character beyond U+FFFF in double quotes as an escape
        # (`\U0001F389`), each in a write of its own: written as the character instead.
        stream = self.stream
        self.stream = _Unescaping(stream)
        try:
            super().write_double_quoted(text, split)
        finally:
            self.stream = stream


# What a literal block can hold as it is: printable text, tabs and line feeds.
_BLOCK_TEXT = re.compile(
    "[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffd]*"
)
_TAB_OPENING_A_LINE = re.compile("(?:^|\n)\t")
_ESCAPED_BEYOND_BMP = re.compile(r"\\U([0-9A-F]{8})")


class _Unescaping:
    """A stream taking the emitter's `\\U0010FFFF` escapes as the characters they stand for."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: str) -> None:
        found = _ESCAPED_BEYOND_BMP.fullmatch(data)
        self._stream.write(chr(int(found[1], 16)) if found else data)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if isinstance(data, PlainStr):  # written plain, as it was (a tag `2026` stays 2026)
        tag = dumper.resolve(yaml.ScalarNode, data, (True, False))
        return dumper.represent_scalar(tag, data)
    style = None
    if _NOT_IN_BLOCK.search(data):
        style = '"'  # only escapes carry these through a loader unchanged
    elif "\n" in data:
        style = "|"  # the emitter falls back to quoting when a block cannot hold it
    elif AMBIGUOUS.fullmatch(data):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_stamp(dumper: yaml.SafeDumper, data: Stamp) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


def _represent_datetime(dumper: yaml.SafeDumper, data: datetime) -> yaml.ScalarNode:
    # A time read back from an unknown key (a review's due date) is written as it was:
    # in UTC, unless UTC would fall outside the calendar (year 1 at +05:00), then with
    # its own offset.
    try:
        text = format_utc(data)
    except OverflowError:
        text = data.isoformat()
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


def _represent_int_text(dumper: yaml.SafeDumper, data: SourceInt) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:int", data.text)


def _represent_float_text(dumper: yaml.SafeDumper, data: SourceFloat) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", data.text)


def _represent_time_text(dumper: yaml.SafeDumper, data: SourceTime) -> yaml.ScalarNode:
    text = getattr(data, "text", None)  # none on a time computed from one (`due + 1 day`)
    if text is None:
        return _represent_datetime(dumper, data)
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


NotesDumper.add_representer(str, _represent_str)
NotesDumper.add_representer(PlainStr, _represent_str)
NotesDumper.add_representer(SourceInt, _represent_int_text)
NotesDumper.add_representer(SourceFloat, _represent_float_text)
NotesDumper.add_representer(SourceTime, _represent_time_text)
NotesDumper.add_representer(datetime, _represent_datetime)
NotesDumper.add_representer(Stamp, _represent_stamp)


def dump_notes(notes: NotesFile) -> str:
    """The notes file's YAML text, keys in schema order."""
    return dump_data(to_data(notes))


def dump_notes_list(files: Sequence[NotesFile]) -> str:
    """Several notes files as one YAML list, each item as `dump_notes` writes it."""
    return dump_data([to_data(notes) for notes in files])


def dump_data(data: Any) -> str:
    """Plain data of notes (`to_data`, or a part of it) as a notes file writes it: most
    notes written directly (`reader.notes.quick_yaml`), as the dumper writes them."""
    # (a text holding a lone surrogate is left to the dumper, given it made valid)
    return dumped(data, lambda part: dump_by_yaml(valid_text(part)))


def dump_by_yaml(data: Any) -> str:
    """Plain data of notes written by the dumper."""
    return yaml.dump(
        data,
        Dumper=NotesDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,
    )


CONFLICT_MARKERS = (
    "holds merge-conflict markers (<<<<<<<, =======, >>>>>>>): resolve them, keeping"
    " the notes you want"
)
# A merge (git, a sync tool) that could not join two versions writes both between these
# lines, at the start of a line: never so in YAML this program writes.
_CONFLICT_START = re.compile(r"^<<<<<<<(?: |$)", re.MULTILINE)
_CONFLICT_END = re.compile(r"^>>>>>>>(?: |$)", re.MULTILINE)


def conflict_line(text: str) -> int | None:
    """The line of the first `<<<<<<<` of a merge conflict in `text` (one closed by a
    `>>>>>>>` line), or None."""
    if "<<<<<<<" not in text:  # (a search for the text alone is the quicker by far)
        return None
    start = _CONFLICT_START.search(text)
    if start is None or not _CONFLICT_END.search(text, start.end()):
        return None
    return text.count("\n", 0, start.start()) + 1


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(data: Any) -> Any:
    """Lone surrogates (undecodable bytes from a command line) become U+FFFD: a file
    holding one could not be read back."""
    if isinstance(data, str):
        return _LONE_SURROGATE.sub("\ufffd", data) if _LONE_SURROGATE.search(data) else data
    if isinstance(data, dict):
        return {key: valid_text(value) for key, value in data.items()}
    if isinstance(data, list):
        return [valid_text(item) for item in data]
    return data


def parse_notes(
    text: str, path: str, undated: datetime | None = None, outline: OutlineTaker | None = None
) -> NotesFile:
    """Parse and validate; raises `NotesFileError` with the YAML line when known. A key
    given twice (two files pasted together) is an error: one of its values would be lost.
    A note that cannot be read is kept as written, with its line (`NotesFile.broken`);
    `undated` is the time of a note that gives none (the file's). `outline` takes where
    the file's keys and notes are, on the way (see `load_yaml`)."""
    if (conflict := conflict_line(text)) is not None:
        raise NotesFileError(path, CONFLICT_MARKERS, conflict)
    unbuilt: list[int] = []
    try:
        with collector_held():
            data = load_yaml(
                text, unique_keys=True, keep_number_text=True, outline=outline, unbuilt=unbuilt
            )
            if data is not None:
                booleans_as_written(data, text)
            notes = from_data(data, undated, unbuilt=any(unbuilt)) if data is not None else None
    except YamlError as exc:
        raise NotesFileError(path, f"not valid YAML: {exc.problem}", exc.line) from None
    except SchemaError as exc:
        raise NotesFileError(path, exc.message, line_of(text, exc.where)) from None
    if notes is None:
        said = "the file holds no notes (only comments or ---)" if text.strip() else ""
        raise NotesFileError(path, said or "the file is empty")
    if notes.broken:
        notes.broken = tuple(replace(b, line=line_of(text, b.where)) for b in notes.broken)
    if notes.warnings:
        notes.warnings = tuple(replace(w, line=line_of(text, w.where)) for w in notes.warnings)
    return notes


def booleans_as_written(data: Any, text: str) -> None:
    """A note or a tag written `yes`, `off` or `True` is the text written, as a number
    is: YAML reads it as a boolean, which keeps no text, so it is taken from the file.
    `data` is what `text` reads as: a notes file, or a list of them (`notes-not-saved.yml`)."""
    files = data if isinstance(data, list) else [data]
    found = [(at, file) for at, file in enumerate(files) if _bool_notes(file)]
    if not found:
        return
    root: Any = compose_yaml(text)
    nodes = root.value if isinstance(data, list) else [root]
    for at, file in found:
        node = nodes[at] if at < len(nodes) else None
        listed = _value_node(node, "annotations")
        items = listed.value if isinstance(listed, yaml.SequenceNode) else []
        for i, note in _bool_notes(file):
            item = items[i] if i < len(items) else None
            written = _value_node(item, "note")
            if type(note.get("note")) is bool and isinstance(written, yaml.ScalarNode):
                note["note"] = PlainStr(written.value)
            tags, written = note.get("tags"), _value_node(item, "tags")
            if type(tags) is list and isinstance(written, yaml.SequenceNode):
                for n, (tag, each) in enumerate(zip(tags, written.value, strict=False)):
                    if type(tag) is bool and isinstance(each, yaml.ScalarNode):
                        tags[n] = PlainStr(each.value)


def _bool_notes(file: Any) -> list[tuple[int, dict[Any, Any]]]:
    """The notes of a notes file's data with a note or a tag read as a boolean."""
    notes = file.get("annotations") if isinstance(file, dict) else None
    if not isinstance(notes, list):
        return []
    return [(i, note) for i, note in enumerate(notes) if type(note) is dict and _has_bool(note)]


def _value_node(node: Any, key: str) -> Any:
    """The node of `key`'s value in a mapping node; None when there is none."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if k.value == key), None)


def _has_bool(note: dict[Any, Any]) -> bool:
    tags = note.get("tags")
    return type(note.get("note")) is bool or (
        type(tags) is list and any(type(tag) is bool for tag in tags)
    )


def broken_notes(notes: NotesFile, path: str) -> list[NotesFileError]:
    """Each note of the file that could not be read, named with its line."""
    return [NotesFileError(path, b.message, b.line) for b in notes.broken]


def note_warnings(notes: NotesFile, path: str) -> list[NotesFileError]:
    """What is odd in the notes read all the same, each named with its line (as a
    problem of the file is, though the note is shown)."""
    return [NotesFileError(path, w.message, w.line) for w in notes.warnings]


def decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotesFileError(path, "not valid UTF-8", line) from None


def line_of(text: str, where: KeyPath) -> int | None:
    """The 1-based line of the node at `where` (or its nearest existing parent)."""
    try:
        node: Any = compose_yaml(text)
    except YamlError:
        return None
    if node is None:
        return None
    for part in where:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1
