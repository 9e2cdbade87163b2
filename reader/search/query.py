"""The search language, parsed into an FTS5 MATCH expression plus filters.

Language (case- and accent-insensitive):

- ``word word``        every word must match
- ``"exact phrase"``   the words in this order
- ``prefix*``          any word starting with ``prefix``
- ``-word``            leave out articles matching (also ``-"phrase"``, ``-source:x``)
- ``a OR b``           either term (uppercase ``OR`` between two terms)
- ``source:x author:x title:x``   the term in that field (value may be ``"quoted"``)
- ``before:D after:D`` D is YYYY, YYYY-MM or YYYY-MM-DD; ``after:`` keeps dates on or
  after the start of D, ``before:`` keeps dates before it, so ``after:2024 before:2025``
  is the year 2024; undated articles never pass a date filter
- ``is:unread is:read``  needs the caller's read ids
- ``tag:x has:notes``  recognised and exposed for the caller, not applied here

Parsing never fails: anything else (FTS syntax such as NEAR, AND, NOT, ^, ``:``,
parentheses, column names) is searched as literal text, because every term is quoted
for FTS. Problems worth telling the user about end up in ``Query.message``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from reader.search import cjk
from reader.text.find import straight_quotes, without_passed_over

COLUMNS = ("title", "author", "source")
MAX_TERMS = 64
_FILTERS = {*COLUMNS, "before", "after", "is", "tag", "has"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Term:
    """One searched word or phrase, optionally a prefix, optionally within one column."""

    text: str
    prefix: bool = False
    column: str | None = None

    def fts(self) -> str:
        """The term as a quoted FTS5 phrase: operators inside it are plain text; CJK
        words as the index holds them (see `cjk`)."""
        text, open_end = cjk.searched(self.text)
        quoted = '"' + text.replace('"', '""') + '"' + ("*" if self.prefix or open_end else "")
        return f"{self.column} : {quoted}" if self.column else quoted


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query.

    `match` is the FTS5 expression every hit must match (it already excludes the
    excluded terms); it is None when there is no positive term. `exclude` is the
    expression for the excluded terms alone, for queries made only of exclusions (FTS5
    cannot run a NOT on its own: such a query lists the articles minus its matches);
    `excluded` holds those terms.
    """

    text: str
    match: str | None = None
    exclude: str | None = None
    before: str | None = None
    after: str | None = None
    read: Literal["read", "unread"] | None = None
    tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    has_notes: bool | None = None
    terms: tuple[Term, ...] = ()
    # The positive terms as written: every group must match, by one of its terms (OR).
    groups: tuple[tuple[Term, ...], ...] = ()
    title_terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    message: str | None = None
    ignored: bool = False  # a part was left out (`title:`, `after:soon`), `message` says why
    asked: bool = False  # a word, a filter or an operator was written (`""`, `'` are none)

    @property
    def is_empty(self) -> bool:
        """Nothing to search for and nothing to filter on."""
        return not (
            self.match
            or self.exclude
            or self.before
            or self.after
            or self.read
            or self.tags
            or self.not_tags
            or self.has_notes is not None
        )

    @property
    def lists_library(self) -> bool:
        """Empty (spaces, empty phrases, `""`, and terms with no word in them, `'`, at
        most), or with nothing left but parts told as ignored (`title:`, `after:soon`): it
        stands for the whole library, as the empty search bar does in the app."""
        return self.is_empty and (self.ignored or not self.asked)

    @property
    def excludes_only(self) -> bool:
        """Made only of exclusions (`-word`, `-source:x`, `-tag:x`, `-has:notes`): it
        stands for the library but what it leaves out."""
        positive = self.match or self.before or self.after or self.read or self.tags
        excluding = self.exclude or self.not_tags or self.has_notes is False
        return bool(excluding) and not positive and not self.has_notes


@dataclass(slots=True)
class _Item:
    kind: Literal["term", "filter", "or"]
    negated: bool = False
    term: Term | None = None
    key: str = ""
    value: str = ""


@dataclass(slots=True)
class _State:
    notes: list[str] = field(default_factory=list)

    ignored: bool = False

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def ignore(self, message: str) -> None:
        """A part of the query left out, and why."""
        self.ignored = True
        self.note(message)


def has_tokens(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a word in text (letters, digits, Co)."""
    return any(_is_token_char(c) for c in text)


def _is_token_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Co"


def clean(text: str) -> str:
    """NFC, without NUL or lone surrogates (SQLite cannot take them), nor the invisible
    characters and accent marks the index passes over in words; quotes straight."""
    return straight_quotes(_cleaned(text))


def _cleaned(text: str) -> str:
    """`clean`'s text with its quotes as written."""
    text = _SURROGATES.sub("\ufffd", text.replace("\x00", " "))
    return without_passed_over(unicodedata.normalize("NFC", text))


def parse_query(text: str) -> Query:
    """Parse the search language; never raises."""
    written = _cleaned(text)
    text = straight_quotes(written)  # one for one: `written` tells which were typeset
    state = _State()
    items = _lex(text, written, state)
    return _build(text, items, state)


def _lex(text: str, written: str, state: _State) -> list[_Item]:
    items: list[_Item] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        if text[i] == '"':
            phrase, i, closed = _quoted(text, i)
            if not closed:
                if phrase.strip():
                    state.note("unbalanced quote: searched as text")
                else:  # nothing after it: nothing to search
                    state.ignore("unbalanced quote: ignored")
                items.extend(_Item("term", term=Term(w)) for w in phrase.split())
                break
            prefix, i = _stars(text, i)
            if phrase.strip():  # an empty phrase asks for nothing
                items.append(_Item("term", negated, Term(phrase, prefix)))
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        key, colon, value = word.partition(":")
        key = key.lower()
        if (colon and key == "tag" and (value or j == n or written[j] != '"')) or word[:1] == "#":
            # A tag's typeset quotes are part of it (`tag:«x»`, `#«x»`, `tag:don’t`): one
            # value.
            while j < n and not text[j].isspace() and written[j] != '"':
                j += 1
            word = text[i:j]
            value = word.partition(":")[2]
        if colon and key in _FILTERS:
            if not value and j < n and text[j] == '"':
                value, j, closed = _quoted(text, j)
                if not closed:
                    state.note("unbalanced quote: searched as text")
                prefix, j = _stars(text, j)
                value += "*" if prefix else ""
            items.append(_Item("filter", negated, key=key, value=value))
        elif word == "OR" and not negated:
            items.append(_Item("or"))
        elif not word.strip("-"):  # `-` alone or `--`: a minus with no word to leave out
            state.ignore("a lone -: ignored")
        else:
            items.append(_Item("term", negated, _word_term(word)))
        i = j
    return items


def _quoted(text: str, i: int) -> tuple[str, int, bool]:
    """The text inside the quote at i, the index after it, and whether it was closed."""
    end = text.find('"', i + 1)
    if end < 0:
        return text[i + 1 :], len(text), False
    return text[i + 1 : end], end + 1, True


def _stars(text: str, i: int) -> tuple[bool, int]:
    j = i
    while j < len(text) and text[j] == "*":
        j += 1
    return j > i, j


def _word_term(word: str, column: str | None = None) -> Term:
    stem = word.rstrip("*")
    return Term(stem, prefix=bool(stem) and stem != word, column=column)


def _date_bound(value: str) -> str | None:
    """value when it is YYYY, YYYY-MM or YYYY-MM-DD and a real date, else None."""
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return value


def _build(text: str, items: list[_Item], state: _State) -> Query:
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    filters: dict = {"before": [], "after": [], "tags": [], "not_tags": []}
    read: str | None = None
    has_notes: bool | None = None
    or_pending = False
    last_positive = False
    count = 0
    wordless = 0  # terms with no word in them: a query of only those asks for nothing

    def dangling_or() -> None:
        state.ignore("OR needs a term on each side: ignored")

    for item in items:
        if item.kind == "or":
            if last_positive and not or_pending:
                or_pending = True
            else:
                dangling_or()
            continue
        term = item.term
        if item.kind == "filter":
            key, value = item.key, item.value.strip()
            if not value:
                state.ignore(f"{key}: needs a value: ignored")
                continue
            if key not in COLUMNS:
                if or_pending:
                    dangling_or()
                    or_pending = False
                last_positive = False
                if key in ("before", "after"):
                    bound = _date_bound(value)
                    if bound is None:
                        state.ignore(
                            f"{key}: wants a date like 2024, 2024-05 or 2024-05-17: ignored"
                        )
                    else:
                        flipped = {"before": "after", "after": "before"}[key]
                        filters[flipped if item.negated else key].append(bound)
                elif key == "is" and value.lower() in ("read", "unread"):
                    read = value.lower()
                    if item.negated:
                        read = "unread" if read == "read" else "read"
                elif key == "has" and value.lower() == "notes":
                    has_notes = not item.negated
                elif key == "tag":
                    filters["not_tags" if item.negated else "tags"].append(value)
                else:
                    state.ignore(f"unknown filter {key}:{value}: ignored")
                continue
            term = _word_term(value, column=key)
        assert term is not None
        if not has_tokens(term.text):
            wordless += 1  # no word in it (a lone -, *, ', ^ or parenthesis): nothing to search
            continue
        count += 1
        if count > MAX_TERMS:
            state.note(f"query too long: only the first {MAX_TERMS} terms were used")
            or_pending = False  # (an OR before a term left out goes with it)
            continue
        if item.negated:
            if or_pending:
                dangling_or()
                or_pending = False
            excluded.append(term)
            last_positive = False
        elif or_pending:
            groups[-1].append(term)
            or_pending = False
            last_positive = True
        else:
            groups.append([term])
            last_positive = True
    if or_pending:
        dangling_or()

    positive = " AND ".join(
        g[0].fts() if len(g) == 1 else "(" + " OR ".join(t.fts() for t in g) + ")" for g in groups
    )
    exclude = " OR ".join(t.fts() for t in excluded)
    if positive and exclude:
        grouped = len(groups) == 1 and len(groups[0]) > 1  # already "(a OR b)"
        positive = f"{positive if grouped else f'({positive})'} NOT ({exclude})"
    match = positive
    return Query(
        text=text,
        match=match or None,
        exclude=exclude or None,
        before=min(filters["before"], default=None),
        after=max(filters["after"], default=None),
        read=read,  # type: ignore[arg-type]
        tags=tuple(filters["tags"]),
        not_tags=tuple(filters["not_tags"]),
        has_notes=has_notes,
        terms=tuple(t for g in groups for t in g if t.column is None),
        groups=tuple(tuple(g) for g in groups),
        title_terms=tuple(t for g in groups for t in g if t.column == "title"),
        excluded=tuple(excluded),
        message="; ".join(state.notes) or None,
        ignored=state.ignored,
        asked=len(items) > wordless,
    )
