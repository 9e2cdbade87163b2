"""A folder of pages, one per article (Obsidian, Logseq), written without harming the user's.

reader knows its own files by a mark inside them (each format has its own, see
`PageStyle.owner`), so a page renamed or moved within the folder is still found, and
a file it did not write is never changed: a new page whose name is taken gets another
name. Each file is replaced atomically.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import quote, unquote

from reader.errors import ReaderError
from reader.infra.atomic import atomic_write
from reader.infra.filetypes import read_regular
from reader.text.graphemes import is_boundary

PAGE_SUFFIX = ".md"
MAX_PAGE_BYTES = 20 * 1024 * 1024  # a bigger file is no page of reader's
# Characters Obsidian, Logseq or a file system refuse in a file name, and controls.
_BAD_NAME = re.compile(r'[\x00-\x1f\x7f*"\\/<>:|?#^\[\]%]')


class PageRegionError(ReaderError):
    """reader's markers in a page are missing or doubled: the page is left as it is."""


@dataclass(frozen=True, slots=True)
class Page:
    """One article's page: `head` is written once, when reader creates the file; `body`
    is reader's own part, written again on every export."""

    article_id: str
    name: str
    head: str
    body: str


class PageStyle(Protocol):
    def owner(self, text: str) -> str | None:
        """The id of the article whose page `text` is, None when reader did not write it."""
        ...

    def create(self, page: Page) -> str:
        """The whole text of a new page."""
        ...

    def update(self, text: str, page: Page) -> str:
        """`text` with reader's part replaced by the page's; raises PageRegionError."""
        ...


@dataclass(slots=True)
class FolderReport:
    """What an export into a folder did, file by file."""

    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def id_token(article_id: str) -> str:
    """An article id as one token without spaces, newlines or ``%%`` (percent-encoded)."""
    return quote(article_id, safe="/.-_~")


def id_from_token(token: str) -> str:
    return unquote(token)


def page_name(title: str, article_id: str) -> str:
    """A file name (without suffix) from the title: no characters the apps or file
    systems refuse, at most 120 bytes; the article's file name, less its suffix, when
    nothing of the title is left."""
    name = _plain(unicodedata.normalize("NFC", title)).lstrip(".").strip()
    if not name:
        name = _plain(PurePosixPath(article_id).stem).lstrip(".")
    encoded = name.encode("utf-8")[:120]
    return encoded.decode("utf-8", "ignore").strip() or "article"


def _plain(text: str) -> str:
    """`text` fit for a file name: refused characters, controls and line separators as
    spaces, spaces collapsed; format characters (bidi overrides, which can make a name
    read backwards, zero-width ones) dropped, but for a joiner inside an emoji sequence."""
    kept = []
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":
            if char == "\u200d" and _joins_emoji(text, i):
                kept.append(char)
        elif category in ("Cc", "Zl", "Zp") or _BAD_NAME.match(char):
            kept.append(" ")
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def _joins_emoji(text: str, i: int) -> bool:
    """Whether the joiner at `i` holds an emoji sequence together (no cluster ends after it)."""
    return i + 1 < len(text) and not is_boundary(text, i + 1)


def write_pages(pages: list[Page], directory: Path, style: PageStyle) -> FolderReport:
    """Write each page into `directory`: reader's page of the article updated (its
    region only), else a new file under a free name. Raises ReaderError when the
    folder cannot be made; a page that cannot be written is reported and the rest go on."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ReaderError(f"{directory} is a file; export into a folder") from None
    except OSError as exc:
        raise ReaderError(f"cannot make {directory}: {exc.strerror or exc}") from None
    if not directory.is_dir():
        raise ReaderError(f"{directory} is not a folder")
    ours: dict[str, list[tuple[Path, str]]] = {}
    taken: set[str] = set()
    for path in _markdown_files(directory):
        if path.parent == directory:
            taken.add(path.name.casefold())
        text = _read_text(path)
        if text is not None and (article_id := style.owner(text)) is not None:
            ours.setdefault(article_id, []).append((path, text))
    report = FolderReport()
    for page in pages:
        found = ours.get(page.article_id)
        if found:
            for path, text in found:
                _update(path, text, page, style, report)
        else:
            path = _free_path(directory, page.name, taken)
            taken.add(path.name.casefold())
            _write(path, style.create(page), report.created, report)
    return report


def _update(path: Path, text: str, page: Page, style: PageStyle, report: FolderReport) -> None:
    try:
        new = style.update(text, page)
    except PageRegionError as error:
        report.failed.append((path, str(error)))
        return
    if new == text:
        report.unchanged.append(path)
    else:
        _write(path, new, report.updated, report)


def _write(path: Path, text: str, done: list[Path], report: FolderReport) -> None:
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        report.failed.append((path, f"cannot write: {exc.strerror or exc}"))
    else:
        done.append(path)


def _free_path(directory: Path, name: str, taken: set[str]) -> Path:
    candidate, n = name, 1
    while (
        f"{candidate}{PAGE_SUFFIX}".casefold() in taken
        or (directory / f"{candidate}{PAGE_SUFFIX}").exists()
        or (directory / f"{candidate}{PAGE_SUFFIX}").is_symlink()
    ):
        n += 1
        candidate = f"{name} ({n})"
    return directory / f"{candidate}{PAGE_SUFFIX}"


def _markdown_files(directory: Path) -> Iterator[Path]:
    """Markdown files in the folder and below, hidden folders (``.obsidian``,
    ``.trash``) and symlinked folders passed over."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(PAGE_SUFFIX) and not name.startswith("."):
                yield Path(root) / name


def _read_text(path: Path) -> str | None:
    try:
        data = read_regular(path, MAX_PAGE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_PAGE_BYTES:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
