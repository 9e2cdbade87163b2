"""Omnivore's export zip: `metadata_*.json` (a list of items with `id`, `slug`,
`title`, `author`, `url`, `labels`, `savedAt`, `publishedAt`), `content/<slug>.html`
and `highlights/<slug>.md` (each highlight a `> quote` block, optionally ending in a
link to it, followed by the note)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from reader.importing.records import (
    Export,
    Highlight,
    ImportFormatError,
    Origin,
    SavedArticle,
    content_id,
    tag_list,
)
from reader.importing.sources import MAX_EXPORT, entries, parse_json, string, when

SERVICE = "omnivore"
_LINK = re.compile(r"\s*\[[^\]]*\]\((\S+?)\)\s*$")


def is_zip_start(path: Path) -> bool:
    """Whether the file begins as a zip file does (a zip cut short is not one to
    `zipfile.is_zipfile`, which looks at its end)."""
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def looks_like(names: list[str]) -> bool:
    return any(re.fullmatch(r"(?:.*/)?metadata_[^/]*\.json", n) for n in names)


def read(path: Path) -> Export:
    try:
        with zipfile.ZipFile(path) as archive:
            return _read(path, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        if not is_zip_start(path):
            raise ImportFormatError(path, "not a zip file") from None
        raise ImportFormatError(path, f"a damaged zip file, cut short? ({error})") from None
    except OSError as error:
        raise ImportFormatError(path, f"cannot read: {error.strerror or error}") from None


def _read(path: Path, archive: zipfile.ZipFile) -> Export:
    members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
    if sum(info.file_size for info in members.values()) > MAX_EXPORT:
        raise ImportFormatError(path, f"unpacks to more than {MAX_EXPORT // 2**20} MB")
    metadata = sorted(n for n in members if re.fullmatch(r"(?:.*/)?metadata_[^/]*\.json", n))
    if not metadata:
        raise ImportFormatError(path, "no metadata_*.json in the zip: not an Omnivore export")
    prefix = metadata[0].rpartition("/")[0]
    prefix = prefix + "/" if prefix else ""

    def member(name: str) -> str | None:
        info = members.get(prefix + name)
        if info is None:
            return None
        try:
            return archive.read(info).decode("utf-8-sig", errors="replace")
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise ImportFormatError(path, f"{info.filename}: cannot unpack ({error})") from None

    export = Export(SERVICE)
    for name in metadata:
        data = parse_json(path, member(name[len(prefix) :]) or "", name)
        for i, item in enumerate(entries(path, data, None, f"{name} item"), 1):
            _item(path, f"{name} item {i}", item, member, export)
    return export


def _item(path: Path, where: str, item: dict[str, Any], member: Any, export: Export) -> None:
    slug = string(path, item, "slug", where)
    item_id = string(path, item, "id", where) or slug
    url = string(path, item, "url", where)
    if not slug or "/" in slug or slug.startswith("."):
        export.reject(where, "no usable slug")
        return
    origin = Origin(SERVICE, item_id, url)
    html = member(f"content/{slug}.html")
    if not html or not html.strip():
        export.reject(f"{where} ({slug})", "no content/<slug>.html")
        return
    title = string(path, item, "title", where)
    highlights = _highlights(member(f"highlights/{slug}.md") or "", item_id, url, title)
    export.articles.append(
        SavedArticle(
            origin,
            title,
            html,
            tag_list(item.get("labels")),
            author=string(path, item, "author", where),
            saved=when(item.get("savedAt")),
            published=string(path, item, "publishedAt", where),
            highlights=tuple(highlights),
        )
    )


def _highlights(markdown: str, item_id: str, url: str, title: str) -> list[Highlight]:
    """The `> quote` blocks of a highlights file, each one highlight (a block ends at a
    line that is not quoted, or at the link to the highlight), with the text after it,
    up to the next block, as its note."""
    found: list[tuple[list[str], list[str]]] = []
    quoting = False
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if line.startswith(">"):
            if not quoting:
                found.append(([], []))
            found[-1][0].append(line[1:].strip())
            quoting = _LINK.search(line) is None
        else:
            quoting = False
            if found and (line.strip() or found[-1][1]):
                found[-1][1].append(line)
    highlights = []
    for quote_lines, note_lines in found:
        quote = " ".join(q for q in quote_lines if q)
        key = ""
        if m := _LINK.search(quote):
            quote, key = quote[: m.start()], m.group(1).rpartition("#")[2]
        quote = quote.strip()
        if quote:
            key = key or content_id(quote)
            note = "\n".join(note_lines).strip()
            highlights.append(Highlight(Origin(SERVICE, f"{item_id}/{key}", url), quote, note))
    return highlights
