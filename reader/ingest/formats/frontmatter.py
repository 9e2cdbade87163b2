"""YAML front matter between `---` fences: one bad value costs that field, not all of them."""

from __future__ import annotations

import re

from reader.errors import YamlError
from reader.infra.yamlsafe import load_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)
# A top-level `key:` line: where one field of a mapping starts.
_FIELD_START = re.compile(r"[^\s#\-?:][^:]*:(\s|$)")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter mapping, rest of the text).

    Front matter that does not load as a whole (an impossible date, an alias, a tag
    other than the safe ones, a syntax error) is read field by field: a field that
    loads alone is kept, one that does not is left out, and the block is never body
    text. A fenced block with no `key:` line at all is not front matter: it stays text.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    block = match.group(1) or ""
    try:
        data = load_yaml(block) or {}
    except YamlError:
        data = _field_by_field(block)
        if data is None:
            return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[match.end() :]


def _field_by_field(block: str) -> dict | None:
    """The fields of the block that load on their own; None when it has no field."""
    fields: list[list[str]] = []
    for line in block.splitlines(keepends=True):
        if _FIELD_START.match(line):
            fields.append([line])
        elif fields:
            fields[-1].append(line)  # an indented or continued value of the field above
    if not fields:
        return None
    data: dict = {}
    for lines in fields:
        try:
            value = load_yaml("".join(lines))
        except YamlError:
            continue
        if isinstance(value, dict):
            data.update((k, v) for k, v in value.items() if k not in data)
    return data
