"""Which notes a filter's words leave: the search bar's language, read on notes.

Words (all of them), `"a phrase"`, `a OR b`, `-word` to leave notes out, `title:`,
`source:`, `author:` for the article's, `tag:x` and `-tag:x` by the rule of tags; `#x`
is found among the tags as the Notes screen shows them (`#people`). Case, accents and
typeset apostrophes and quotes (`’`, `“`) do not count, as in search and find, nor quotes
at a word's edge (`'fine'` is `fine`), and a word is found inside the words of the quote,
the note, the tags and the article's title, so that the notes narrow letter by letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.notes.tags import has_all_tags, has_any_tag, hashed
from reader.search.query import Query, Term, parse_query
from reader.text.find import fold_query

if TYPE_CHECKING:
    from reader.notes.records import NoteRecord


def searched_text(record: NoteRecord) -> str:
    """The words of a note as the filter reads them: its quote, note,
    tags as shown and its article's title, folded, a line each (a phrase stays in one)."""
    a = record.annotation
    return "\n".join(fold_query(part) for part in (a.quote, a.note, hashed(a.tags), record.title))


@dataclass(frozen=True, slots=True)
class NoteFilter:
    """A filter's words, parsed once and matched against many notes."""

    query: Query

    @classmethod
    def parse(cls, text: str) -> NoteFilter:
        return cls(parse_query(text))

    @property
    def empty(self) -> bool:
        q = self.query
        return not (q.groups or q.excluded or q.tags or q.not_tags)

    @property
    def unused(self) -> tuple[str, ...]:
        """The search bar's filters that say nothing of a note (`is:`, `before:`, ...)."""
        q = self.query
        asked = {
            "before:": q.before,
            "after:": q.after,
            "is:": q.read,
            "has:": q.has_notes is not None,
        }
        return tuple(name for name, given in asked.items() if given)

    @property
    def message(self) -> str | None:
        """What the search bar says of the same words (a quote left open: its words
        searched apart), or None."""
        return self.query.message

    def passes(self, record: NoteRecord, searched: str | None = None) -> bool:
        """Whether the note passes; `searched`: its `searched_text`,
        when made already."""
        q = self.query
        tags = record.annotation.tags
        if (q.tags or q.not_tags) and (
            not has_all_tags(tags, q.tags) or has_any_tag(tags, q.not_tags)
        ):
            return False
        if not (q.groups or q.excluded):
            return True
        text = searched_text(record) if searched is None else searched
        return all(any(_found(t, record, text) for t in group) for group in q.groups) and not any(
            _found(t, record, text) for t in q.excluded
        )


def _found(term: Term, record: NoteRecord, searched: str) -> bool:
    words = _words(term.text)
    if term.column is None:
        return words in searched
    field = {"title": record.title, "source": record.source, "author": record.author}
    return words in fold_query(field[term.column] or "")


def _words(text: str) -> str:
    """A term's words folded, as the search bar reads them: quotes around a word or at
    its edge are not part of it (`'fine'` is `fine`; `it's` keeps its apostrophe)."""
    return " ".join(word for word in (w.strip("'\"") for w in fold_query(text).split(" ")) if word)
