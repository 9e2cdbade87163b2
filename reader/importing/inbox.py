"""The library's inbox: `LIB/inbox/<site>/<slug>.html`, written once, never over.

Each file begins with one comment line recording where the page came from (see
`reader.ingest.formats.origin`), followed by the page's HTML (as fetched, or as the
service kept it, with the service's url, author and date in its head). The line is how
a second import or `reader add` of the same page knows it is already there.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.errors import ReaderError
from reader.importing.page_urls import page_key
from reader.ingest.formats.origin import HEAD, origin_in, origin_line
from reader.model import INBOX

if TYPE_CHECKING:
    from reader.search.index import LibraryIndex

MAX_NAME = 100  # characters of a site's folder name (a host name may be far longer)


class InboxError(ReaderError):
    """A page could not be written into the inbox (a read-only library, a full disk)."""


def site_of(url: str, fallback: str) -> str:
    """The folder for a page's site: its host name without `www.`, else `fallback`."""
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.removeprefix("www.")
    return _clean(host, keep=".")[:MAX_NAME].strip("-.") or fallback


def plain_title(title: str) -> str:
    """A service's title as text: its tags taken out, its entities read, on one line
    (wallabag keeps `Wallabag <b>Story</b>`)."""
    return " ".join(html.unescape(_TAG.sub("", title)).split())


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def slug_of(title: str, url: str = "") -> str:
    """A file name from the title (else the url's last path part), at most 60 characters:
    its letters and digits in lower case, a `-` for each run of anything else. Latin
    letters lose their accents (`café` is `cafe`), other scripts keep their letters
    (`京都の紅葉`), and a terminal's control sequences in a title leave nothing."""
    text = title or urlsplit(url).path.rstrip("/").rpartition("/")[2]
    text = re.sub(r"\.[a-z0-9]{1,5}$", "", text, flags=re.IGNORECASE) if not title else text
    return _clean(text)[:60].strip("-") or "article"


def _clean(text: str, keep: str = "") -> str:
    plain = "".join(map(_plain, unicodedata.normalize("NFC", _CONTROL_SEQUENCE.sub("", text))))
    folded = unicodedata.normalize("NFC", plain.casefold())
    kept = [c if _in_name(c) or c in keep else "-" for c in folded]
    return re.sub("-+", "-", "".join(kept)).strip("-.")


def _in_name(char: str) -> bool:
    """Letters and digits, and the marks that are part of a letter in many scripts
    (the vowel signs of Hindi, which are no accent); never an underscore."""
    return char.isalnum() or unicodedata.category(char[0]).startswith("M")


def _plain(char: str) -> str:
    """A character as a name takes it: a letter written with an accent as the ASCII one
    it decomposes to (`é` is `e`, `ﬁ` is `fi`); any other as it is (`が` keeps its
    mark, which is no accent, and a Hangul syllable is not taken apart)."""
    if char.isascii():
        return char
    parts = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in parts if not unicodedata.combining(c))
    return base if base.isascii() and base.isalnum() else char


# ECMA-48 control sequences as terminals read them (CSI with its parameters, OSC and the
# other strings up to their end, two-character escapes): a title holding one is named by
# its text alone (`\x1b[31m` left no `31m` behind).
_CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)


def origin_of(path: Path) -> dict[str, Any] | None:
    """The origin recorded at the head of an inbox file, None when there is none."""
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD).decode("utf-8", errors="replace")
    except OSError:
        return None
    return origin_in(head)


def known(library: Path, index: LibraryIndex | None = None) -> dict[str, Path]:
    """Every page reader saved, by its origin key (`service:id`) and by its url (its
    `page_key`, for the url asked and the one it was fetched from after a redirect):
    those in the inbox by the origin line at their head and, given the `index`, any
    article it knows at a web address, wherever it is in the library (a page moved out
    of the inbox keeps its origin line, and so its url)."""
    found: dict[str, Path] = {}
    for path in _files(library / INBOX):
        origin = origin_of(path)
        if origin is None:
            continue
        if origin.get("service") and origin.get("id"):
            found.setdefault(f"{origin['service']}:{origin['id']}", path)
        for said in (origin.get("url"), origin.get("fetched_from")):
            if isinstance(said, str) and said:
                found.setdefault(page_key(said), path)
    for row in index.articles() if index is not None else ():
        if row.url:
            found.setdefault(page_key(row.url), Path(row.path))
    return found


def _files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith(".html") and not name.startswith("."):
                yield Path(dirpath, name)


def page(title: str, body: str, meta: dict[str, str]) -> str:
    """A whole HTML page around an article's HTML (a fragment, as services keep it), with
    `meta` (`og:url`, `author`, …) in its head; a page that is whole already is kept as
    it is, `meta` put at the start of its head."""
    tags = _head_tags(meta)
    if (whole := _HTML.search(body[:2048])) is not None:
        head = _HEAD_TAG.search(body, whole.end())
        if head is not None:
            return body[: head.end()] + "\n" + tags + body[head.end() :]
        return body[: whole.end()] + "<head>\n" + tags + "</head>" + body[whole.end() :]
    t = html.escape(title)
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<title>{t}</title>\n'
        f'<meta property="og:title" content="{t}">\n{tags}</head>\n'
        f"<body><article>\n<h1>{t}</h1>\n{body}\n</article></body></html>\n"
    )


_HTML = re.compile(r"<html(?:\s[^>]*)?>", re.IGNORECASE)
_HEAD_TAG = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def _head_tags(meta: dict[str, str]) -> str:
    """`meta` as the tags of a page's head, in their standard form: Open Graph's
    (`og:url`, `article:published_time`) as properties, the url as the canonical link
    too, the others (`author`, `keywords`) as names."""
    tags = []
    for key, value in meta.items():
        if not value:
            continue
        attribute = "property" if ":" in key else "name"
        tags.append(f'<meta {attribute}="{html.escape(key)}" content="{html.escape(value)}">\n')
        if key == "og:url":
            tags.append(f'<link rel="canonical" href="{html.escape(value)}">\n')
    return "".join(tags)


def place_for(library: Path, site: str, slug: str) -> Path:
    """A path in the inbox that is free now: `<slug>.html`, else `<slug>-2.html`, …"""
    folder = library / INBOX / site
    path = folder / f"{slug}.html"
    n = 2
    while path.exists():
        path = folder / f"{slug}-{n}.html"
        n += 1
    return path


def write_new(path: Path, data: bytes) -> Path:
    """Write a new file whole, never over an existing one: written aside, then linked
    into place (FileExistsError when the name was taken meanwhile)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o644)
        os.link(temp, path)
    finally:
        os.unlink(temp)
    return path


def save_page(library: Path, origin: dict[str, Any], title: str, html_text: str) -> Path:
    """The page written under `LIB/inbox/<site>/`, its origin at its head; its path."""
    site = site_of(str(origin.get("url", "")), str(origin.get("service", "web")))
    slug = slug_of(title, str(origin.get("url", "")))
    data = (origin_line(origin) + html_text).encode("utf-8")
    for _ in range(20):  # another writer took the name: the next one
        path = place_for(library, site, slug)
        try:
            return write_new(path, data)
        except FileExistsError:
            continue
        except OSError as error:
            raise InboxError(f"cannot write {path}: {error.strerror or error}") from None
    raise InboxError(f"no free name for {slug} in {library / INBOX / site}")
