"""Cards for Anki: a tab-separated file, HTML escaped, one card per line.

Front: the passage (the quote in bold between its sentences). Back: the note, its
tags, the article's title and source, and a link back to the article file.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from reader.notes.tags import distinct, tag_name
from reader.review.passage import Passage
from reader.review.queue import ReviewItem
from reader.text.safe import controls_visible

HEADER = "#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n"


def anki_lines(cards: Iterable[tuple[ReviewItem, Passage]]) -> str:
    """The whole file: Anki's header lines, then one line per card."""
    return HEADER + "".join(_line(item, shown) + "\n" for item, shown in cards)


def _line(item: ReviewItem, shown: Passage) -> str:
    record = item.record
    front = f"{_html(shown.before)}<b>{_html(shown.quote)}</b>{_html(shown.after)}"
    back = [_html(record.annotation.note)] if record.annotation.has_note else []
    where = _html(record.title) + (f" · {_html(record.source)}" if record.source else "")
    if record.path:
        uri = html.escape(Path(record.path).absolute().as_uri(), quote=True)
        where = f'<a href="{uri}">{where}</a>'
    back.append(f"— {where}")
    tags = " ".join(tag_name(t).replace(" ", "_") for t in distinct(record.annotation.tags))
    return "\t".join([front, "<br><br>".join(back), _field(tags)])


def _html(text: str) -> str:
    """Escaped, line breaks as <br>, control characters as symbols; no tab or newline is
    left to break the line."""
    escaped = html.escape(controls_visible(text), quote=True)
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return escaped.replace("\t", " ")


def _field(text: str) -> str:
    return " ".join(controls_visible(text).split())
