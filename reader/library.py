"""A library: a directory of article files, scanned recursively and never written to."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ArticleError, LibraryError
from reader.formats import is_supported, load_article
from reader.model import Article, Skipped


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A supported file found by a scan, with the signature used to spot changes."""

    id: str
    path: Path
    size: int
    mtime_ns: int


def check_root(root: Path) -> Path:
    """The library root, resolved; LibraryError when it is missing or not a directory."""
    root = root.expanduser()
    if not root.exists():
        raise LibraryError(f"library not found: {root}")
    if not root.is_dir():
        raise LibraryError(f"library is not a directory: {root}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise LibraryError(f"library is not readable: {root}")
    return root.resolve()


def scan(root: Path) -> tuple[list[FileEntry], list[Skipped]]:
    """Every supported file under root (sorted by id) and every file passed over.

    Hidden files and folders are ignored; symlinked folders are followed once,
    so a symlink loop ends the walk of that branch instead of the program.
    """
    entries: list[FileEntry] = []
    skipped: list[Skipped] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(directory: Path) -> None:
        try:
            st = directory.stat()
        except OSError as exc:
            skipped.append(Skipped(str(directory), f"cannot open folder ({exc.strerror})"))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            skipped.append(Skipped(str(directory), "folder already visited (symlink loop)"))
            return
        seen_dirs.add(key)
        try:
            children = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(str(directory), f"cannot open folder ({exc.strerror})"))
            return
        for child in children:
            if child.name.startswith("."):
                continue
            path = Path(child.path)
            try:
                if child.is_dir(follow_symlinks=True):
                    walk(path)
                    continue
                if not is_supported(path):
                    skipped.append(
                        Skipped(str(path), f"not an article ({path.suffix or 'no extension'})")
                    )
                    continue
                st = child.stat(follow_symlinks=True)
            except FileNotFoundError:
                skipped.append(Skipped(str(path), "removed during the scan, or a broken link"))
                continue
            except OSError as exc:
                skipped.append(Skipped(str(path), f"cannot read ({exc.strerror})"))
                continue
            # The id rule of reader.formats.article_id, by slicing: a scan of 100k
            # files would spend seconds in Path.relative_to.
            entries.append(FileEntry(child.path[prefix:], path, st.st_size, st.st_mtime_ns))

    prefix = len(str(root)) + 1
    walk(root)
    entries.sort(key=lambda e: e.id)
    return entries, skipped


def load_all(root: Path) -> tuple[list[Article], list[Skipped]]:
    """Scan and load every article; failures become Skipped entries."""
    entries, skipped = scan(root)
    articles: list[Article] = []
    for entry in entries:
        try:
            articles.append(load_article(entry.path, root))
        except ArticleError as exc:
            skipped.append(Skipped(str(entry.path), exc.reason))
    return articles, skipped


def iter_loaded(root: Path, entries: list[FileEntry]) -> Iterator[Article | Skipped]:
    for entry in entries:
        try:
            yield load_article(entry.path, root)
        except ArticleError as exc:
            yield Skipped(str(entry.path), exc.reason)
