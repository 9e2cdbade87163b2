"""Links waiting to be fetched: `LIB/inbox/pending.yaml`, read by `reader add --pending`.

::

    # Links saved by `reader import`; `reader add --pending` fetches them.
    links:
    - url: https://example.org/a-story
      title: A story
      tags: [science]
      folder: Unread
      saved: 2024-03-01T10:00:00Z
      origin: {service: instapaper, id: https://example.org/a-story}

A link stays until its page is fetched (the lines of those fetched are taken out, the
others left as written, comments too); a link already listed is not added again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.importing.records import Link
from reader.infra.atomic import atomic_write
from reader.infra.yamlsafe import load_yaml
from reader.model import PENDING_LINKS
from reader.notes.timestamps import format_utc

_HEADER = "# Links saved by `reader import`; `reader add --pending` fetches them.\n"


class PendingFileError(ReaderError):
    """The pending links file cannot be read: it is left as it is."""


def pending_path(library: Path) -> Path:
    return library / PENDING_LINKS


def load_pending(library: Path) -> list[dict[str, Any]]:
    """The links waiting, as mappings with at least a `url`."""
    path = pending_path(library)
    text = _read(path)
    return [] if text is None else _links_in(path, text)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise PendingFileError(f"{path}: cannot read ({error})") from None


def _links_in(path: Path, text: str) -> list[dict[str, Any]]:
    try:
        data = load_yaml(text) or {}
    except ReaderError as error:
        raise PendingFileError(f"{path}: {error}") from None
    links = data.get("links") if isinstance(data, dict) else None
    if links is None and isinstance(data, dict) and "links" in data:
        return []  # `links:` and nothing under it: every link fetched
    if not isinstance(links, list) or not all(
        isinstance(x, dict) and isinstance(x.get("url"), str) for x in links
    ):
        raise PendingFileError(f"{path}: 'links' must be a list of mappings with a url")
    return links


def save_pending(library: Path, links: list[dict[str, Any]]) -> None:
    path = pending_path(library)
    text = _HEADER + yaml.safe_dump(
        {"links": links}, allow_unicode=True, sort_keys=False, width=100
    )
    _write(path, text)


def drop_fetched(library: Path, fetched: set[str]) -> None:
    """Take the links whose url is in `fetched` out of the file as it is now, every other
    line left as it was written (the user's comments, links listed meanwhile); a file
    not in the plain shape of one block list of mappings is written anew instead."""
    path = pending_path(library)
    text = _read(path)
    if text is None:
        return
    links = _links_in(path, text)
    left = [x for x in links if x["url"] not in fetched]
    if len(left) == len(links):
        return
    edited = _without(text, fetched)
    if edited is None or _links_in(path, edited) != left:
        save_pending(library, left)
    else:
        _write(path, edited)


def _without(text: str, fetched: set[str]) -> str | None:
    """`text` without the lines of the links whose url is in `fetched`; None when the
    links are not each on lines of their own."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "links"]
    if len(found) != 1 or not isinstance(found[0], yaml.SequenceNode) or found[0].flow_style:
        return None
    lines = text.splitlines(keepends=True)
    dropped: set[int] = set()
    for item in found[0].value:
        if not isinstance(item, yaml.MappingNode) or item.flow_style:
            return None
        urls = [v.value for k, v in item.value if k.value == "url"]
        if not urls or urls[0] not in fetched:
            continue
        first, last = item.start_mark.line, _last_line(item)
        if not lines[first].lstrip().startswith("-"):
            return None
        dropped.update(range(first, last + 1))
    return "".join(line for n, line in enumerate(lines) if n not in dropped)


def _last_line(node: yaml.Node) -> int:
    """The line of the last character of `node`'s value (a block collection's own end
    reaches over the comments after it)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        return max(_last_line(v) for pair in node.value for v in pair)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max((_last_line(v) for v in node.value), default=node.start_mark.line)
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise PendingFileError(f"cannot write {path}: {error.strerror or error}") from None


def add_links(library: Path, links: list[Link]) -> tuple[int, int]:
    """Append the links not listed yet, after the lines there (as written, comments
    too); (added, already listed)."""
    path = pending_path(library)
    text = _read(path)
    current = [] if text is None else _links_in(path, text)
    before = list(current)
    seen = {x["url"] for x in current}
    added = 0
    for link in links:
        if link.url in seen:
            continue
        seen.add(link.url)
        entry: dict[str, Any] = {"url": link.url}
        if link.title:
            entry["title"] = link.title
        if link.tags:
            entry["tags"] = list(link.tags)
        if link.folder:
            entry["folder"] = link.folder
        if link.saved:
            entry["saved"] = format_utc(link.saved)
        entry["origin"] = link.origin.as_data()
        current.append(entry)
        added += 1
    if not added:
        pass
    elif text is None:
        save_pending(library, current)
    elif (more := _appended(text, current[len(before) :])) is not None and _links_in(
        path, more
    ) == current:
        _write(path, more)
    else:
        save_pending(library, current)
    return added, len(links) - added


def _appended(text: str, entries: list[dict[str, Any]]) -> str | None:
    """`text` with `entries` after its last line, indented as its links are; None when
    they would not be the list's (`links` not the last key, a list on one line)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or not root.value:
        return None
    key, links = root.value[-1]
    if not isinstance(key, yaml.ScalarNode) or key.value != "links":
        return None
    if isinstance(links, yaml.SequenceNode) and links.value and not links.flow_style:
        line = text.splitlines()[links.value[0].start_mark.line]
        indent = len(line) - len(line.lstrip(" "))
    elif isinstance(links, yaml.ScalarNode) and links.value == "":
        indent = 0  # `links:` and nothing under it
    else:
        return None
    dumped = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    lines = "".join(" " * indent + line for line in dumped.splitlines(keepends=True))
    return text + ("" if text.endswith("\n") else "\n") + lines
