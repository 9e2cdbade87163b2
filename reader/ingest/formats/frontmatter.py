"""YAML front matter between `---` fences: one bad value costs that field, not all of them."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.errors import YamlError
from reader.infra.yamlsafe import load_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)
_OPENING = re.compile(r"\A---[ \t]*\n")
# Said of front matter that no `---` line closes: its text is shown as it is written.
UNCLOSED = 'front matter ignored (line 1: no closing "---" line; its fields are read as text)'
# A top-level `key:` line: where one field of a mapping starts.
_FIELD_START = re.compile(r"[^\s#\-?:][^:]*:(\s|$)")


class FrontMatter(NamedTuple):
    """A text's front matter, the text after it, a line for each field left out, and the
    line of the file each field starts on."""

    fields: dict
    body: str
    ignored: list[str]
    lines: dict[str, int]


def ignored_field(name: str, line: int | None, why: str) -> str:
    """How a field left out is named: `front matter field "date" ignored (line 3: why)`."""
    where = f"line {line}: " if line else ""
    return f'front matter field "{name}" ignored ({where}{why})'


def split_front_matter(text: str) -> FrontMatter:
    """The front matter mapping, the rest of the text, and what was left out of it.

    Front matter that does not load as a whole (an impossible date, an alias, a tag
    other than the safe ones, a syntax error) is read field by field: a field that
    loads alone is kept, one that does not is left out (and named in `ignored`, with
    its line in the text and why), and the block is never body text. A fenced block
    with no `key:` line at all is not front matter: it stays text. So does front matter
    that is never closed, named in `ignored`.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, text, [UNCLOSED] if _unclosed(text) else [], {})
    block = match.group(1) or ""
    ignored: list[str] = []
    fields = _fields(block)
    try:
        data = load_yaml(block) or {}
        lines = {_name(field): first for first, field in fields}  # the last one counts
    except YamlError:
        if not fields:
            return FrontMatter({}, text, [], {})
        data, lines = _field_by_field(fields, ignored)
    if not isinstance(data, dict):
        return FrontMatter({}, text, [], {})
    return FrontMatter(data, text[match.end() :], ignored, lines)


def _unclosed(text: str) -> bool:
    """Whether `text` opens front matter (`---`, then `key: value` lines up to the first
    blank line, that load as a mapping) that no `---` line closes."""
    opening = _OPENING.match(text)
    if not opening:
        return False
    paragraph = text[opening.end() :].split("\n\n", 1)[0] + "\n"
    if not _FIELD_START.match(paragraph):
        return False
    try:
        return isinstance(load_yaml(paragraph), dict)
    except YamlError:
        return False


def _fields(block: str) -> list[tuple[int, list[str]]]:
    """Each top-level field of the block: the line of the file it starts on, its lines."""
    fields: list[tuple[int, list[str]]] = []
    for number, line in enumerate(block.splitlines(keepends=True), start=2):  # after `---`
        if _FIELD_START.match(line):
            fields.append((number, [line]))
        elif fields:
            fields[-1][1].append(line)  # an indented or continued value of the field above
    return fields


def _name(field: list[str]) -> str:
    return field[0].split(":", 1)[0].strip().strip("\"'")


def _field_by_field(
    fields: list[tuple[int, list[str]]], ignored: list[str]
) -> tuple[dict, dict[str, int]]:
    """The fields that load on their own, and the line each starts on. A line for each
    field that does not is added to `ignored`."""
    data: dict = {}
    lines: dict[str, int] = {}
    for first, field in fields:
        try:
            value = load_yaml("".join(field))
        except YamlError as error:
            ignored.append(ignored_field(_name(field), first, error.problem))
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in data:
                    data[key] = item
                    lines[str(key)] = first
    return data, lines
