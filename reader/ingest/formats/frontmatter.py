"""YAML front matter between `---` fences: one bad value costs that field, not all of them."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.errors import YamlError
from reader.infra.yamlsafe import load_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)
# A top-level `key:` line: where one field of a mapping starts.
_FIELD_START = re.compile(r"[^\s#\-?:][^:]*:(\s|$)")


class FrontMatter(NamedTuple):
    """A text's front matter, the text after it, and a line for each field left out."""

    fields: dict
    body: str
    ignored: list[str]


def split_front_matter(text: str) -> FrontMatter:
    """The front matter mapping, the rest of the text, and what was left out of it.

    Front matter that does not load as a whole (an impossible date, an alias, a tag
    other than the safe ones, a syntax error) is read field by field: a field that
    loads alone is kept, one that does not is left out (and named in `ignored`, with
    its line in the text and why), and the block is never body text. A fenced block
    with no `key:` line at all is not front matter: it stays text.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, text, [])
    block = match.group(1) or ""
    ignored: list[str] = []
    try:
        data = load_yaml(block) or {}
    except YamlError:
        data = _field_by_field(block, ignored)
        if data is None:
            return FrontMatter({}, text, [])
    if not isinstance(data, dict):
        return FrontMatter({}, text, [])
    return FrontMatter(data, text[match.end() :], ignored)


def _field_by_field(block: str, ignored: list[str]) -> dict | None:
    """The fields of the block that load on their own; None when it has no field. A
    line for each field that does not is added to `ignored`."""
    fields: list[tuple[int, list[str]]] = []  # (the line of the file it starts on, its lines)
    for number, line in enumerate(block.splitlines(keepends=True), start=2):  # after `---`
        if _FIELD_START.match(line):
            fields.append((number, [line]))
        elif fields:
            fields[-1][1].append(line)  # an indented or continued value of the field above
    if not fields:
        return None
    data: dict = {}
    for first, lines in fields:
        try:
            value = load_yaml("".join(lines))
        except YamlError as error:
            name = lines[0].split(":", 1)[0].strip()
            ignored.append(f'front matter field "{name}" ignored (line {first}: {error.problem})')
            continue
        if isinstance(value, dict):
            data.update((k, v) for k, v in value.items() if k not in data)
    return data
