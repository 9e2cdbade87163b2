"""Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp[,Tags]`."""

from __future__ import annotations

from pathlib import Path

from reader.importing.links import read_links
from reader.importing.records import Export

SERVICE = "instapaper"
COLUMNS = ("url", "title", "selection", "folder", "timestamp")


def looks_like(header: list[str]) -> bool:
    return all(c in header for c in COLUMNS)


def read(path: Path) -> Export:
    return read_links(path, SERVICE, COLUMNS, url="url", saved="timestamp", folder="folder")
