"""The notes file schema (version 1) and its dataclasses.

One YAML file per annotated article (see `reader.notes.location`)::

    schema_version: 1
    article:
      id: AFP/story.txt          # the article id: a POSIX path relative to the library
      path: /lib/AFP/story.txt   # where the article was read from
      sha256: 9f86d0...          # of the canonical text the offsets below index
      title: NATO chief discusses global security
    annotations:
    - id: 3f0c1c9e-2a4b-4e0f-9d51-2c8e8f3b1a7d   # a UUID4
      created: 2026-11-26T08:01:02Z               # ISO 8601 UTC, trailing Z, optional .mmm
      modified: 2026-11-26T08:01:02.123Z
      tags: [defence, quote]
      color: yellow
      note: |
        A multi-line note is written in block style.
      target:
        exact: the quoted text            # canonical text[start:end] when written
        prefix: up to 32 characters before it
        suffix: up to 32 characters after it
        start: 1200                       # code point offsets into the canonical text
        end: 1215
      deleted: true                       # optional: a tombstone, kept so merges never
                                          # resurrect a deleted note
      origin:                             # optional: where an imported note came from
        service: hypothesis               # (also under article: for imported articles)
        id: hQ1aAaAaEe-exact01            # its id there
        url: https://example.org/story

Keys this version does not know, at any level, are kept in ``extra`` and written
back unchanged. `from_data` validates and raises `SchemaError` naming the offending
key path; `reader.notes.yamlio` turns that into a `NotesFileError` with a line number.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reader.infra.yamlsafe import CannotBuild, PlainStr, written_text
from reader.model import NOTE_COLORS
from reader.notes.tags import normalised
from reader.notes.timestamps import format_utc, parse_utc, utc_now

SCHEMA_VERSION = 1
DEFAULT_COLOR = "yellow"
COLORS = NOTE_COLORS

KeyPath = tuple[str | int, ...]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class SchemaError(ValueError):
    """Parsed YAML that does not follow the schema; `where` is the key path."""

    def __init__(self, message: str, where: KeyPath = ()) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


@dataclass(frozen=True, slots=True)
class Target:
    """What an annotation points at: a quote, its context and its offsets."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    extra: dict[str, Any] = field(default_factory=dict)
    # Keys the file left out, with the value each was taken as (see `Annotation`).
    unwritten: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article a notes file belongs to."""

    id: str
    path: str = ""
    sha256: str = ""
    title: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_article(cls, article: Any) -> ArticleRef:
        """From a `reader.model.Article` (anything with id, path, sha256, title)."""
        return cls(article.id, str(article.path), article.sha256, article.title)


@dataclass(frozen=True, slots=True)
class Annotation:
    """One note on a span of an article; `deleted` marks a tombstone."""

    id: str
    created: datetime
    modified: datetime
    target: Target
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str = DEFAULT_COLOR
    deleted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # Optional keys a hand-written note left out, with the value each was taken as: a
    # save leaves them out while they keep that value.
    unwritten: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # Keys read as other than written (blank tags left out), with the value taken and the
    # one written: a save writes the latter back while the key keeps the value taken.
    as_written: dict[str, tuple[Any, Any]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def new(
        cls,
        target: Target,
        note: str = "",
        tags: Iterable[str] = (),
        color: str = DEFAULT_COLOR,
    ) -> Annotation:
        """A fresh annotation with a UUID4 id, created and modified now; its tags each
        once (see `tags.normalised`)."""
        now = utc_now()
        return cls(str(uuid.uuid4()), now, now, target, note, normalised(tags), color)

    @property
    def quote(self) -> str:
        return self.target.exact

    @property
    def has_note(self) -> bool:
        """Whether the note holds more than white space: one of spaces, tabs or blank lines
        only is no note (the passage highlighted), everywhere notes are shown or exported,
        and is kept in the file as written."""
        return not self.note.isspace() and bool(self.note)

    @property
    def note_lines(self) -> list[str]:
        """The note's lines, without the blank ones around it."""
        return self.note.strip().splitlines()

    @property
    def note_first_line(self) -> str:
        """The note's first line, ending in " …" when more follow (for one-line views)."""
        lines = self.note_lines
        return lines[0] + " …" if len(lines) > 1 else (lines[0] if lines else "")


@dataclass(frozen=True, slots=True)
class BrokenNote:
    """A note in the file that could not be read (a required key missing): kept as
    written, at its place in the list, and named with `message` and its `where`."""

    index: int
    data: Any
    message: str
    where: KeyPath
    line: int | None = None  # in the file, once known (see `reader.notes.yamlio`)


@dataclass(frozen=True, slots=True)
class NoteWarning:
    """Something odd in a note read all the same (an empty quote, blank tags, a colour
    reader does not know), said with its `where` and what reader makes of it."""

    message: str
    where: KeyPath
    line: int | None = None  # in the file, once known (see `reader.notes.yamlio`)


@dataclass(slots=True)
class NotesFile:
    """The whole contents of one notes file."""

    article: ArticleRef
    annotations: list[Annotation] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)
    broken: tuple[BrokenNote, ...] = ()
    # Said of the notes as read, not part of them: two files of the same notes are equal.
    warnings: tuple[NoteWarning, ...] = field(default=(), compare=False)

    @classmethod
    def empty(cls, article_id: str) -> NotesFile:
        return cls(ArticleRef(article_id))

    @property
    def live(self) -> list[Annotation]:
        """The annotations that are not tombstones."""
        return [a for a in self.annotations if not a.deleted]

    def get(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)


def origin_of(extra: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The `origin:` mapping (service, id, url) of an imported article or note, kept
    in its `extra`; None when it has none."""
    origin = extra.get("origin")
    return origin if isinstance(origin, Mapping) else None


# -- to plain data ---------------------------------------------------------------------


class Stamp(str):
    """A formatted timestamp; the YAML dumper writes it as a plain scalar."""


def to_data(notes: NotesFile) -> dict[str, Any]:
    """Plain data in the schema's key order, unknown keys last."""
    a = notes.article
    article = {"id": a.id, "path": a.path, "sha256": a.sha256, "title": a.title, **a.extra}
    return {
        "schema_version": notes.schema_version,
        "article": article,
        "annotations": with_broken([annotation_data(x) for x in notes.annotations], notes),
        **notes.extra,
    }


def with_broken(items: list[Any], notes: NotesFile) -> list[Any]:
    """The notes with the broken ones put back where they were, as written."""
    for broken in sorted(notes.broken, key=lambda b: b.index):
        items.insert(min(broken.index, len(items)), broken.data)
    return items


def annotation_data(a: Annotation) -> dict[str, Any]:
    """One annotation as plain data, as a notes file holds it."""
    t = a.target
    data: dict[str, Any] = {
        "id": a.id,
        "created": Stamp(format_utc(a.created)),
        "modified": Stamp(format_utc(a.modified)),
        "tags": list(a.tags),
        "color": a.color,
        "note": a.note,
        "target": {
            "exact": t.exact,
            "prefix": t.prefix,
            "suffix": t.suffix,
            "start": t.start,
            "end": t.end,
            **t.extra,
        },
    }
    if a.deleted:
        data["deleted"] = True
    data.update(a.extra)
    _leave_out(data, a.unwritten)
    _leave_out(data["target"], t.unwritten)
    for key, (taken, written) in a.as_written.items():
        if key in data and data[key] == taken:
            data[key] = written
    return data


def _leave_out(data: dict[str, Any], unwritten: Mapping[str, Any]) -> None:
    """Keys the file left out stay out while they hold the value they were taken as."""
    for key, value in unwritten.items():
        if key in data and data[key] == value:
            del data[key]


# -- from plain data -------------------------------------------------------------------

_FILE_KEYS = ("schema_version", "article", "annotations")
_ARTICLE_KEYS = ("id", "path", "sha256", "title")
_ANNOTATION_KEYS = ("id", "created", "modified", "tags", "color", "note", "target", "deleted")
_TARGET_KEYS = ("exact", "prefix", "suffix", "start", "end")


def from_data(data: Any, undated: datetime | None = None, *, unbuilt: bool = True) -> NotesFile:
    """Validate parsed YAML and build a `NotesFile`; raises `SchemaError` for the file.

    A note that cannot be read is kept aside as a `BrokenNote` (so is one holding a
    value that could not be built, a `CannotBuild`: searched for unless `unbuilt` is
    false, when the loader built every value); a note without `created` or `modified`
    takes the other, or else `undated` (the file's time).
    """
    if not isinstance(data, Mapping):
        raise SchemaError("the file must be a mapping with schema_version, article, annotations")
    if unbuilt and (found := _unbuilt_in({k: v for k, v in data.items() if k != "annotations"})):
        raise found
    version = data.get("schema_version")
    if version is None:
        raise SchemaError("missing schema_version")
    if not _is_int(version):
        raise SchemaError("schema_version must be an integer", ("schema_version",))
    if version != SCHEMA_VERSION:
        raise SchemaError(
            f"schema_version {version} is not supported (this reader writes {SCHEMA_VERSION})",
            ("schema_version",),
        )
    article = _article(_mapping(data, "article", ()))
    items = data.get("annotations", [])
    if items is None:
        items = []
    if not isinstance(items, list):
        raise SchemaError("annotations must be a list", ("annotations",))
    annotations: list[Annotation] = []
    broken: list[BrokenNote] = []
    warnings: list[NoteWarning] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where: KeyPath = ("annotations", i)
        try:
            ann = _annotation(item, where, undated, unbuilt)
        except SchemaError as exc:
            broken.append(BrokenNote(i, item, exc.message, exc.where or where))
            continue
        if ann.id in seen:
            raise SchemaError(f"duplicate annotation id {ann.id}", (*where, "id"))
        seen.add(ann.id)
        annotations.append(ann)
        if not ann.deleted:
            warnings.extend(_oddities(ann, where))
    return NotesFile(
        article, annotations, version, _extra(data, _FILE_KEYS), tuple(broken), tuple(warnings)
    )


def _oddities(ann: Annotation, where: KeyPath) -> Iterable[NoteWarning]:
    """What is odd in a note read all the same, and what reader makes of it."""
    if not ann.target.exact:
        path = (*where, "target", "exact")
        yield NoteWarning(
            f"{_dotted(path[:-1], 'exact')} is empty: the note has no passage, shown as orphaned",
            path,
        )
    if "tags" in ann.as_written:
        _, written = ann.as_written["tags"]
        blank = len(written) - len(ann.tags)
        yield NoteWarning(
            f"{_dotted(where, 'tags')} has {blank} empty tag{'s' if blank > 1 else ''}:"
            " not shown, kept in the file",
            (*where, "tags"),
        )
    if ann.color not in COLORS:
        yield NoteWarning(
            f"{_dotted(where, 'color')} {ann.color!r} is not one of reader's colours"
            f" ({', '.join(COLORS)}): shown as {DEFAULT_COLOR}, kept in the file",
            (*where, "color"),
        )


def annotation_from_data(data: Any, where: KeyPath = ()) -> Annotation:
    """One annotation read from plain data (`annotation_data`); raises `SchemaError`."""
    return _annotation(data, where, None)


def _article(data: Mapping[str, Any]) -> ArticleRef:
    where: KeyPath = ("article",)
    return ArticleRef(
        id=_string(data, "id", where, required=True),
        path=_string(data, "path", where),
        sha256=_string(data, "sha256", where),
        title=_string(data, "title", where),
        extra=_extra(data, _ARTICLE_KEYS),
    )


def _annotation(
    data: Any, where: KeyPath, undated: datetime | None, unbuilt: bool = True
) -> Annotation:
    if unbuilt and (found := _unbuilt_in(data, where, taken_as_text=("note",))):
        raise found
    if not isinstance(data, Mapping):
        raise SchemaError("an annotation must be a mapping", where)
    ann_id = _string(data, "id", where, required=True)
    if not ann_id:
        raise SchemaError("annotation id must not be empty", (*where, "id"))
    tags = _tags(data.get("tags"), (*where, "tags"))
    deleted = data.get("deleted", False)
    if not isinstance(deleted, bool):
        raise SchemaError("deleted must be true or false", (*where, "deleted"))
    target = _target(_mapping(data, "target", where), (*where, "target"))
    created, modified = _stamps(data, where, undated)
    annotation = Annotation(
        id=ann_id,
        created=created,
        modified=modified,
        target=target,
        note=_note(data.get("note"), (*where, "note")),
        tags=tags,
        color=_string(data, "color", where, default=DEFAULT_COLOR),
        deleted=deleted,
        extra=_extra(data, _ANNOTATION_KEYS),
    )
    absent = {k for k in ("created", "modified", "tags", "color", "note") if k not in data}
    if absent:
        annotation.unwritten.update({k: _value(annotation, k) for k in absent})
    written = data.get("tags")
    if isinstance(written, list) and len(written) != len(tags):
        annotation.as_written["tags"] = (list(tags), [_tag_written(item) for item in written])
    return annotation


def _note(value: Any, where: KeyPath) -> str:
    """The note: the text written, whatever else YAML reads it as (`42`, `2024-01-01`,
    `0x1F`), written back quoted once the note is rewritten; a null is no note."""
    if value is None:
        return ""
    if isinstance(value, CannotBuild) and value.as_text is None:
        raise SchemaError(f"{_dotted(where[:-1], 'note')}: {value.problem}", where)
    text = written_text(value)
    if text is None:
        hint = (
            "binary data (!!binary): take the tag away and write the text"
            if isinstance(value, bytes)  # (quoted, it would keep its tag)
            else "put it in quotes"
        )
        raise SchemaError(f"{_dotted(where[:-1], 'note')} must be text: {hint}", where)
    return str(text)  # (not a `PlainStr`: quoted when written)


def _unbuilt_in(data: Any, where: KeyPath = (), taken_as_text: tuple[str, ...] = ()) -> Any:
    """The error naming the first value in `data` (at `where`) that could not be built
    (a `CannotBuild`), but under the keys `taken_as_text`; None when there is none."""
    pending: list[tuple[Any, KeyPath]] = [(data, where)]
    while pending:
        value, at = pending.pop()
        if isinstance(value, CannotBuild):
            quoting = value.as_text is not None and at[-1] not in _TYPED
            hint = ": put it in quotes to keep it as text" if quoting else ""
            return SchemaError(f"{_dotted(at[:-1], at[-1])}: {value.problem}{hint}", at)
        if isinstance(value, Mapping):
            pending += [
                (v, (*at, k))
                for k, v in reversed(list(value.items()))
                if not (at == where and k in taken_as_text)
            ]
        elif isinstance(value, list):
            pending += [(v, (*at, i)) for i, v in reversed(list(enumerate(value)))]
    return None


# Keys whose value must be of its type (a time, a number): quoting it does not help.
_TYPED = ("created", "modified", "start", "end", "schema_version", "deleted")


def _tag_written(item: Any) -> Any:
    """A tag as the file has it, to be written back so (a null stays a null)."""
    if item is None or isinstance(item, str):
        return item
    return PlainStr(written_text(item) or "")


def _value(annotation: Annotation, key: str) -> Any:
    """The value of `key` as `annotation_data` writes it."""
    value = getattr(annotation, key)
    if isinstance(value, datetime):
        return Stamp(format_utc(value))
    return list(value) if key == "tags" else value


def _stamps(
    data: Mapping[str, Any], where: KeyPath, undated: datetime | None
) -> tuple[datetime, datetime]:
    """`created` and `modified`; one left out is taken as the other, both as `undated`
    (the file's time; the Unix epoch when not known)."""
    created = _stamp(data, "created", where) if data.get("created") is not None else None
    modified = _stamp(data, "modified", where) if data.get("modified") is not None else None
    fallback = undated or _EPOCH
    return created or modified or fallback, modified or created or fallback


def _tags(data: Any, where: KeyPath) -> tuple[str, ...]:
    """The tags as written: a number, a date or a boolean written by hand (`2026`,
    `0x1f`) is the tag its text spells, kept plain (see `PlainStr`) so a save writes it
    back as it was; a null, an empty or a blank one is no tag."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise SchemaError("tags must be a list of strings", where)
    tags = []
    for item in data:
        text = written_text(item)
        if text is None and item is not None:
            raise SchemaError("tags must be a list of strings", where)
        if text is not None and text.strip():
            tags.append(text if isinstance(item, str) else PlainStr(text))
    return tuple(tags)


def _target(data: Mapping[str, Any], where: KeyPath) -> Target:
    start, end = (_offset(data, key, where) for key in ("start", "end"))
    if end < start:
        raise SchemaError("target end is before its start", (*where, "end"))
    target = Target(
        exact=_string(data, "exact", where, required=True),
        prefix=_string(data, "prefix", where),
        suffix=_string(data, "suffix", where),
        start=start,
        end=end,
        extra=_extra(data, _TARGET_KEYS),
    )
    target.unwritten.update({k: "" for k in ("prefix", "suffix") if k not in data})
    return target


def _mapping(data: Mapping[str, Any], key: str, where: KeyPath) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        problem = "missing" if value is None else "must be a mapping"
        raise SchemaError(f"{_dotted(where, key)} {problem}", (*where, key))
    return value


def _string(
    data: Mapping[str, Any], key: str, where: KeyPath, *, required: bool = False, default: str = ""
) -> str:
    if key not in data or data[key] is None:
        if required:
            raise SchemaError(f"missing {_dotted(where, key)}", (*where, key))
        return default
    value = data[key]
    if not isinstance(value, str):
        raise SchemaError(f"{_dotted(where, key)} must be a string", (*where, key))
    return value


def _offset(data: Mapping[str, Any], key: str, where: KeyPath) -> int:
    value = data.get(key)
    if value is None:
        raise SchemaError(f"missing {_dotted(where, key)}", (*where, key))
    if not _is_int(value) or value < 0:
        raise SchemaError(f"{_dotted(where, key)} must be a whole number >= 0", (*where, key))
    return value


def _stamp(data: Mapping[str, Any], key: str, where: KeyPath) -> datetime:
    if data.get(key) is None:
        raise SchemaError(f"missing {_dotted(where, key)}", (*where, key))
    try:
        return parse_utc(data[key])
    except ValueError:
        raise SchemaError(
            f"{_dotted(where, key)} must be an ISO 8601 UTC time like 2026-11-26T08:01:02Z",
            (*where, key),
        ) from None


def _extra(data: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in known}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dotted(where: KeyPath, key: str | int) -> str:
    text = ""
    for part in (*where, key):
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text
