"""Notes files as last parsed, so that bytes read again unchanged are not parsed again.

The app reads an article's notes file for the article, for the notes counts and for the
Notes screen, often at the same moment: a file of 10,000 notes takes a second or more to
parse. The notes returned are shared, and nothing changes them (every change makes new
ones: see `reader.notes.merge`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from reader.infra.yamloutline import Outline
from reader.notes.schema import NotesFile


class Parsed(NamedTuple):
    """A notes file as parsed, and where its keys and notes are in its text (None when
    the parse did not take it: see `reader.infra.yamloutline`)."""

    notes: NotesFile
    outline: Outline | None


class ParsedNotes:
    """Each article's notes as parsed from the bytes last read, by their digest."""

    def __init__(self) -> None:
        # One parse at a time: a reader asking for a file being parsed waits, then
        # takes what was parsed rather than parsing it again.
        self._lock = threading.Lock()
        self._known: dict[str, tuple[bytes, datetime | None, Parsed]] = {}

    def known(self, article_id: str, raw: bytes, undated: datetime | None) -> Parsed | None:
        """The last parse of the file when its bytes and time are those given, else None."""
        digest = hashlib.blake2b(raw).digest()
        with self._lock:
            known = self._known.get(article_id)
        if known is None or known[0] != digest or known[1] != undated:
            return None
        return known[2]

    def parsed(
        self,
        article_id: str,
        raw: bytes,
        undated: datetime | None,
        parse: Callable[[], Parsed],
    ) -> Parsed:
        """What `parse` makes of the file's `raw` bytes (`undated`: the time its notes
        without one take), from the last parse when the bytes and the time are the same.
        What `parse` raises is raised, and not kept."""
        digest = hashlib.blake2b(raw).digest()
        with self._lock:
            known = self._known.get(article_id)
            if known is not None and known[0] == digest and known[1] == undated:
                return known[2]
            parsed = parse()
            self._known[article_id] = (digest, undated, parsed)
            return parsed
