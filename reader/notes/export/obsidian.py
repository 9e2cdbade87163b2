"""Obsidian: one Markdown file per article, reader's part between two markers.

A new file gets front matter (title, source, author, url, tags), then reader's region::

    %% reader:begin AFP/story.txt (reader rewrites this part on each export) %%
    > the passage

    ^hl-3f2a9c01d4

    the note

    #tag
    %% reader:end %%

Each passage is a quote block with a block id derived from the note id, so a link to
it (``[[story#^hl-3f2a9c01d4]]``) holds from one export to the next. Exporting again
replaces the region only: what the user wrote above or below it, and the front matter,
stay as they are. ``%%`` lines are Obsidian comments, hidden when reading.
"""

from __future__ import annotations

import re

import yaml

from reader.notes.export.grouping import by_article, one_line, short_id
from reader.notes.export.markup import commonmark_inert, inert_lines, markdown_tags
from reader.notes.export.pages import Page, PageRegionError, id_from_token, id_token, page_name
from reader.notes.records import NoteRecord

BEGIN = "%% reader:begin {token} (reader rewrites this part on each export) %%"
END = "%% reader:end %%"
_BEGIN = re.compile(r"^%% reader:begin (\S+)(?: .*)? %%$", re.MULTILINE)
_END = re.compile(r"^%% reader:end %%$", re.MULTILINE)


def block_id(note_id: str) -> str:
    """The note's Obsidian block id: ``hl-`` and ten hex digits derived from its id."""
    return f"hl-{short_id(note_id)}"


def _front_matter(group: list[NoteRecord]) -> str:
    first = group[0]
    tags = markdown_tags([*first.article_tags, *(t for r in group for t in r.annotation.tags)])
    fields: dict[str, object] = {"title": one_line(first.title)}
    if first.source:
        fields["source"] = one_line(first.source)
    if first.author:
        fields["author"] = one_line(first.author)
    if first.url:
        fields["url"] = one_line(first.url)
    if tags:
        fields["tags"] = tags
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1 << 30)
    return f"---\n{dumped}---\n\n"


def _highlight(record: NoteRecord) -> list[str]:
    lines = [f"> {line}".rstrip() for line in inert_lines(record.quote.strip(), commonmark_inert)]
    if record.shown_status == "orphaned":
        lines += [">", "> *(no longer found in the article)*"]
    lines += ["", f"^{block_id(record.annotation.id)}", ""]
    if record.annotation.has_note:
        lines += [*inert_lines(record.annotation.note, commonmark_inert), ""]
    tags = markdown_tags(record.annotation.tags)
    if tags:
        lines += [" ".join(f"#{t}" for t in tags), ""]
    return lines


def obsidian_pages(records: list[NoteRecord]) -> list[Page]:
    """One page per article: front matter for a new file, the highlights as reader's part."""
    pages = []
    for aid, group in by_article(records):
        body = [line for record in group for line in _highlight(record)]
        pages.append(
            Page(aid, page_name(group[0].title, aid), _front_matter(group), "\n".join(body))
        )
    return pages


class ObsidianStyle:
    """reader's region between ``%% reader:begin ID %%`` and ``%% reader:end %%``."""

    def owner(self, text: str) -> str | None:
        found = _BEGIN.search(text)
        return id_from_token(found.group(1)) if found else None

    def _region(self, page: Page) -> str:
        return f"{BEGIN.format(token=id_token(page.article_id))}\n{page.body}\n{END}\n"

    def create(self, page: Page) -> str:
        return page.head + self._region(page)

    def update(self, text: str, page: Page) -> str:
        begins = [m for m in _BEGIN.finditer(text) if id_from_token(m.group(1)) == page.article_id]
        ends = list(_END.finditer(text))
        if len(begins) != 1 or len(_BEGIN.findall(text)) != 1 or len(ends) != 1:
            raise PageRegionError("reader's markers (%% reader:begin/end %%) are not one pair")
        begin, end = begins[0], ends[0]
        if end.start() < begin.end():
            raise PageRegionError("reader's end marker comes before its begin marker")
        after = end.end() + 1 if text[end.end() : end.end() + 1] == "\n" else end.end()
        return text[: begin.start()] + self._region(page) + text[after:]
