"""Fixtures for importing: hand-written exports in each service's documented shape
(never a real user's export), and a small library their highlights come from."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from reader.importing.detect import read_export
from reader.importing.run import Importer
from reader.notes.store import NotesStore
from reader.search.index import LibraryIndex

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def lib(tmp_path) -> Path:
    """A small library: Science/tides.txt and History/printing.txt."""
    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "library", target)
    return target


@pytest.fixture
def notes(tmp_path) -> Path:
    return tmp_path / "notes"


@pytest.fixture
def omnivore_zip(tmp_path) -> Path:
    """The Omnivore fixture folder packed as the zip Omnivore's export is."""
    path = tmp_path / "omnivore-export.zip"
    folder = FIXTURES / "omnivore"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return path


def import_files(lib: Path, notes: Path, *paths: Path, fmt: str | None = None):
    """Import as `reader import` does, in this process; the report."""
    exports = [(p.name, read_export(p, fmt)) for p in paths]
    with LibraryIndex(lib) as index:
        importer = Importer(lib, NotesStore(notes), index)
        importer.run(exports)
    return importer.report


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes (to see that nothing changed)."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
