"""The article an export says a highlight was made in, as reader's own exports name it:
its file (a `file://` address, KOReader's `file`), known by its path in the library (in
this library, or in a copy of it elsewhere: the longest end of the path that is an
article's id), else its title (every article of that title). The quote is looked for
there first: a phrase many articles hold goes back to the article it was made in."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from reader.importing.placing import Finder, Placement
from reader.importing.records import Highlight
from reader.search.index import LibraryIndex

_MAX_TITLED = 5  # articles of one title tried


class NamedArticles:
    """The articles exports name, in one indexed library."""

    def __init__(self, index: LibraryIndex) -> None:
        self.index = index
        self._titles: dict[str, list[str]] | None = None  # read once, when first asked
        self._paths: dict[str, str | None] = {}  # (a book's highlights come together)

    def place(self, finder: Finder, h: Highlight) -> Placement | None:
        """The highlight's best placement in the articles its export names, or None."""
        best: Placement | None = None
        for article_id in self.ids(h):
            found = finder.place_in(article_id, h.quote, h.prefix, h.suffix, h.at)
            if found is not None and (best is None or found.score > best.score):
                best = found
        return best

    def ids(self, h: Highlight) -> list[str]:
        """The ids of the articles the export names for `h`: by its file, else its title."""
        if urlsplit(h.origin.url).scheme.lower() in ("http", "https"):
            return []  # a web page: the article at that address (see `Finder.place`)
        path = file_path(h.origin.url) or h.file
        if path and (found := self._by_path(path)):
            return [found]
        title = _one_line(h.title)
        if not title:
            return []
        if self._titles is None:
            self._titles = {}
            for row in self.index.articles():
                self._titles.setdefault(_one_line(row.title), []).append(row.id)
        return self._titles.get(title, [])[:_MAX_TITLED]

    def _by_path(self, path: str) -> str | None:
        if path not in self._paths:
            parts = PurePosixPath(path).parts
            ends = ["/".join(parts[i:]) for i in range(len(parts)) if parts[i] != "/"]
            known = self.index.known(ends)
            self._paths[path] = next((end for end in ends if end in known), None)
        return self._paths[path]


def file_path(uri: str) -> str:
    """The path of a `file://` address, "" for any other."""
    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return ""
    return unquote(parts.path)


def _one_line(text: str) -> str:
    return " ".join(text.split())
