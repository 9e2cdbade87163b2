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

A link stays until its page is fetched; a link already listed is not added again.
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
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise PendingFileError(f"{path}: cannot read ({error})") from None
    try:
        data = load_yaml(text) or {}
    except ReaderError as error:
        raise PendingFileError(f"{path}: {error}") from None
    links = data.get("links") if isinstance(data, dict) else None
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise PendingFileError(f"cannot write {path}: {error.strerror or error}") from None


def add_links(library: Path, links: list[Link]) -> tuple[int, int]:
    """Append the links not listed yet; (added, already listed)."""
    current = load_pending(library)
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
    if added:
        save_pending(library, current)
    return added, len(links) - added
