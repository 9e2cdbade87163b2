"""Stop words per language, from the lists jusText ships as data, read on first use.

jusText keeps one list per language (about 100 of them, most frequent word first). A
page's language is guessed from the heads of those lists: the language whose commonest
words the page uses most. Only that language's full list is then read. Nothing is read
before a page needs it, so start-up and searching never pay for the lists, and the
jusText package itself is never imported (only its data files are read).
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

# The commonest words of a list that vote for its language.
_HEAD = 40
# A language is trusted when its head words make up this share of a page's words.
_MIN_SHARE = 0.05
# The words a guess looks at: enough to tell a language, few enough to be quick.
_SAMPLE = 4000
# Tiny lists (machine-made wikis) guess wrong more often than right.
_MIN_LIST = 100
# A second list of a language already there.
_DUPLICATES = frozenset({"Simple_English"})


@cache
def _lists_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return folder if folder.is_dir() else None


def _read(path: Path, most: int | None = None) -> list[str]:
    """The words of a list (its first `most` lines only, when given)."""
    try:
        with path.open(encoding="utf-8") as lines_file:
            lines = (
                [line for _, line in zip(range(most), lines_file, strict=False)]
                if most
                else lines_file.read().split("\n")
            )
    except (OSError, UnicodeDecodeError):
        return []
    lines = [w for line in lines for w in line.split()]
    # Entries may carry punctuation ("있다."); pages are split into words without it.
    return [w.strip(".,;:!?\"'()").lower() for w in lines if w.strip(".,;:!?\"'()")]


@cache
def _heads() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """Language names, and for each head word the languages whose head holds it."""
    folder = _lists_dir()
    if folder is None:
        return (), {}
    names: list[str] = []
    voters: dict[str, list[int]] = {}
    for path in sorted(folder.glob("*.txt")):
        if path.stem in _DUPLICATES:
            continue
        entries = _read(path, _HEAD)
        if len(entries) < _HEAD or _short_list(path):
            continue
        index = len(names)
        names.append(path.stem)
        for word in dict.fromkeys(entries[:_HEAD]):
            voters.setdefault(word, []).append(index)
    return tuple(names), {w: tuple(v) for w, v in voters.items()}


def _short_list(path: Path) -> bool:
    """A list of fewer than _MIN_LIST words (told by its size, without reading it all)."""
    try:
        if path.stat().st_size > _MIN_LIST * 32:  # a hundred words never take that much
            return False
        return len(_read(path)) < _MIN_LIST
    except OSError:
        return True


def guess_language(tokens: Sequence[str]) -> str | None:
    """The language (a jusText list name, "English") whose commonest words fill `tokens`
    most, or None when no language's words make up a fair share of them."""
    names, voters = _heads()
    if not tokens or not names:
        return None
    votes = [0] * len(names)
    sample = tokens[:_SAMPLE]
    lowered = " ".join(sample).lower().split()  # each word's lower case, in one call
    for word, count in Counter(filter(voters.__contains__, lowered)).items():
        for index in voters[word]:
            votes[index] += count
    best = max(range(len(names)), key=votes.__getitem__)
    if votes[best] < _MIN_SHARE * len(sample):
        return None
    return names[best]


@cache
def stop_words(language: str) -> frozenset[str]:
    """The whole stop list of a language (lowercased), empty when there is none."""
    folder = _lists_dir()
    if folder is None or "/" in language or "\\" in language:
        return frozenset()
    return frozenset(_read(folder / f"{language}.txt"))
