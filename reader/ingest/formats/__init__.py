"""Turning a file on disk into a clean Article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from reader.errors import ArticleError
from reader.infra.filetypes import FORMATS
from reader.ingest.canonical import assemble, text_sha256
from reader.ingest.decode import read_text
from reader.ingest.formats.metadata import agency_in
from reader.ingest.formats.parsed import Parsed
from reader.ingest.formats.txt import parse_txt
from reader.ingest.listnesting import nest_items
from reader.ingest.textshape import words
from reader.model import UNSORTED, Article, folder_source, name_title, outside_id


def parse_html(raw: str) -> Parsed:
    # Imported on first use: the extractor is slow to import and start-up never needs it.
    from reader.ingest.formats.html import parse_html as parse

    return parse(raw)


def parse_markdown(raw: str) -> Parsed:
    from reader.ingest.formats.markdown import parse_markdown as parse

    return parse(raw)


_PARSE: dict[str, Callable[[str], Parsed]] = {
    "txt": parse_txt,
    "markdown": parse_markdown,
    "html": parse_html,
}
PARSERS = {suffix: (fmt, _PARSE[fmt]) for suffix, fmt in FORMATS.items()}


def article_id(path: Path, root: Path) -> str:
    """The stable id of an article: its path relative to the library root, POSIX style."""
    return PurePosixPath(*path.relative_to(root).parts).as_posix()


def source_for(parsed: Parsed, article_id_: str) -> str:
    """`inbox/<site>` for a page in the inbox's folder of its site; else the page or
    front-matter source; else the top folder; else the byline agency; else Unsorted."""
    site, folder = folder_source(article_id_)
    if site:
        return site
    if parsed.source and parsed.source.strip():
        return parsed.source.strip()
    return folder or agency_in(parsed.author) or UNSORTED


def load_article(path: Path, root: Path | None) -> Article:
    """Read and clean one file of the library at `root` (None: a file outside it, see
    `outside_id`); raise ArticleError with a one-line reason."""
    if root is None:
        path = path.resolve()
    kind = PARSERS.get(path.suffix.lower())
    if kind is None:
        raise ArticleError(path, f"unsupported file type ({path.suffix or 'no extension'})")
    fmt, parse = kind
    raw = read_text(path)
    try:
        parsed = parse(raw)
    except RecursionError:
        raise ArticleError(path, "too deeply nested to parse") from None
    nest_items(parsed.parts)
    text, blocks = assemble(parsed.parts)
    if not parsed.title and not text and not parsed.front_matter:
        raise ArticleError(path, "no readable text")
    aid = article_id(path, root) if root is not None else outside_id(path)
    title = " ".join(parsed.title.split()) or name_title(path.name)
    body_words = sum(len(words(text[b.start : b.end])) for b in blocks if not b.boilerplate)
    return Article(
        id=aid,
        path=str(path),
        title=title,
        source=source_for(parsed, aid if root is not None else path.name),
        format=fmt,
        text=text,
        blocks=blocks,
        sha256=text_sha256(text),
        words=body_words,
        ignored=parsed.ignored,
        file_sha256=text_sha256(raw),
        **parsed.metadata(),
    )
