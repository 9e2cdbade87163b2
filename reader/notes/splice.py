"""A notes file saved over its own text: the header and every note nobody touched kept
byte for byte (their styles, comments, line ends, a BOM), only new and changed notes
written by the dumper, removed ones taken out. The result must read back as the notes
meant, or the whole file is written by the dumper instead. A file read in part (see
`reader.notes.skim`) is spliced so too, or not at all (it is then read whole)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

from reader.errors import ReaderError
from reader.infra.yamlevents import Unbuilt
from reader.infra.yamloutline import KeySpan, Outline
from reader.infra.yamlsafe import CannotBuild
from reader.notes.leading import lead_start
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


def saved_items(
    body: str,
    read: NotesFile,
    notes: NotesFile,
    items: tuple[list[Any], list[Any]],
    shape: Outline,
) -> bytes | None:
    """The bytes to write over a file read in part (`reader.notes.skim`) from its text
    `body`: `read` its header and the notes read, `notes` what a change made of them,
    `items` the file's notes before and after it, in the file's order (a note not read
    is an `Unbuilt`). None unless the splice is proved by reading back the header, the
    notes written new and those next to the joints it made: the rest of the file was not
    read into notes."""
    if body.startswith(_BOM):
        return None
    made: dict[int, Any] = {}
    old, new = _plain(read, made, items[0]), _plain(notes, made, items[1])
    try:
        spliced = _spliced(body, old, new, _newline(body), shape)
        if spliced is not None and (spliced == body or _proved("", spliced, new)):
            return spliced.encode("utf-8")  # (the text read, unchanged, reads as it did)
    except _NotRead:
        pass  # proving it would take a note not read
    return None


class _NotRead(Exception):
    """A note not read (an `Unbuilt`) asked for as data."""


class _Notes:
    """The notes of a file as the splice sees them: each a note or a broken note's data,
    in the order of the file, the plain data of each made only when asked, once for a
    note both files hold (a save shares every note it did not change with the file
    read). Most of a file of thousands of notes is never made into data."""

    def __init__(self, items: list[Any], made: dict[int, Any]) -> None:
        self.items = items
        self._made = made  # by the item's id(): both lists are alive while it is used

    def __len__(self) -> int:
        return len(self.items)

    def data(self, at: int) -> Any:
        item = self.items[at]
        found = self._made.get(id(item))
        if found is None:
            if isinstance(item, Unbuilt):
                raise _NotRead
            plain = annotation_data(item) if isinstance(item, Annotation) else item
            found = self._made[id(item)] = valid_text(plain)
        return found

    def id_of(self, at: int) -> Any:
        item = self.items[at]
        if isinstance(item, Unbuilt):
            return item.label
        return item.id if isinstance(item, Annotation) else _id_of(item)

    def same(self, at: int, other: _Notes, there: int) -> bool:
        """Whether the note `at` is written as `other`'s note `there`."""
        return self.items[at] is other.items[there] or _same(self.data(at), other.data(there))

    def unchanged(self, other: _Notes) -> bool:
        return len(self) == len(other) and all(self.same(i, other, i) for i in range(len(self)))

    def whole(self) -> list[Any]:
        return [self.data(i) for i in range(len(self))]


def _plain(
    notes: NotesFile, made: dict[int, Any], items: list[Any] | None = None
) -> dict[str, Any]:
    """The file's plain data (as `to_data` makes it), its notes (`items` when given) a
    `_Notes`."""
    data: dict[str, Any] = valid_text(to_data(replace(notes, annotations=[], broken=())))
    if items is None:
        items = with_broken(list(notes.annotations), notes)
    data["annotations"] = _Notes(items, made)
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
    lines = [_line_start(body, k.start) for k in keys]
    if any(body[s : k.start].strip(" ") for s, k in zip(lines, keys, strict=True)):
        return None
    changed = [
        k.name not in new or k.name not in old or not _same_value(old[k.name], new[k.name])
        for k in keys
    ]
    last = _end(body, shape.end)
    starts = _key_starts(body, keys, lines, changed, last)
    ends = starts[1:]
    pieces = [body[: starts[0]]]
    probe: tuple[int, str, list[Any]] | None = None  # the notes' place in pieces
    for key_span, start, end, rewritten in zip(keys, starts[:-1], ends, changed, strict=True):
        key = key_span.name
        if not rewritten:
            pieces.append(body[start:end])
            continue
        own = _line_start(body, key_span.start)
        lead = body[start:own]
        trail = body[_trail_start(body, key_span, own, end) : end] if end == last else ""
        if key not in new:  # (its own lines go with it)
            pieces.append(trail)
            continue
        kept = None
        if key == "annotations" and key_span.items is not None:
            kept = _spliced_notes(body, key_span, start, end, old[key], new[key], newline)
        if kept is None:
            pieces.append(lead + _fragment({key: _whole_value(new[key])}, newline) + trail)
        else:
            pieces.append(kept[0])
            probe = None if kept[1] is None else (len(pieces) - 1, *kept[1])
    written = {k.name for k in keys}
    pieces += [_fragment({k: _whole_value(v)}, newline) for k, v in new.items() if k not in written]
    pieces.append(body[last:])
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
    found unchanged in `old` as its text in `body`, the others dumped (a note rewritten
    after the comment lines that lead it); and the same with only the notes next to a
    new joint, with those notes (None when the whole list must be read back)."""
    if len(seq.items or ()) != len(old):
        return None
    sources = _sources(old, new)
    rewrites = _rewrites(old, new, sources)
    carried = [at for at, was in enumerate(sources) if was is not None or at in rewrites]
    chosen = set(_next_to_new_joints(sources, len(old)))
    # Notes kept in a row are one stretch of the text: only where each stretch starts
    # and ends is looked for, and where each note next to a new joint and each note
    # rewritten does.
    bounds = {0, *rewrites.values()}
    for at, was in enumerate(sources):
        if was is not None:
            if at == 0 or sources[at - 1] != was - 1:
                bounds.add(was)
            if at + 1 == len(sources) or sources[at + 1] != was + 1 or at in chosen:
                bounds.update((was, was + 1))
    bounds.discard(len(old))
    order = sorted(bounds)
    dashes = _dashes(body, seq, order)
    if dashes is None:
        return None
    own = {i: _line_start(body, dash) for i, dash in zip(order, dashes, strict=True)}
    column = dashes[0] - own[0]
    # where each note's lines start, those that lead it with it
    items = seq.items or []
    start_of = {
        i: lead_start(body, _line_start(body, items[i - 1][0] if i else seq.start), own[i], column)
        for i in order
    }
    seq_end = min(_end(body, seq.items_end), end)
    start_of[len(old)] = _trail_start(body, seq, own[0], seq_end, column)
    trail = body[start_of[len(old)] : seq_end]
    after_trail = carried[-1] if carried else len(new) - 1
    if trail and new.items:
        chosen.add(after_trail)
    indent = " " * column
    dumped = {
        at: _lead_of(body, rewrites.get(at), start_of, own)
        + _indented(_fragment([new.data(at)], newline), indent)
        for at, was in enumerate(sources)
        if was is None
    }
    head, tail = body[start : start_of[0]], body[seq_end:end]
    pieces = [head]
    at = 0
    while at < len(sources):
        was = sources[at]
        if was is None:
            pieces.append(dumped[at])
            after = at + 1
        else:
            after = at + 1  # past the stretch of notes kept in a row
            while after < len(sources) and sources[after] == was + after - at:
                after += 1
            pieces.append(body[start_of[was] : start_of[was + after - at]])
        if at <= after_trail < after:
            pieces.append(trail)
        at = after
    if not sources:
        pieces.append(trail)
    text = _joined([*pieces, tail], newline)
    ids = [i for i in map(new.id_of, range(len(new))) if i is not None]
    if not chosen or len(set(ids)) != len(ids):  # (an id twice is refused by the whole)
        return text, None

    def text_of(at: int) -> str:
        was = sources[at]
        text = dumped[at] if was is None else body[start_of[was] : start_of[was + 1]]
        return text + trail if at == after_trail else text

    probe = _joined([head, *map(text_of, sorted(chosen)), tail], newline)
    return text, (probe, [_read_as(body, seq, new, i, sources[i]) for i in sorted(chosen)])


def _lead_of(body: str, was: int | None, start_of: dict[int, int], own: dict[int, int]) -> str:
    """The lines leading the note `was` of the file (none for a note new to it)."""
    return "" if was is None else body[start_of[was] : own[was]]


def _rewrites(old: _Notes, new: _Notes, sources: list[int | None]) -> dict[int, int]:
    """Of the notes of `new` written anew, those that rewrite a note of `old` (the first
    of their id not kept): by their place, the place of the note they rewrite."""
    taken = set(sources)
    unused: dict[Any, list[int]] = {}
    for i in range(len(old)):
        if i not in taken:
            unused.setdefault(old.id_of(i), []).append(i)
    rewrites: dict[int, int] = {}
    for at, was in enumerate(sources):
        found = unused.get(new.id_of(at)) if was is None and new.id_of(at) is not None else None
        if found:
            rewrites[at] = found.pop(0)
    return rewrites


def _key_starts(
    body: str, keys: list[KeySpan], lines: list[int], changed: list[bool], last: int
) -> list[int]:
    """Where each top-level key's lines start, the lines that lead it with it (looked
    for only next to a key rewritten), then `last`, where the keys end."""
    starts = [lines[0]]
    for i in range(1, len(keys)):
        if changed[i - 1] or changed[i]:
            starts.append(
                lead_start(body, _last_line(body, keys[i - 1], lines[i - 1]), lines[i], 0)
            )
        else:
            starts.append(lines[i])
    return [*starts, last]


def _trail_start(body: str, span: KeySpan, line: int, stop: int, column: int = 0) -> int:
    """Where the comment and blank lines after the text of the key `span` (its line at
    `line`), up to `stop`, start: those at `column` or less."""
    return lead_start(body, _last_line(body, span, line), stop, column)


def _last_line(body: str, span: KeySpan, line: int) -> int:
    """Where to look for the end of a key's text from: its last item's line when its
    value is a block list, else its own line."""
    if span.items and not span.flow:
        return _line_start(body, span.items[-1][0])
    return line


def _sources(old: _Notes, new: _Notes) -> list[int | None]:
    """Which note of `old` each note of `new` is, written the same (None for one to
    write new): the same note in the same place, else one of its id written the same."""
    sources: list[int | None] = [
        at if at < len(old) and item is old.items[at] else None for at, item in enumerate(new.items)
    ]
    taken = set(sources)
    unused: dict[Any, list[int]] = {}
    for i in range(len(old)):
        if i not in taken:
            unused.setdefault(old.id_of(i), []).append(i)
    for at, was in enumerate(sources):
        if was is None:
            candidates = unused.get(new.id_of(at), [])
            kept = next((i for i in candidates if old.same(i, new, at)), None)
            if kept is not None:
                candidates.remove(kept)
                sources[at] = kept
    return sources


def _read_as(body: str, seq: KeySpan, notes: _Notes, at: int, was: int | None) -> Any:
    """What the note `at` must read back as: its data; for a note not read (the note
    `was` of the list `seq` in `body`), what it reads as in the file alone."""
    if not isinstance(notes.items[at], Unbuilt):
        return notes.data(at)
    alone = None if was is None else notes_alone(body, seq, [was])
    try:
        read = None if alone is None else valid_text(to_data(parse_notes(alone, "")))
    except ReaderError:
        read = None
    if read is None or len(read["annotations"]) != 1:
        raise _NotRead
    return read["annotations"][0]


def notes_alone(body: str, seq: KeySpan, at: list[int]) -> str | None:
    """`body` with, of the items of the list `seq`, only those `at` (in order): the
    header and those notes, as a file of their own; None when the list is not one
    spliced here (see `_dashes`)."""
    count = len(seq.items or ())
    bounds = sorted({0, *at, *(i + 1 for i in at if i + 1 < count)})
    dashes = _dashes(body, seq, bounds)
    if dashes is None:
        return None
    start_of = {i: _line_start(body, dash) for i, dash in zip(bounds, dashes, strict=True)}
    seq_end = _end(body, seq.items_end)
    pieces = [body[: start_of[0]]]
    pieces += [body[start_of[i] : start_of.get(i + 1, seq_end)] for i in at]
    pieces.append(body[seq_end:])
    return "".join(pieces)


def _dashes(body: str, seq: KeySpan, at: list[int]) -> list[int] | None:
    """Where the `-` of each of the items `at` (in order) of the list `seq` is; None when
    the list is not one spliced here (a flow list, an item with something else than
    blanks before its `-` on its line)."""
    items = seq.items or []
    if seq.flow or not items:
        return None
    dashes: list[int] = []
    for i in at:
        dash = _dash(body, items[i - 1][1] if i else seq.items_start, items[i][0])
        if dash is None or body[_line_start(body, dash) : dash].strip(" "):
            return None
        dashes.append(dash)
    return dashes


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
    for piece in filter(None, pieces):
        if out and not out[-1].endswith("\n"):
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
_PLAIN = (str, Stamp, int, bool, type(None), set, frozenset, CannotBuild)


def _scalar(value: Any) -> tuple[str, str, str | None]:
    """How the dumper writes a scalar: its tag, text and style."""
    node: Any = NotesDumper(io.StringIO()).represent_data(value)
    return node.tag, node.value, node.style
