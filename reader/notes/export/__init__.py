"""Exporting notes, one module per format; this registry names them all.

A file format renders the notes as one text (`Exporter.render`), written to a file or
to stdout; a folder format (Obsidian, Logseq) renders a page per article
(`Exporter.pages`), written into a folder by `reader.notes.export.pages`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.notes.atomic import atomic_write, remove_abandoned_temps
from reader.notes.export.hypothesis import to_hypothesis
from reader.notes.export.koreader import to_koreader
from reader.notes.export.logseq import LogseqStyle, logseq_pages
from reader.notes.export.markdown import to_markdown
from reader.notes.export.obsidian import ObsidianStyle, obsidian_pages
from reader.notes.export.pages import FolderReport, Page, PageStyle, write_pages
from reader.notes.export.readwise import to_readwise
from reader.notes.export.table import to_csv
from reader.notes.export.target import file_target, folder_target, named_file
from reader.notes.export.w3c import to_json
from reader.notes.export.yaml_document import to_yaml
from reader.notes.records import NoteRecord


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: a file (`render`, `extension`) or a folder of pages (`pages`)."""

    name: str
    description: str
    extension: str = ""
    render: Callable[[list[NoteRecord]], str] | None = None
    pages: Callable[[list[NoteRecord]], list[Page]] | None = None
    style: PageStyle | None = None

    @property
    def is_folder(self) -> bool:
        return self.pages is not None


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("markdown", "Markdown to read", "md", render=to_markdown),
        Exporter("json", "W3C Web Annotation JSON", "json", render=to_json),
        Exporter("csv", "a row per note, for spreadsheets", "csv", render=to_csv),
        Exporter("yaml", "the notes file schema", "yaml", render=to_yaml),
        Exporter("hypothesis", "Hypothesis' JSON import", "json", render=to_hypothesis),
        Exporter("readwise", "Readwise's CSV import", "csv", render=to_readwise),
        Exporter("koreader", "KOReader's highlight JSON", "json", render=to_koreader),
        Exporter(
            "obsidian", "a Markdown file per article", pages=obsidian_pages, style=ObsidianStyle()
        ),
        Exporter("logseq", "a Logseq page per article", pages=logseq_pages, style=LogseqStyle()),
    )
}
FORMATS = tuple(EXPORTERS)
FOLDER_FORMATS = tuple(name for name, e in EXPORTERS.items() if e.is_folder)


def export(records: list[NoteRecord], fmt: str) -> str:
    """The notes as the text of a file format."""
    render = EXPORTERS[fmt].render
    if render is None:
        raise ValueError(f"{fmt} exports into a folder")
    return render(records)


def export_pages(records: list[NoteRecord], fmt: str, directory: Path) -> FolderReport:
    """Write the notes as a folder format's pages into `directory` (see `write_pages`);
    a folder that cannot be made is refused before the pages are rendered."""
    exporter = EXPORTERS[fmt]
    if exporter.pages is None or exporter.style is None:
        raise ValueError(f"{fmt} exports into a file")
    folder_target(directory)
    return write_pages(exporter.pages(records), directory, exporter.style)


def write_export(text: str, path: Path, *, force: bool = False, stream: bool = False) -> None:
    """Write atomically; FileExistsError when `path` is a file and `force` is not given.

    With `stream`, a FIFO or a character device (`/dev/stdout`, a shell's `>(gzip)`) is
    written into, as a shell's `>` would; it is never replaced. A folder raises
    IsADirectoryError, another kind of file (a socket, a block device, a FIFO when not
    `stream`) NotRegularFileError, a folder that is not there (none is made: only the
    folder formats make theirs) FileNotFoundError, a file in place of the folder
    NotADirectoryError, each saying so; the rest as `file_target` says. Temp files left
    by an export that was killed half-way are removed first.
    """
    if file_target(path, force=force, stream=stream):
        _write_into(path, text.encode("utf-8"))
        return
    remove_abandoned_temps(path)
    atomic_write(path, text.encode("utf-8"))


def _write_into(path: Path, data: bytes) -> None:
    """Write `data` into the FIFO or device at `path`, as a shell's `>` would."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    with open(fd, "wb") as stream:
        stream.write(data)


__all__ = [
    "EXPORTERS",
    "FOLDER_FORMATS",
    "FORMATS",
    "Exporter",
    "FolderReport",
    "export",
    "export_pages",
    "file_target",
    "folder_target",
    "named_file",
    "to_csv",
    "to_hypothesis",
    "to_json",
    "to_koreader",
    "to_markdown",
    "to_readwise",
    "to_yaml",
    "write_export",
]
