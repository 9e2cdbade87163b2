"""Markdown notes and articles: front matter, structure and inline styles."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.infra.collector import collector_held
from reader.ingest.canonical import Part, normalize
from reader.ingest.cleaning import classify
from reader.ingest.formats.frontfields import front_date, front_tags, front_text, front_title
from reader.ingest.formats.frontmatter import split_front_matter
from reader.ingest.formats.mddepth import MAX_NESTING, flatten, too_deep
from reader.ingest.formats.parsed import Parsed
from reader.ingest.tables import Cell, cell, table_part
from reader.model import Mark

# Blocks nest as deep as MAX_NESTING; the inline parse, done apart, keeps markdown-it's
# own limit (links in links deeper than it are read as text, and quickly).
_blocks = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")
_md = MarkdownIt("commonmark")
_INLINE_STYLE = {"strong_open": "strong", "em_open": "em", "link_open": "link"}


def _inline(token: Token) -> tuple[str, list[Mark]]:
    """Plain text of an inline token, with marks for emphasis, code and links."""
    out: list[str] = []
    marks: list[Mark] = []
    open_at: list[tuple[str, int, str | None]] = []
    pos = 0
    for child in token.children or []:
        kind = child.type
        piece = ""
        if kind in ("text", "text_special", "html_inline"):
            piece = child.content
        elif kind == "softbreak":
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "code_inline":
            piece = child.content
            marks.append(Mark(pos, pos + len(piece), "code"))
        elif kind == "image":
            piece = child.content or ""
        elif kind in _INLINE_STYLE:
            href = child.attrs.get("href") if kind == "link_open" else None
            open_at.append((_INLINE_STYLE[kind], pos, str(href) if href else None))
        elif kind.endswith("_close") and open_at:
            style, start, href = open_at.pop()
            if pos > start:
                marks.append(Mark(start, pos, style, href))  # type: ignore[arg-type]
        out.append(piece)
        pos += len(piece)
    return "".join(out), marks


def parse_markdown(raw: str) -> Parsed:
    """Parse Markdown with optional front matter (YAML, or TOML between `+++` lines)."""
    # A long file is tens of thousands of tokens, none of them garbage before the end: the
    # collector would walk them again and again (up to a third of the reading).
    with collector_held():
        return _parse(raw)


def _parse(raw: str) -> Parsed:
    front = split_front_matter(normalize(raw))
    parsed = Parsed(ignored=front.ignored, front_matter=front.found)
    parts: list[Part] = []
    quote_depth = 0
    list_depth = 0
    heading_level = 0
    # markdown-it hides the paragraphs of a tight list's items; such an item right after
    # another one is shown without a blank line between them.
    hidden_paragraph = after_tight_item = False
    # The next number of each list open, innermost last (0 in a bulleted list), and of
    # each item open, its number and whether a paragraph of it was read (a further one
    # continues it, under its text).
    numbers: list[int] = []
    items: list[tuple[int, bool]] = []
    table: _Table | None = None
    for token in _tokens(front.body):
        kind = token.type
        if table is not None:
            if table.read(token):
                continue
            part = table.part()
            if part is not None:
                parts.append(part)
            table = None
            after_tight_item = False
            continue
        if kind == "table_open":
            table = _Table()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            numbers.append(int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            numbers.pop()
            after_tight_item = after_tight_item and list_depth > 0
        elif kind == "list_item_open":
            items.append((numbers[-1], False))
            numbers[-1] += bool(numbers[-1])
        elif kind == "list_item_close":
            items.pop()
        elif kind == "paragraph_open":
            hidden_paragraph = token.hidden
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "inline":
            text, marks = _inline(token)
            tight_item = bool(list_depth) and not heading_level and hidden_paragraph
            if heading_level:
                parts.append(Part("heading", text, level=heading_level, marks=marks))
            elif items:
                number, continued = items[-1]
                items[-1] = (number, True)
                tight = tight_item and after_tight_item
                parts.append(
                    Part(
                        "list_item",
                        text,
                        level=list_depth,
                        marks=marks,
                        tight=tight,
                        number=number,
                        continued=continued,
                    )
                )
            elif quote_depth:
                parts.append(Part("quote", text, marks=marks))
            else:
                parts.append(Part("paragraph", text, marks=marks))
            after_tight_item = tight_item
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            marks = [Mark(0, len(code), "code")]
            if items:  # code in an item sits under its text, as a further paragraph does
                number, continued = items[-1]
                items[-1] = (number, True)
                parts.append(
                    Part(
                        "list_item",
                        code,
                        level=list_depth,
                        marks=marks,
                        number=number,
                        continued=continued,
                    )
                )
            else:
                parts.append(Part("paragraph", code, marks=marks))
            after_tight_item = False

    title = front_title(front)
    if title is not None:
        parsed.title = title
    else:
        first_h1 = next((p for p in parts if p.kind == "heading" and p.level == 1), None)
        if first_h1 is not None:
            parsed.title = first_h1.text.strip()
            parts.remove(first_h1)
    classify([p for p in parts if p.kind == "paragraph"])
    parsed.parts = parts
    parsed.source = front_text(front, "source")
    parsed.author = front_text(front, "author")
    parsed.url = front_text(front, "url")
    parsed.date = front_date(front)
    parsed.tags = front_tags(front)
    return parsed


def _tokens(body: str) -> list[Token]:
    """The tokens of `body`, inline ones with their children; what is nested deeper than
    `MAX_NESTING` is read at that depth (`flatten`)."""
    env: dict[str, object] = {}
    tokens = _blocks.parse(body, env)
    if too_deep(tokens):
        env = {}
        tokens = _blocks.parse(flatten(body), env)
    for token in tokens:
        if token.type == "inline":
            token.children = []
            _md.inline.parse(token.content, _md, env, token.children)
    return tokens


class _Table:
    """A table's cells, read token by token: its header rows and its right-aligned columns."""

    def __init__(self) -> None:
        self.rows: list[list[Cell]] = []
        self.header_rows = 0
        self.right: set[int] = set()
        self._in_head = False

    def read(self, token: Token) -> bool:
        """Take in one token of the table; False at its end."""
        kind = token.type
        if kind == "tr_open":
            self.rows.append([])
            self.header_rows += self._in_head
        elif kind == "thead_open":
            self._in_head = True
        elif kind == "thead_close":
            self._in_head = False
        elif kind in ("th_open", "td_open") and "right" in str(token.attrGet("style") or ""):
            self.right.add(len(self.rows[-1]))
        elif kind == "inline" and self.rows:
            self.rows[-1].append(cell(*_inline(token)))
        return kind != "table_close"

    def part(self) -> Part | None:
        return table_part(self.rows, self.header_rows, frozenset(self.right))
