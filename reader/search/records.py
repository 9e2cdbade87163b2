"""Articles as index rows and back: blocks and tags as compact JSON."""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import NamedTuple

from reader.errors import ArticleError
from reader.infra.signature import Signature
from reader.model import SUMMARY_FIELDS, Article, Block, Mark
from reader.search import template


class ArticleRow(NamedTuple):
    """A light listing row: no text, no blocks."""

    id: str
    title: str
    source: str
    author: str | None
    date: str | None
    words: int
    path: str
    url: str | None
    sha256: str

    def summary(self) -> dict:
        """The same fields as `Article.summary`, for listings."""
        return {name: getattr(self, name) for name in SUMMARY_FIELDS}


class Record(NamedTuple):
    """Everything the index stores for one article, ready to insert: the `articles`
    table's columns first (see ARTICLE_COLUMNS), then the text and blocks kept in
    `content` (already packed, see `pack`), the body indexed in `fts` (which does not
    keep it), and the hashes of the short blocks the source's template counts. The one
    list of an article's stored fields.

    Made in a worker process: packing and hashing there leaves the one process that
    writes the index only the writing, and less to receive."""

    id: str
    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    sha256: str
    file_sha256: str
    digest: str
    title: str
    source: str
    author: str | None
    date: str | None
    url: str | None
    words: int
    format: str
    subtitle: str | None
    section: str | None
    tags: str
    ignored: str | None  # what of the file was left out (Article.ignored), as JSON; or None
    text: bytes
    blocks: bytes
    body: str
    body_spans: str
    lines: tuple[int, ...]


# The `articles` table's columns, in Record's order: what `Record[:len(ARTICLE_COLUMNS)]` holds.
ARTICLE_COLUMNS: tuple[str, ...] = Record._fields[: Record._fields.index("text")]
# What `to_article` reads back: the stored fields an Article has (not the file's signature,
# the digest, the body, which is made from the blocks, or the template's hashes).
_UNREAD = ("size", "mtime_ns", "ctime_ns", "ino", "digest", "body", "body_spans", "lines")
STORED_ARTICLE_FIELDS: tuple[str, ...] = tuple(f for f in Record._fields if f not in _UNREAD)
# ArticleRow's columns, as an SQL select list.
ROW_COLUMNS = ", ".join(ArticleRow._fields)


def article_select(articles: str = "a", content: str = "c") -> str:
    """The select list of `to_article`'s row over `articles` joined with `content`
    (text and blocks live in `content`), with these table aliases."""
    return ", ".join(
        f"{content if name in ('text', 'blocks') else articles}.{name}"
        for name in STORED_ARTICLE_FIELDS
    )


class Failure(NamedTuple):
    """A file that could not be loaded, with the signature it had; `lasting` when reading
    it again unchanged would fail the same way (not for a parser's bug or a failed read)."""

    path: str
    reason: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    lasting: bool = True


class Unchanged(NamedTuple):
    """A file whose change time or inode changed, read again and found to hold the text
    the index has (its `file_sha256`): a chmod, a hard link, the same file copied over
    it. Only its signature is new."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int


def encode_blocks(blocks: list[Block]) -> str:
    return json.dumps(
        [
            [
                b.kind,
                b.start,
                b.end,
                int(b.boilerplate),
                b.level,
                [[m.start, m.end, m.style, m.href] for m in b.marks],
                int(b.tight),
                *_trimmed([b.reason, b.number, b.own_marker, int(b.continued), b.indent]),
            ]
            for b in blocks
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _trimmed(values: list) -> list:
    """`values` without the unset ones at the end (the decoder reads them as unset)."""
    while values and not values[-1]:
        values.pop()
    return values


def pack(text: str) -> bytes:
    """A text as stored in the index's `content` table: raw deflate of its UTF-8 (no
    zlib header or checksum: SQLite checks its pages, and unpacking is a fifth faster)."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    return deflate.compress(text.encode("utf-8", "surrogatepass")) + deflate.flush()


def unpack(data: bytes) -> str:
    """The text `pack` stored."""
    return zlib.decompress(data, -15).decode("utf-8", "surrogatepass")


class Unpacking:
    """A text `pack` stored, unpacked from its start only as far as asked, each byte once."""

    def __init__(self, data: bytes) -> None:
        self._inflate = zlib.decompressobj(-15)
        self._rest = data
        self._raw = b""
        self.whole = False  # whether `start` gives all of the text

    def start(self, size: int) -> str:
        """The start of the text, from at least its first `size` UTF-8 bytes (all that
        is unpacked so far; a character cut in two at the end is left out)."""
        if not self.whole and len(self._raw) < size:
            self._raw += self._inflate.decompress(self._rest, size - len(self._raw))
            self._rest = self._inflate.unconsumed_tail
            if self._inflate.eof or not self._rest:  # all read: what is left is buffered
                self._raw += self._inflate.flush()
                self.whole = True
        return self._raw.decode("utf-8", "surrogatepass" if self.whole else "ignore")


def body_of(text: str, blocks: str) -> str:
    """The clean body (`Article.body_text`) of a text and its encoded blocks, without
    building the blocks: what the full-text index holds as `body`. Given the start of
    a text, the start of its body."""
    return "\n\n".join(
        text[item[1] : item[2]]
        for item in json.loads(blocks)
        if not item[3] and item[1] <= len(text)
    )


def body_spans(text: str, blocks: list[Block]) -> str:
    """Where the body (`Article.body_text`) lies in the text, as compact JSON
    `[start, end, start, end, ...]`: its blocks, those a blank line apart merged (most
    bodies are one span). Excerpts read it instead of decoding the blocks."""
    flat: list[int] = []
    for b in blocks:
        if b.boilerplate:
            continue
        if flat and b.start - flat[-1] == 2 and text[flat[-1] : b.start] == "\n\n":
            flat[-1] = b.end
        else:
            flat += [b.start, b.end]
    return json.dumps(flat, separators=(",", ":"))


def body_in(text: str, spans: list[int]) -> str:
    """The body of a text from its `body_spans` (decoded); given the start of a text,
    the start of its body."""
    end = len(text)
    return "\n\n".join(
        text[spans[k] : spans[k + 1]] for k in range(0, len(spans), 2) if spans[k] <= end
    )


def _mark(data: list) -> Mark:
    return Mark(data[0], data[1], data[2], data[3] if len(data) > 3 else None)


def _block(data: list) -> Block:
    kind, start, end, boiler, level, marks, tight = data[:7]
    # The fields after `tight`, those unset at the end left out (see `_trimmed`).
    reason, number, own_marker, continued, indent = data[7:] + [None, 0, 0, 0, 0][len(data) - 7 :]
    return Block(
        kind,
        start,
        end,
        bool(boiler),
        level,
        tuple(_mark(m) for m in marks),
        reason=reason,
        tight=bool(tight),
        number=number,
        own_marker=own_marker,
        continued=bool(continued),
        indent=indent,
    )


def decode_blocks(data: str) -> list[Block]:
    return [_block(item) for item in json.loads(data)]


def to_record(article: Article, signature: Signature) -> Record:
    tags = json.dumps(article.tags, ensure_ascii=False)
    ignored = json.dumps(article.ignored, ensure_ascii=False) if article.ignored else None
    blocks = encode_blocks(article.blocks)
    meta: list[object] = [article.path, article.title, article.source, article.author, article.date]
    meta += [article.url, article.words, article.format, article.subtitle, article.section]
    meta.append(ignored)
    digest_input = json.dumps([*meta, tags, blocks, article.sha256], ensure_ascii=False)
    digest = hashlib.sha256(digest_input.encode("utf-8", "surrogatepass")).hexdigest()
    return Record(
        id=article.id,
        path=article.path,
        size=signature[0],
        mtime_ns=signature[1],
        ctime_ns=signature[2],
        ino=signature[3],
        sha256=article.sha256,
        file_sha256=article.file_sha256,
        digest=digest,
        title=article.title,
        source=article.source,
        author=article.author,
        date=article.date,
        url=article.url,
        words=article.words,
        format=article.format,
        subtitle=article.subtitle,
        section=article.section,
        tags=tags,
        ignored=ignored,
        text=pack(article.text),
        blocks=pack(blocks),
        body=article.body_text,
        body_spans=body_spans(article.text, article.blocks),
        lines=tuple(template.hashes(article.text, article.blocks)),
    )


def to_article(row: tuple) -> Article:
    """An Article from a row of STORED_ARTICLE_FIELDS (see `article_select`), its text
    and blocks packed (see `pack`)."""
    fields = dict(zip(STORED_ARTICLE_FIELDS, row, strict=True))
    fields["text"] = unpack(fields["text"])
    fields["blocks"] = decode_blocks(unpack(fields["blocks"]))
    fields["tags"] = list(json.loads(fields["tags"]))
    fields["ignored"] = list(json.loads(fields["ignored"])) if fields["ignored"] else []
    return Article(**fields)


# A file to read: its path, its signature, and the `file_sha256` the index holds for
# it when only its change time or inode changed (None: it is parsed whatever its text).
Item = tuple[str, Signature, "str | None"]


def extract(root: str, items: list[Item]) -> list[Record | Failure | Unchanged]:
    """Load the files `items` name under root; runs in a worker process."""
    from reader.ingest.canonical import text_sha256
    from reader.ingest.decode import read_text
    from reader.ingest.formats import load_article  # the parsers: only where files are read

    base = Path(root)
    out: list[Record | Failure | Unchanged] = []
    for path, signature, known in items:
        try:
            if known is not None and text_sha256(read_text(Path(path))) == known:
                out.append(Unchanged(path, *signature))
                continue
            article = load_article(Path(path), base)
        except ArticleError as exc:
            out.append(Failure(path, exc.reason, *signature, exc.lasting))
        except Exception as exc:  # a parser bug must not stop the whole build
            reason = f"could not be read ({type(exc).__name__})"
            out.append(Failure(path, reason, *signature, lasting=False))
        else:
            out.append(to_record(article, signature))
    return out
