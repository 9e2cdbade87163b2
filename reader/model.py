"""The article model: plain data shared by the core, the CLI and the TUI."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from reader.text.counts import grouped, plural

BlockKind = Literal["heading", "paragraph", "quote", "list_item", "table"]

UNSORTED = "Unsorted"
# The folder pages from other services and the web arrive in, one folder per site: an
# article in `inbox/<site>/` is of the source `inbox/<site>`.
INBOX = "inbox"
# reader's own file in the library: the links `reader import` kept to fetch. Not an
# article, nor a file passed over.
PENDING_LINKS = f"{INBOX}/pending.yaml"
# The first folder of the id of a file read outside the library. A scan passes hidden
# folders over, so no article of a library has an id starting with it.
OUTSIDE = ".outside"
# What listings say of an article (`reader list --json`, `reader show --json`).
SUMMARY_FIELDS = ("id", "path", "title", "source", "author", "date", "url", "words", "sha256")
# The highlight colours the app offers (a notes file may hold others, kept as they are).
NOTE_COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")
# What goes before an item of a bulleted list (a numbered list's shows its number).
BULLET = "• "
# A plain-text item's own markers shown as the bullet, one character for one (one cell
# each), so a column on screen is still an offset in the text.
OWN_BULLETS = "-*+"
# The mark before each line of a quotation (a plain-text quotation's own ">" shows as it),
# and the bar it makes with a space after it.
QUOTE_MARK = "▎"
QUOTE_BAR = QUOTE_MARK + " "


def item_marker(number: int) -> str:
    """The marker of a list item numbered `number` ("3. "), or the bullet (0)."""
    return f"{number}. " if number else BULLET


@dataclass(frozen=True, slots=True)
class Mark:
    """An inline style over part of a block (offsets relative to the block's start)."""

    start: int
    end: int
    style: Literal["strong", "em", "code", "link"]
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article, as a span of the article's canonical text.

    `tight` marks an item of a tight list that follows another item: shown right under
    it, without the blank line that parts blocks (the canonical text keeps it). `number`
    is an item's number in a numbered list, shown before it as "3." (0: a bullet).
    `own_marker` is the length of the marker a plain-text item's text begins with ("1. ",
    "- "): none is added, and its wrapped lines hang under the text after it; in a
    plain-text quotation each line begins with its own ">" (shown as the quote mark, see
    `shown`), and only its wrapped lines get the quote bar. `continued`
    marks a further paragraph (or code) of the item above (numbered `number`): shown
    under its text, without a marker. `indent` is the cells a list item sits in from the
    left: under the text of the items it is in (see `reader.ingest.listnesting`). A
    table is a line per row, its cells apart by " │ " (see
    `reader.ingest.tables`)."""

    kind: BlockKind
    start: int
    end: int
    boilerplate: bool = False
    level: int = 0
    marks: tuple[Mark, ...] = ()
    reason: str | None = None  # why a boilerplate block was folded ("menu", "after the story")
    tight: bool = False
    number: int = 0
    own_marker: int = 0
    continued: bool = False
    indent: int = 0

    @property
    def marker(self) -> str:
        """What goes before a list item's first line: "• ", or its number, "3. "; blanks
        as wide under the item a paragraph continues; nothing before a marker of its own."""
        if self.own_marker:
            return ""
        marker = item_marker(self.number)
        return " " * len(marker) if self.continued else marker

    @property
    def item_prefix(self) -> str:
        """What goes before a list item's first line: its marker, `indent` cells in."""
        return " " * self.indent + self.marker

    def begins_line(self, text: str, start: int) -> bool:
        """Does a screen line from canonical offset `start` (`text` the article's) begin a
        line of this block's own: its first, or one of a plain-text quotation's lines?"""
        if start == self.start:
            return True
        return self.kind == "quote" and bool(self.own_marker) and text[start - 1] == "\n"

    def shown(self, text: str, start: int, end: int) -> str:
        """`text[start:end]`, part of this block's text (`text` the article's), as it is
        shown: a plain-text item's own "-", "*" or "+" as the bullet, a plain-text
        quotation's own ">" as the quote mark (the text keeps them), one for one."""
        piece = text[start:end]
        if not self.own_marker:
            return piece
        if self.kind == "quote":
            piece = piece.replace("\n>", "\n" + QUOTE_MARK)
            own, mark = ">", QUOTE_MARK
        else:
            own, mark = OWN_BULLETS, BULLET[0]
        if piece[:1] and piece[0] in own and self.begins_line(text, start):
            return mark + piece[1:]
        return piece


@dataclass(slots=True, kw_only=True)
class ArticleMeta:
    """What a page says of itself besides its title and source: read by a format's
    parser (`reader.ingest.formats.parsed.Parsed`) and kept by the Article."""

    author: str | None = None
    date: str | None = None
    url: str | None = None
    subtitle: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        """These fields by name, to hand on (`Article(..., **parsed.metadata())`)."""
        return {f.name: getattr(self, f.name) for f in fields(ArticleMeta)}


@dataclass(slots=True)
class Article(ArticleMeta):
    """A cleaned article: metadata plus its canonical text split into blocks.

    `text` is the canonical text (see `reader.ingest.canonical`): every block's text,
    body and boilerplate, joined by a blank line. Annotation offsets index it.
    """

    id: str
    path: str
    title: str
    source: str
    format: str
    text: str
    blocks: list[Block]
    sha256: str
    words: int
    # What of the file was left out, a line each (a front matter field that cannot be read).
    ignored: list[str] = field(default_factory=list)
    # The sha256 of the file's whole text, as read: the same file renamed to another
    # format (`x.txt` to `x.md`) has it, where its reading (`sha256`, title) differs.
    file_sha256: str = ""

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if not b.boilerplate]

    @property
    def boilerplate_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.boilerplate]

    @property
    def body_text(self) -> str:
        """The clean body: body blocks separated by a blank line."""
        return "\n\n".join(self.block_text(b) for b in self.body_blocks)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 230))

    def meta_line(self) -> str:
        """source · author · date · N words · M min read (or H h M min read)."""
        author = self.author if self.author != self.source else None
        parts = [
            self.source,
            author,
            self.date,
            plural(self.words, "word"),
        ]
        if self.words:  # an empty page is not "1 min read"
            parts.append(f"{reading_time(self.reading_minutes)} read")
        return " · ".join(p for p in parts if p)

    def summary(self) -> dict:
        """The article's metadata as plain JSON-able data."""
        return {name: getattr(self, name) for name in SUMMARY_FIELDS}


def reading_time(minutes: int) -> str:
    """ "45 min", "1 h 35 min", past ten hours whole hours only ("73 h")."""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours >= 10 or not rest:
        return f"{grouped(round(minutes / 60))} h"
    return f"{hours} h {rest} min"


# What an article shows when it has no text to show (a page of scripts, only front matter).
NO_TEXT = "This article has no text."


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file the library passed over, with a one-line reason."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Ignored:
    """Part of a file the library left out (the rest of it is read), with a one-line reason."""

    path: str
    reason: str


def folder_source(article_id: str) -> tuple[str | None, str | None]:
    """The sources an article's folders give it: `inbox/<site>` for a page in the inbox's
    folder of its site, which comes before its own; else its top folder, which its own
    comes before (None where there is none)."""
    folders = PurePosixPath(article_id).parts[:-1]
    if len(folders) > 1 and folders[0] == INBOX:
        return f"{INBOX}/{folders[1]}", None
    return None, (folders[0] if folders else None)


def id_source(article_id: str) -> str:
    """The source an article's id alone gives (an article gone from the library): its
    site's or top folder's (see `folder_source`); none for a file outside the library."""
    if article_id.startswith(OUTSIDE + "/"):
        return ""
    site, folder = folder_source(article_id)
    return site or folder or ""


def name_title(name: str) -> str:
    """The title of a file without one of its own: its name's (`name` a path or an id)."""
    return PurePosixPath(name).stem.replace("-", " ").replace("_", " ")


def outside_id(path: Path) -> str:
    """The id of a file outside the library: OUTSIDE and its absolute path, resolved;
    ``/home/me/story.txt`` -> ``.outside/home/me/story.txt``. Bytes of the path that are
    not UTF-8 become U+FFFD, as an id is text (in notes files, on screen)."""
    posix = path.resolve().as_posix()
    return OUTSIDE + posix.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def outside_path(article_id: str) -> Path | None:
    """The file an id made by `outside_id` names; None for any other id."""
    if not article_id.startswith(OUTSIDE + "/"):
        return None
    return Path(article_id[len(OUTSIDE) :])
