"""Notes' plain data written as YAML here, byte for byte as the dumper (`NotesDumper`)
writes it, for what most notes hold: mappings of plain keys, text, numbers, booleans,
times as reader writes them, and lists of one-line text. PyYAML's emitter spends a
third of a millisecond on a note, most of a save of a hundred thousand (a large import);
a note or a top-level key holding anything else (a tab, a line break of another kind, a
time read back from a file) is written by the dumper, alone."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from typing import Any

import yaml

from reader.infra.yamlsafe import AMBIGUOUS
from reader.notes.schema import Stamp

_STR = "tag:yaml.org,2002:str"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# The characters written here as they are: printable text and line feeds; not a tab,
# another kind of line break or a byte order mark (the dumper quotes or escapes those).
_UNSAFE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffd]"
)
# What keeps a one-line text from being written plain (PyYAML's `analyze_scalar`): a
# blank or an indicator at its start, `: ` or ` #` in it, a blank at its end.
_NOT_PLAIN = re.compile(r"\A(?:[ #,\[\]{}&*!|>'\"%@`]|---|\.\.\.|[?:-](?: |\Z))|:(?: |\Z)| #| \Z")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RESOLVER = yaml.SafeDumper(io.StringIO())  # (its implicit resolvers: the dumper's)
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers  # by first character


def dumped(data: Any, dump: Callable[[Any], str]) -> str:
    """`data` (a notes file's, or a list of notes) as `dump` writes it: what this module
    writes as `dump` would written here, each other top-level key or note by `dump`."""
    if type(data) is list and data:
        pieces = [_item(item, dump) for item in data]
    elif type(data) is dict and data:
        pieces = [_top(key, value, dump) for key, value in data.items()]
    else:
        return dump(data)
    if any("\n...\n" in piece for piece in pieces):
        return dump(data)  # ended by `...` alone (a `|+` text last): not so in the middle
    return "".join(pieces)


def _top(key: Any, value: Any, dump: Callable[[Any], str]) -> str:
    if type(value) is list and value and _plain_key(key):
        return f"{key}:\n" + "".join(_item(item, dump) for item in value)
    out: list[str] = []
    return "".join(out) if _mapping({key: value}, 0, out) else dump({key: value})


def _item(item: Any, dump: Callable[[Any], str]) -> str:
    """A list item (a note) at the top level, from its `- `."""
    out: list[str] = []
    if type(item) is dict and item and _mapping(item, 2, out):
        return "- " + "".join(out)[2:]
    return dump([item])


def _mapping(data: dict[Any, Any], indent: int, out: list[str]) -> bool:
    """Append the block mapping's lines at `indent`; False when it holds what only the
    dumper writes."""
    pad = " " * indent
    for key, value in data.items():
        if not _plain_key(key):
            return False
        kind = type(value)
        if kind is dict:
            out.append(f"{pad}{key}:" + ("\n" if value else " {}\n"))
            if not _mapping(value, indent + 2, out):
                return False
        elif kind is list:
            out.append(f"{pad}{key}:" + ("\n" if value else " []\n"))
            for item in value:  # (a list in a mapping is not indented)
                text = _scalar(item, indent + 2, one_line=True)
                if text is None:
                    return False
                out.append(f"{pad}-{text}")
        else:
            text = _scalar(value, indent + 2)
            if text is None:
                return False
            out.append(f"{pad}{key}:{text}")
    return True


@functools.lru_cache(maxsize=1024)  # (notes share their keys)
def _plain_key(key: Any) -> bool:
    return (
        type(key) is str
        and len(key) < 128
        and _KEY.fullmatch(key) is not None
        and not AMBIGUOUS.fullmatch(key)
        and _resolves(key, _STR)
    )


def _scalar(value: Any, indent: int, one_line: bool = False) -> str | None:
    """The value as written after its key's `:` or its item's `-`, to the end of its
    last line; None when only the dumper writes it so."""
    kind = type(value)
    if kind is str:
        return _text(value, indent, one_line)
    if kind is bool:
        return " true\n" if value else " false\n"
    if kind is int:
        return f" {value}\n" if abs(value) < 10**100 else None
    if value is None:
        return " null\n"
    if kind is float:
        text = repr(value).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return f" {text}\n" if _resolves(text, _FLOAT) else None
    if kind is Stamp:
        return f" {value}\n" if value and _plain(value, _TIMESTAMP) else None
    return None


def _text(text: str, indent: int, one_line: bool) -> str | None:
    if not text:
        return " ''\n"
    if _UNSAFE.search(text):
        return None
    if "\n" not in text:
        if not AMBIGUOUS.fullmatch(text) and _plain(text, _STR):
            return f" {text}\n"
        return " '" + text.replace("'", "''") + "'\n"
    if one_line or (text.endswith("\n") and (len(text) == 1 or text[-2] == "\n")):
        return None  # (kept line ends, `|+`, end the document with `...` when last)
    # A literal block: its indentation given when it starts with a blank, `-` when it
    # does not end with a line end.
    hints = ("2" if text[0] in " \n" else "") + ("" if text.endswith("\n") else "-")
    body = text[:-1] if text.endswith("\n") else text
    pad = " " * indent
    return f" |{hints}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in body.split("\n"))


def _plain(text: str, tag: str) -> bool:
    """Whether the one-line `text` (of `tag`) is written plain."""
    return not _NOT_PLAIN.search(text) and _resolves(text, tag)


def _resolves(text: str, tag: str) -> bool:
    """Whether the plain `text` reads back as of `tag`."""
    if text[0] not in _IMPLICIT:  # (most text: no other type starts so)
        return tag == _STR
    return bool(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == tag)
