"""Which tags match: the one rule for a tag asked for (`--tag`, `tag:`, the Review's tags,
a facet) and a note's tags. Case does not count, nor typeset quotes (`don’t` is `don't`,
as search reads them), and a leading `#` is the mark of a tag, not part of it: `People`,
`#people` and `people` are one tag. So a note is given each tag once (`normalised`), and
a note written with one twice shows and counts it once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reader.text.find import straight_quotes
from reader.text.natural import natural_key
from reader.text.safe import visible_symbols


def tag_key(tag: str) -> str:
    """What a tag is matched by."""
    return straight_quotes(tag_name(tag)).casefold()


def tag_name(tag: str) -> str:
    """A tag without its mark: trimmed, a leading `#` left out (`#` alone is kept)."""
    name = tag.strip()
    return name[1:] if name.startswith("#") and len(name) > 1 else name


def distinct(tags: Iterable[str]) -> list[str]:
    """A note's tags one each, in the spelling met first, blank ones left out."""
    seen: dict[str, str] = {}
    for tag in tags:
        if tag.strip():
            seen.setdefault(tag_key(tag), tag)
    return list(seen.values())


def normalised(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as a note is given them (`reader annotate`, the note dialog, an import): each
    once, as first spelt, without a leading `#` (`#` alone is kept; the rest as given:
    the dialog keeps a tag typed in double quotes as written)."""
    return tuple(tag for tag in map(_unmarked, distinct(tags)) if tag.strip())


def _unmarked(tag: str) -> str:
    """The tag without a leading `#`, as `tag_name` takes it: `#` alone is kept."""
    text = tag.lstrip()
    if not text.startswith("#") or text.strip() == "#":
        return tag
    return tag[: len(tag) - len(text)] + text[1:]


def hashed(tags: Iterable[str]) -> str:
    """Tags as they are shown (the Notes screen, the note line, the Review, `reader
    notes`): `#a #b`, each once, on one line, control characters and line breaks as
    symbols; a tag holding a space or a double quote in double quotes (`#"two words"`,
    a quote in it doubled), so that it reads as one tag."""
    return " ".join(hashed_tag(tag) for tag in distinct(tags))


def hashed_tag(tag: str) -> str:
    """One tag as `hashed` shows it."""
    name = visible_symbols(tag_name(tag))
    if '"' in name or any(c.isspace() for c in name):
        name = '"' + name.replace('"', '""') + '"'
    return f"#{name}"


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


def tally(notes: Iterable[Iterable[str]]) -> list[tuple[str, int]]:
    """The tags of `notes` (each note's tags), each with how many notes have it, most used
    first, then in natural order ("t2" before "t10"): tags that match are one, under
    their spelling used most (the first met, when as many), without a leading `#`."""
    spellings: dict[str, Counter[str]] = {}
    for tags in notes:
        for tag in distinct(tags):
            spellings.setdefault(tag_key(tag), Counter())[tag_name(tag)] += 1
    counted = [(used.most_common(1)[0][0], used.total()) for used in spellings.values()]
    return sorted(counted, key=lambda shown: (-shown[1], natural_key(shown[0]), tag_key(shown[0])))
