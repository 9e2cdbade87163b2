"""Tellings of a story named so they can be told apart: by source and title, and by
file where two read the same."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath


def _reading(source: str, title: str) -> tuple[str, str]:
    """How a source and a title read: case and spacing aside."""
    return " ".join(source.split()).casefold(), " ".join(title.split()).casefold()


def told_apart(named: Sequence[tuple[str, str, str]]) -> list[str]:
    """For each (id, source, title): "" when no other one reads the same (its source and
    title), else what tells it apart: its file name, or its whole id when another of
    those has that file name too."""
    readings = Counter(_reading(source, title) for _, source, title in named)
    alike = [readings[_reading(source, title)] > 1 for _, source, title in named]
    files = Counter(
        PurePosixPath(i).name for (i, _, _), same in zip(named, alike, strict=True) if same
    )
    apart = []
    for (article_id, _, _), same in zip(named, alike, strict=True):
        name = PurePosixPath(article_id).name
        apart.append("" if not same else name if files[name] == 1 else article_id)
    return apart
