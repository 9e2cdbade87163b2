"""A notes file saved over its own text: the header and every note nobody touched kept
byte for byte (their styles, comments, line ends, a BOM), only new and changed notes
written by the dumper, removed ones taken out. The result must read back as the notes
meant, or the whole file is written by the dumper instead."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

from reader.errors import ReaderError
from reader.infra.yamloutline import KeySpan, Outline
from reader.notes.schema import Annotation, NotesFile, Stamp, annotation_data, to_data, with_broken
from reader.notes.spans import outline
from reader.notes.yamlio import NotesDumper, dump_data, dump_notes, parse_notes, valid_text

_BOM = "\ufeff"
# Line breaks other than LF and CRLF (a lone CR, NEL, LS, PS): lines are not cut here.
_LONE_CR = re.compile("\r(?!\n)")
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
_STR = "tag:yaml.org,2002:str"


def saved_bytes(
    raw: bytes | None, read: NotesFile, notes: NotesFile, shape: Outline | None = None
) -> bytes:
    """The bytes to write for `notes` over a file's `raw` bytes, which read as `read`;
    `shape` is the file's outline when its parse took it (see `parse_notes`)."""
    if raw is not None:
        text = raw.decode("utf-8")  # it parsed, so it decodes
        bom, body = (_BOM, text[1:]) if text.startswith(_BOM) else ("", text)
        newline = _newline(body)
        made: dict[int, Any] = {}
        old, new = _plain(read, made), _plain(notes, made)
        # (the outline's places are in the text as parsed, the BOM included)
        spliced = _spliced(body, old, new, newline, None if bom else shape)
        if spliced is not None and _proved(bom, spliced, new):
            return (bom + spliced).encode("utf-8")
        if bom or newline != "\n":  # the whole file by the dumper, in the file's own style
            whole = _whole(new)
            dumped = bom + dump_data(whole).replace("\n", newline)
            if _reads_as(dumped, whole):
                return dumped.encode("utf-8")
    return dump_notes(notes).encode("utf-8")


class _Notes:
    """The notes of a file as the splice sees them: each a note or a broken note's data,
    in the order of the file, the plain data of each made only when asked, once for a
    note both files hold (a save shares every note it did not change with the file
    read). Most of a file of thousands of notes is never made into data."""

    def __init__(self, notes: NotesFile, made: dict[int, Any]) -> None:
        self.items: list[Any] = with_broken(list(notes.annotations), notes)
        self._made = made  # by the item's id(): both lists are alive while it is used

    def __len__(self) -> int:
        return len(self.items)

    def data(self, at: int) -> Any:
        item = self.items[at]
        found = self._made.get(id(item))
        if found is None:
            plain = annotation_data(item) if isinstance(item, Annotation) else item
            found = self._made[id(item)] = valid_text(plain)
        return found

    def id_of(self, at: int) -> Any:
        item = self.items[at]
        return item.id if isinstance(item, Annotation) else _id_of(item)

    def same(self, at: int, other: _Notes, there: int) -> bool:
        """Whether the note `at` is written as `other`'s note `there`."""
        return self.items[at] is other.items[there] or _same(self.data(at), other.data(there))

    def unchanged(self, other: _Notes) -> bool:
        return len(self) == len(other) and all(self.same(i, other, i) for i in range(len(self)))

    def whole(self) -> list[Any]:
        return [self.data(i) for i in range(len(self))]


def _plain(notes: NotesFile, made: dict[int, Any]) -> dict[str, Any]:
    """The file's plain data (as `to_data` makes it), its notes a `_Notes`."""
    data: dict[str, Any] = valid_text(to_data(replace(notes, annotations=[], broken=())))
    data["annotations"] = _Notes(notes, made)
    return data


def _whole(data: dict[str, Any]) -> dict[str, Any]:
    """The plain data with its notes made whole."""
    return {k: v.whole() if isinstance(v, _Notes) else v for k, v in data.items()}


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, _Notes) and isinstance(b, _Notes):
        return a.unchanged(b)
    return _same(_whole_value(a), _whole_value(b))


def _whole_value(value: Any) -> Any:
    return value.whole() if isinstance(value, _Notes) else value


def _other_breaks(body: str) -> bool:
    """Whether `body` holds a line break other than LF and CRLF (each looked for with
    `in`: one pass of a regular expression over megabytes is slower)."""
    if "\r" in body and _LONE_CR.search(body):
        return True
    return any(brk in body for brk in _OTHER_BREAKS)


def _newline(body: str) -> str:
    """The file's line end, as its first line ends."""
    first = body.find("\n")
    return "\r\n" if first > 0 and body[first - 1] == "\r" else "\n"


class _Spliced(str):
    """A spliced text, and the smaller text that proves it when there is one: the file
    with, of its notes, only those next to a joint the file did not have (a note written
    new, or two notes brought together), and the plain data it must read as."""

    probe: tuple[str, Any] | None = None


def _proved(bom: str, spliced: str, new: Any) -> bool:
    """Whether `spliced` reads as `new`. The notes kept read as they did, each between
    the same neighbours as before: read back, the probe proves the rest (the header, the
    notes written new and their joints), else the whole text is read back."""
    probe = getattr(spliced, "probe", None)
    if probe is not None and _reads_as(bom + probe[0], probe[1]):
        return True
    return _reads_as(bom + spliced, _whole(new))


def _reads_as(text: str, wanted: Any) -> bool:
    try:
        return _same(valid_text(to_data(parse_notes(text, ""))), wanted)
    except ReaderError:
        return False


def _spliced(
    body: str, old: dict[str, Any], new: dict[str, Any], newline: str, shape: Outline | None
) -> str | None:
    """`body` (which reads as the plain data `old`, outlined by `shape` when known) with
    the top-level keys and notes that differ in `new` written anew; None when its shape
    is not one spliced here (a flow mapping, odd line breaks, …)."""
    if _other_breaks(body):
        return None
    shape = shape or outline(body)
    if shape is None:
        return None
    keys = shape.keys
    starts = [_line_start(body, k.start) for k in keys]
    if any(body[s : k.start].strip(" ") for s, k in zip(starts, keys, strict=True)):
        return None
    ends = [*starts[1:], _end(body, shape.end)]
    pieces = [body[: starts[0]]]
    probe: tuple[int, str, list[Any]] | None = None  # the notes' place in pieces
    for key_span, start, end in zip(keys, starts, ends, strict=True):
        key = key_span.name
        if key not in new:
            continue
        if key in old and _same_value(old[key], new[key]):
            pieces.append(body[start:end])
        else:
            kept = None
            if key == "annotations" and key_span.items is not None:
                kept = _spliced_notes(body, key_span, start, end, old[key], new[key], newline)
            if kept is None:
                pieces.append(_fragment({key: _whole_value(new[key])}, newline))
            else:
                pieces.append(kept[0])
                probe = None if kept[1] is None else (len(pieces) - 1, *kept[1])
    written = {k.name for k in keys}
    pieces += [_fragment({k: _whole_value(v)}, newline) for k, v in new.items() if k not in written]
    pieces.append(body[ends[-1] :])
    spliced = _Spliced(_joined(pieces, newline))
    if probe is not None:
        at, notes_text, notes = probe
        pieces[at] = notes_text
        spliced.probe = (_joined(pieces, newline), {**new, "annotations": notes})
    return spliced


def _spliced_notes(
    body: str,
    seq: KeySpan,
    start: int,
    end: int,
    old: _Notes,
    new: _Notes,
    newline: str,
) -> tuple[str, tuple[str, list[Any]] | None] | None:
    """The `annotations:` key and its list from `start` to `end`, each note of `new`
    found unchanged in `old` as its text in `body`, the others dumped; and the same with
    only the notes next to a new joint, with those notes (None when the whole list must
    be read back)."""
    items = seq.items or []
    if seq.flow or not items or len(items) != len(old):
        return None
    dashes = []
    after = seq.items_start
    for item_start, item_end in items:
        dash = _dash(body, after, item_start)
        if dash is None:
            return None
        dashes.append(dash)
        after = item_end
    starts = [_line_start(body, d) for d in dashes]
    if any(body[s:d].strip(" ") for s, d in zip(starts, dashes, strict=True)):
        return None
    seq_end = _end(body, seq.items_end)
    spans = list(zip(starts, [*starts[1:], seq_end], strict=True))
    indent = " " * (dashes[0] - starts[0])
    unused: dict[Any, list[int]] = {}
    for i in range(len(old)):
        unused.setdefault(old.id_of(i), []).append(i)
    texts: list[str] = []
    sources: list[int | None] = []  # the old note each is, None for one written new
    for at in range(len(new)):
        candidates = unused.get(new.id_of(at), [])
        kept = next((i for i in candidates if old.same(i, new, at)), None)
        if kept is None:
            texts.append(_indented(_fragment([new.data(at)], newline), indent))
        else:
            candidates.remove(kept)
            texts.append(body[slice(*spans[kept])])
        sources.append(kept)
    head, tail = body[start : starts[0]], body[seq_end:end]
    text = _joined([head, *texts, tail], newline)
    chosen = _next_to_new_joints(sources, len(old))
    ids = [i for i in map(new.id_of, range(len(new))) if i is not None]
    if not chosen or len(set(ids)) != len(ids):  # (an id twice is refused by the whole)
        return text, None
    probe = _joined([head, *(texts[i] for i in chosen), tail], newline)
    return text, (probe, [new.data(i) for i in chosen])


def _next_to_new_joints(sources: list[int | None], count: int) -> list[int]:
    """The positions of the notes on either side of each joint the old list of `count`
    notes did not have (the list's start and end count as joints)."""
    bounds: list[int | None] = [-1, *sources, count]
    chosen: set[int] = set()
    for at in range(len(bounds) - 1):
        before, after = bounds[at], bounds[at + 1]
        if before is None or after is None or after != before + 1:
            chosen.update(i for i in (at - 1, at) if 0 <= i < len(sources))
    return sorted(chosen)


def _dash(body: str, start: int, stop: int) -> int | None:
    """Where the `-` of a list item is between `start` and the item at `stop`, past
    blanks and comments; None when something else is there."""
    at = start
    while at < stop:
        ch = body[at]
        if ch == "-":
            return at
        if ch == "#":
            at = body.find("\n", at)
            if at < 0:
                return None
        elif ch not in " \t\r\n":
            return None
        at += 1
    return None


def _line_start(body: str, at: int) -> int:
    return body.rfind("\n", 0, at) + 1


def _end(body: str, at: int) -> int:
    """Where a node ending at `at` ends as whole lines: the start of its line when only
    blanks come before it there."""
    start = _line_start(body, at)
    return start if not body[start:at].strip(" \t") else at


def _id_of(item: Any) -> Any:
    found = item.get("id") if isinstance(item, dict) else None
    return found if isinstance(found, str) else None


def _fragment(data: Any, newline: str) -> str:
    return dump_data(data).replace("\n", newline)


def _indented(text: str, indent: str) -> str:
    if not indent:
        return text
    return "".join(indent + line if line.strip() else line for line in text.splitlines(True))


def _joined(pieces: list[str], newline: str) -> str:
    """The pieces one after the other, each from the start of a line."""
    out: list[str] = []
    for piece in pieces:
        if out and out[-1] and not out[-1].endswith("\n") and piece:
            out.append(newline)
        out.append(piece)
    return "".join(out)


def _same(a: Any, b: Any) -> bool:
    """Whether two values of notes' plain data are written the same (`True` is not `1`,
    a time read back with its text is the time written)."""
    if isinstance(a, dict) or isinstance(b, dict):
        return (
            isinstance(a, dict)
            and isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list | tuple) or isinstance(b, list | tuple):
        return (
            isinstance(a, list | tuple)
            and isinstance(b, list | tuple)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    if type(a) is type(b) and type(a) in _PLAIN:
        return bool(a == b)
    return _scalar(a) == _scalar(b)


# Equal values of these types are written alike.
_PLAIN = (str, Stamp, int, bool, type(None), set, frozenset)


def _scalar(value: Any) -> tuple[str, str, str | None]:
    """How the dumper writes a scalar: its tag, text and style."""
    node: Any = NotesDumper(io.StringIO()).represent_data(value)
    return node.tag, node.value, node.style
