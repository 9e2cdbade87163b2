"""Readwise's inline tags (``.tag`` words at the head of a note), written and read back.

An inline tag is ``.`` and one word that starts with a letter or digit; ``.h1``, ``.c1``
and ``.qa`` are Readwise's actions, no tags. So that any tag comes back exactly, a tag's
space is written ``_``, and in hex as in a web address (``%`` and two digits a byte) every
character the word cannot hold as it is: any other blank or control, ``_`` and ``%``
themselves, a first character that is no letter or digit, and the first of a word that
would be an action (``5" floppy`` is ``.5"_floppy``, ``h1`` ``.%681``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# An inline tag: `.` and a word starting with a letter, a digit or a character in hex.
INLINE_TAG = re.compile(r"\.((?:\w|%[0-9A-Fa-f]{2})\S*)")
# Readwise's actions (`.h1` a heading, `.c1` a concatenation, `.qa` a question).
ACTION = re.compile(r"h[1-6]|c\d+|qa", re.IGNORECASE)


def inline_tag(tag: str) -> str:
    """The tag as one inline tag, ``.`` and its word (the tag as it is, blanks and all);
    nothing for an empty tag, which no word stands for (``.`` alone is read as no tag)."""
    if not tag:
        return ""
    chars = [_written(char) for char in tag]
    if not re.match(r"\w", chars[0]) or ACTION.fullmatch("".join(chars)):
        chars[0] = _hex(chars[0]) if len(chars[0]) == 1 else chars[0]  # not yet in hex
    return "." + "".join(chars)


def tag_of(word: str) -> str | None:
    """The tag an inline tag's word (without its ``.``) stands for; None for an action."""
    if ACTION.fullmatch(word):
        return None
    return unquote(word.replace("_", " "))


def tags_line(note: str) -> tuple[tuple[str, ...], str]:
    """The tags of a note whose whole first line is ``.tag`` words, and the note after
    that line, as it is; an empty first line before more is an empty line of tags (as
    `readwise_note` writes a note of no tags that would read as one). Any other note as
    it is, no tags (".NET is great" is a note)."""
    first, newline, rest = note.partition("\n")
    if not first and newline:
        return (), rest
    found = [INLINE_TAG.fullmatch(word) for word in first.split()]
    tags = [tag_of(m[1]) if m else None for m in found]
    if not tags or None in tags:
        return (), note
    return tuple(t for t in tags if t is not None), rest


def _written(char: str) -> str:
    if char == " ":
        return "_"
    if char in "_%" or char.isspace() or not char.isprintable():
        return _hex(char)
    return char


def _hex(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
