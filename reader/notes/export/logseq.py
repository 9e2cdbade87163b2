"""Logseq: one page per article, each passage a block with a stable ``id::``.

The page's properties come first (``title::``, ``source::``, ``author::``, ``url::``,
``tags::`` and ``reader-id::``, by which reader knows its page again), then a block
per passage. Text keeps what was typed: the title as it is (Logseq reads no link nor
tag in ``title::``), a source or author Logseq would take a link or tag from in double
quotes, each tag exactly as a ``[[page]]`` (its brackets, which a reference cannot
hold, made spaces)::

    - > the passage
      id:: 0b5e2d4c-…
      tags:: [[people]]
        - the note

The ``id::`` is a UUID derived from the note id, so a block reference
(``((0b5e2d4c-…))``) from another page holds from one export to the next. reader's
pages are its own: exporting again rewrites the page it wrote (found by ``reader-id::``
wherever it was moved in the folder), and never a page it did not write. Add your own
thoughts on another page, referring to the blocks.
"""

from __future__ import annotations

import re

from reader.notes.export.grouping import by_article, note_uuid, one_line
from reader.notes.export.markup import inert_lines
from reader.notes.export.pages import Page, id_from_token, id_token, page_name
from reader.notes.records import NoteRecord
from reader.notes.tags import distinct, tag_name
from reader.text.safe import controls_visible

_OWNER = re.compile(r"^reader-id:: (\S+)$", re.MULTILINE)
# What would make a property value a link, a block reference or a macro.
_ACTIVE = re.compile(r"\[\[|\]\]|\(\(|\)\)|\{\{|\}\}")
# What Logseq takes from a property value as a page (a link, a tag) or a macro.
_REFERS = re.compile(r"\[\[|\]\]|\(\(|\{\{|#")


def property_value(text: str) -> str:
    """One line, with no link, block reference nor macro in it."""
    return one_line(_ACTIVE.sub(" ", controls_visible(text))).strip()


def text_value(text: str) -> str:
    """One line as typed, in double quotes when Logseq would take a link, a tag or a
    macro from it: a value in double quotes is text to Logseq."""
    value = one_line(controls_visible(text))
    return f'"{value}"' if _REFERS.search(value) else value


def _page_ref(tag: str) -> str:
    """The tag as a page reference, its name exact (commas, `#` and all): only its
    brackets, which a reference cannot hold, are spaces."""
    name = one_line(controls_visible(tag_name(tag)).replace("[", " ").replace("]", " "))
    return f"[[{name}]]" if name else ""


def _refs(tags: list[str]) -> str:
    refs: list[str] = []
    for tag in distinct(tags):
        if (ref := _page_ref(tag)) and ref not in refs:
            refs.append(ref)
    return ", ".join(refs)


def _properties(group: list[NoteRecord]) -> str:
    first = group[0]
    # Logseq names the page by `title::` as it is: no link nor tag is taken from it.
    title = one_line(controls_visible(first.title)) or one_line(controls_visible(first.article_id))
    lines = [f"title:: {title}"]
    for key, value in (("source", first.source), ("author", first.author)):
        if value and text_value(value):
            lines.append(f"{key}:: {text_value(value)}")
    if first.url and property_value(first.url):
        lines.append(f"url:: {property_value(first.url)}")
    tags = _refs([*first.article_tags, *(t for r in group for t in r.annotation.tags)])
    if tags:
        lines.append(f"tags:: {tags}")
    lines.append(f"reader-id:: {id_token(first.article_id)}")
    return "\n".join(lines) + "\n\n"


def _block(record: NoteRecord) -> list[str]:
    quote = [f"> {line}".rstrip() for line in inert_lines(record.quote.strip())]
    lines = [f"- {quote[0]}", f"  id:: {note_uuid(record.annotation.id)}"]
    if tags := _refs(list(record.annotation.tags)):
        lines.append(f"  tags:: {tags}")
    lines += [f"  {line}" for line in quote[1:]]
    if record.shown_status == "orphaned":
        lines.append("  *(no longer found in the article)*")
    if record.annotation.has_note:
        note = inert_lines(record.annotation.note)
        lines.append(f"\t- {note[0]}")
        lines += [f"\t  {line}".rstrip() for line in note[1:]]
    return lines


def logseq_pages(records: list[NoteRecord]) -> list[Page]:
    """One page per article: its properties, then a block per passage."""
    return [
        Page(
            aid,
            page_name(group[0].title, aid),
            _properties(group),
            "\n".join(line for record in group for line in _block(record)) + "\n",
        )
        for aid, group in by_article(records)
    ]


class LogseqStyle:
    """reader's page is the one whose properties name the article (``reader-id::``)."""

    def owner(self, text: str) -> str | None:
        head = text.split("\n- ", 1)[0]
        found = _OWNER.search(head)
        return id_from_token(found.group(1)) if found else None

    def create(self, page: Page) -> str:
        return page.head + page.body

    def update(self, text: str, page: Page) -> str:
        return self.create(page)
