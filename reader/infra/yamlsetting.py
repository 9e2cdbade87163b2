"""One top-level setting of a YAML text set to a string in place, the rest kept byte for byte.

The value of the key's line is replaced and its comment kept (of a key given twice, the
later one, which is the one read); a key not there gets a line at the end. Settings in
flow style, or a value that is not a scalar, are not rewritten; nor is any text whose
edit would not read back as the same settings with the new value.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from reader.errors import YamlError
from reader.infra.yamlsafe import compose_yaml, load_yaml

_BOM = "\ufeff"
# A block scalar's header (`|`, `>-`, `|2+`) and the comment after it.
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*(?P<comment>[ \t]+#.*)?")
_STR = "tag:yaml.org,2002:str"


class NotEditable(Exception):
    """Why the setting cannot be set in place; `line` (1-based) where, when known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def set_setting(text: str, key: str, value: str) -> str:
    """`text` with its top-level `key` set to `value`. Raises `YamlError` when `text`
    does not parse, `NotEditable` when it cannot be edited in place."""
    bom = _BOM if text.startswith(_BOM) else ""  # (marks are counted without it)
    body = text[len(bom) :]
    before = load_yaml(body)
    if before is None:
        before = {}
    if not isinstance(before, dict):
        raise NotEditable("expected a mapping of settings", 1)
    edited = bom + _edited(body, compose_yaml(body), key, _scalar(value))
    if not _reads_as(edited, before, key, value):
        raise NotEditable(f"{key} cannot be written without changing other settings")
    return edited


def _edited(body: str, root: yaml.Node | None, key: str, written: str) -> str:
    if root is None or root.tag == "tag:yaml.org,2002:null":  # comments, `---`: the first
        return _appended(body, f"{key}: {written}")
    if not isinstance(root, yaml.MappingNode):  # (refused above)
        raise NotEditable("expected a mapping of settings", 1)
    if root.flow_style:
        raise NotEditable(
            "the settings are in flow style ({…}), which is not rewritten",
            root.start_mark.line + 1,
        )
    nodes = [v for k, v in root.value if k.tag == _STR and k.value == key]
    if not nodes:
        return _appended(body, " " * root.start_mark.column + f"{key}: {written}")
    node = nodes[-1]
    if not isinstance(node, yaml.ScalarNode):
        raise NotEditable(f"{key} is not one line of text", node.start_mark.line + 1)
    start, end = node.start_mark.index, node.end_mark.index
    span = body[start:end]
    if node.style in ("|", ">"):
        replacement = _block_replaced(span, written)
    elif start == end:  # `key:` with no value (a comment may follow)
        replacement = f" {written}"
    else:
        replacement = written
    return body[:start] + replacement + body[end:]


def _block_replaced(span: str, written: str) -> str:
    """A block scalar (`|`, its lines and the line breaks after them) as one value on its
    key's line, the header's comment and the breaks kept."""
    header = re.split(r"\r\n|\r|\n", span, maxsplit=1)[0]
    match = _BLOCK_HEADER.fullmatch(header)
    comment = (match["comment"] or "") if match else ""
    content_end = max(len(span.rstrip(" \t\r\n")), len(header))
    return written + comment + span[content_end:]


def _appended(body: str, line: str) -> str:
    ending = "\r\n" if "\r\n" in body else "\n"
    if body and not body.endswith(("\n", "\r")):
        body += ending
    return body + line + ending


def _scalar(value: str) -> str:
    """`value` as YAML writes a scalar: plain when it can be, on one line."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 20)
    written = dumped.removesuffix("...\n").rstrip("\n")
    if "\n" in written or "\r" in written:
        raise NotEditable("the value does not fit on one line")
    return written


def _reads_as(edited: str, before: dict[Any, Any], key: str, value: str) -> bool:
    """Whether `edited` reads as the settings `before` with `key` set to `value`."""
    try:
        after = load_yaml(edited)
    except YamlError:
        return False
    if not isinstance(after, dict) or after.get(key) != value:
        return False
    return {k: v for k, v in after.items() if k != key} == {
        k: v for k, v in before.items() if k != key
    }
