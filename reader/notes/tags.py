"""Which tags match: the one rule for a tag asked for (`--tag`, `tag:`, the Review's tags,
a facet) and a note's tags. Case does not count, and a leading `#` is the mark of a tag,
not part of it: `People`, `#people` and `people` are one tag."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reader.text.safe import visible_symbols


def tag_key(tag: str) -> str:
    """What a tag is matched by."""
    return tag.strip().removeprefix("#").casefold()


def hashed(tags: Iterable[str]) -> str:
    """Tags as they are shown (the Notes screen, the note line, the Review, `reader
    notes`): `#a #b`, each on one line, control characters and line breaks as symbols."""
    return " ".join(f"#{visible_symbols(tag)}" for tag in tags)


def breaks_lines(tag: str) -> bool:
    """Whether a tag holds a line break: a tag is one line (the note dialog types no other)."""
    return bool(tag) and tag.splitlines() != [tag]


def same_tag(a: str, b: str) -> bool:
    return tag_key(a) == tag_key(b)


def has_all_tags(have: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether the tags `have` hold every one of `wanted`."""
    keys = {tag_key(t) for t in have}
    return all(tag_key(t) in keys for t in wanted)


def has_any_tag(have: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether the tags `have` hold one of `wanted` at least."""
    keys = {tag_key(t) for t in have}
    return any(tag_key(t) in keys for t in wanted)


def tally(tags: Iterable[str]) -> list[tuple[str, int]]:
    """Tags counted as one when they match, most used first: each under its spelling
    used most (the first met, when as many), without a leading `#`."""
    spellings: dict[str, Counter[str]] = {}
    for tag in tags:
        spellings.setdefault(tag_key(tag), Counter())[tag.strip().removeprefix("#")] += 1
    counted = [(used.most_common(1)[0][0], used.total()) for used in spellings.values()]
    return sorted(counted, key=lambda shown: (-shown[1], tag_key(shown[0])))
