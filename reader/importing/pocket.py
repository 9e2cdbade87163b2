"""Pocket's CSV export: `title,url,time_added,tags,status`."""

from __future__ import annotations

from pathlib import Path

from reader.importing.links import read_links
from reader.importing.records import Export

SERVICE = "pocket"
COLUMNS = ("title", "url", "time_added", "tags", "status")


def looks_like(header: list[str]) -> bool:
    return all(c in header for c in COLUMNS)


def read(path: Path) -> Export:
    return read_links(path, SERVICE, COLUMNS, url="url", saved="time_added", folder="status")
