"""Counts in words: "1 note", "3 notes"; "3 new, 1 changed" (the counts that are not 0);
"once", "6 times"."""

from __future__ import annotations

from collections.abc import Iterable


def grouped(count: int) -> str:
    """A count with its thousands grouped, as every count shown: "1,739"."""
    return f"{count:,}"


def plural(count: int, word: str) -> str:
    """`count` and `word`, in its plural unless there is one ("1,204 articles")."""
    return f"{grouped(count)} {word if count == 1 else plural_of(word)}"


def plural_of(word: str) -> str:
    """The plural of an English noun made the regular way: "entry" -> "entries"."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return word[:-1] + "ies"
    return word + "s"


def tally(counts: Iterable[tuple[int, str]]) -> str:
    """The counts that are not 0, each with its word: "3 new, 1 changed" ("" if none)."""
    return ", ".join(f"{grouped(count)} {word}" for count, word in counts if count)


def times(count: int) -> str:
    """How often something is found: "once", "6 times"."""
    return "once" if count == 1 else f"{grouped(count)} times"
