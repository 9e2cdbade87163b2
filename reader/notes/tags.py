"""Which tags match: the one rule for a tag asked for (`--tag`, `tag:`, the Review's tags,
a facet) and a note's tags. Case does not count, and a leading `#` is the mark of a tag,
not part of it: `People`, `#people` and `people` are one tag."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def tag_key(tag: str) -> str:
    """What a tag is matched by."""
    return tag.strip().removeprefix("#").casefold()


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
