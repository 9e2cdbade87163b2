"""Front matter: YAML between `---` lines, or TOML between `+++` lines (as Hugo writes
it); one bad value costs that field, not all of them."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import NamedTuple

from reader.errors import YamlError
from reader.infra.yamlsafe import load_yaml


class FrontMatter(NamedTuple):
    """A text's front matter, the text after it, a line for each field left out, the
    line of the file each field starts on, and whether the text has front matter (empty
    or not: a file of only that is an article with no text)."""

    fields: dict
    body: str
    ignored: list[str]
    lines: dict[str, int]
    found: bool = False


class _Unreadable(Exception):
    """A block or a field that does not load; `problem` says why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _yaml(text: str) -> object:
    try:
        return load_yaml(text, unique_keys=True)  # a key given twice: read field by field
    except YamlError as error:
        raise _Unreadable(error.problem) from None


def _toml(text: str) -> object:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Its line is of the block or the field alone: the file's is said instead.
        problem = re.sub(r" \(at (line \d+, column \d+|end of document)\)$", "", str(error))
        raise _Unreadable(problem[:1].lower() + problem[1:]) from None
    except ValueError:  # a number of thousands of digits
        raise _Unreadable("a value too long to read") from None
    except RecursionError:
        raise _Unreadable("nested too deep") from None


class _Syntax(NamedTuple):
    """How one language's front matter is fenced, where its fields start, how it loads."""

    fence: str
    block: re.Pattern[str]
    field_start: re.Pattern[str]
    load: Callable[[str], object]
    separator: str


_YAML = _Syntax(
    "---",
    re.compile(r"\A---[ \t]*\n(.*?\n)?(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL),
    re.compile(r"[^\s#\-?:][^:]*:(\s|$)"),  # a top-level `key:` line
    _yaml,
    ":",
)
_TOML = _Syntax(
    "+++",
    re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(\n|\Z)", re.DOTALL),
    re.compile(r"([\w\-\"'.][^=]*=|\[)"),  # a top-level `key =` line, or a `[table]`
    _toml,
    "=",
)


def unclosed(fence: str) -> str:
    """Said of front matter that no `fence` line closes: its text is shown as written."""
    return f'front matter ignored (line 1: no closing "{fence}" line; its fields are read as text)'


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
    that is never closed, named in `ignored`. A block in the other syntax (YAML between
    `+++` lines, TOML between `---` lines) is read in that one. Of a field given twice
    the later value is used, the earlier named in `ignored`.
    """
    syntax = _TOML if text.startswith("+++") else _YAML
    match = syntax.block.match(text)
    if not match:
        return FrontMatter(
            {}, text, [unclosed(syntax.fence)] if _unclosed(text, syntax) else [], {}
        )
    block = match.group(1) or ""
    syntax = _syntax_of(block, syntax)
    ignored: list[str] = []
    fields = _fields(block, syntax)
    try:
        data = syntax.load(block) or {}
        lines = {_name(field, syntax): first for first, field in fields}  # the last one counts
    except _Unreadable:
        if not fields:
            return FrontMatter({}, text, [], {})
        data, lines = _field_by_field(fields, ignored, syntax)
    if not isinstance(data, dict):
        return FrontMatter({}, text, [], {})
    return FrontMatter(data, text[match.end() :], ignored, lines, found=True)


def _syntax_of(block: str, fenced: _Syntax) -> _Syntax:
    """The syntax a closed block is read in: that of its fences, unless the block is no
    mapping in it and opens with a field of the other syntax, and is a mapping in that
    one or has no field of the fences' syntax at all (then read field by field in it)."""
    other = _YAML if fenced is _TOML else _TOML
    if not _opens_with_field(block, other) or _is_mapping(block, fenced):
        return fenced
    return other if _is_mapping(block, other) or not _fields(block, fenced) else fenced


def _opens_with_field(block: str, syntax: _Syntax) -> bool:
    """Whether the block's first line, past blank and comment lines, starts a field."""
    for line in block.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            return bool(syntax.field_start.match(line))
    return False


def _is_mapping(block: str, syntax: _Syntax) -> bool:
    try:
        return isinstance(syntax.load(block), dict)
    except _Unreadable:
        return False


def _unclosed(text: str, syntax: _Syntax) -> bool:
    """Whether `text` opens front matter (the fence, then `key: value` lines up to the
    first blank line, that load as a mapping) that no fence line closes."""
    opening = re.match(rf"{re.escape(syntax.fence)}[ \t]*\n", text)
    if not opening:
        return False
    paragraph = text[opening.end() :].split("\n\n", 1)[0] + "\n"
    if not syntax.field_start.match(paragraph):
        return False
    try:
        return isinstance(syntax.load(paragraph), dict)
    except _Unreadable:
        return False


def _fields(block: str, syntax: _Syntax) -> list[tuple[int, list[str]]]:
    """Each top-level field of the block: the line of the file it starts on, its lines."""
    fields: list[tuple[int, list[str]]] = []
    for number, line in enumerate(block.splitlines(keepends=True), start=2):  # after the fence
        in_table = bool(fields) and _in_table(fields[-1][1], syntax)
        if syntax.field_start.match(line) and (line.startswith("[") or not in_table):
            fields.append((number, [line]))
        elif fields:
            fields[-1][1].append(line)  # an indented or continued value of the field above
    return fields


def _in_table(field: list[str], syntax: _Syntax) -> bool:
    """Whether `field` is a TOML table (`[params]`), which takes every line after it."""
    return syntax is _TOML and field[0].startswith("[")


def _name(field: list[str], syntax: _Syntax) -> str:
    head = field[0].split(syntax.separator, 1)[0] if not _in_table(field, syntax) else field[0]
    return head.strip().strip("[]").strip().strip("\"'")


def _field_by_field(
    fields: list[tuple[int, list[str]]], ignored: list[str], syntax: _Syntax
) -> tuple[dict, dict[str, int]]:
    """The fields that load on their own, and the line each starts on. A line for each
    field that does not, and for each given again (the later one is used), is added to
    `ignored`."""
    data: dict = {}
    lines: dict[str, int] = {}
    for first, field in fields:
        try:
            value = syntax.load("".join(field))
        except _Unreadable as error:
            ignored.append(ignored_field(_name(field, syntax), first, error.problem))
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                if key in data:
                    again = f"given again on line {first}, whose value is used"
                    ignored.append(ignored_field(str(key), lines[str(key)], again))
                data[key] = item
                lines[str(key)] = first
    return data, lines
