"""Pieces every command shares: the parser that fails in one line, library resolution."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.config import load_config
from reader.errors import ArticleError, LibraryError, SearchIndexReadOnlyError
from reader.library import check_root
from reader.model import Article
from reader.paths import bundled_library, notes_dir_for
from reader.safetext import escaped

if TYPE_CHECKING:
    from reader.search import LibraryIndex


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        sys.exit(2)


def fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"reader: error: {escaped(message)}\n")
    return code


def update_index(index: LibraryIndex) -> None:
    """Bring the index up to date; one that cannot be written is used as it is, with one
    line on stderr saying so."""
    try:
        index.update()
    except SearchIndexReadOnlyError as error:
        sys.stderr.write(f"reader: {escaped(str(error))}\n")


def library_root(value: str | None) -> Path:
    """The library named on the command line, else $READER_LIBRARY, else the config's,
    else the bundled sample library; checked."""
    if value:
        return check_root(Path(value))
    if env := os.environ.get("READER_LIBRARY"):
        return check_root(Path(env))
    configured = load_config()[0].library
    return check_root(Path(configured) if configured else bundled_library())


def notes_dir(value: str | None, library: Path) -> Path:
    """The notes directory for a library (see `reader.paths.notes_dir_for`)."""
    return notes_dir_for(library, value, load_config()[0].notes_dir)


def resolve_article(ref: str, library: str | None) -> tuple[Article, Path]:
    """An article from an id in the library or a path to any file."""
    from reader.formats import load_article  # the parsers, only for commands that read files

    path = Path(ref).expanduser()
    if path.is_file():
        path = path.resolve()
        try:
            root = library_root(library)
            path.relative_to(root)
        except (LibraryError, ValueError):
            root = path.parent
        return load_article(path, root), root
    root = library_root(library)
    candidate = (root / ref).resolve()
    if ".." in Path(ref).parts or not candidate.is_file():
        raise ArticleError(ref, f"no such article in {root} (give an id or a file path)")
    return load_article(candidate, root), root
