"""Small libraries written into tmp_path, and an index kept out of the real cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.search import LibraryIndex


class Library:
    """A library folder with helpers to write articles in each supported format."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        later(path)
        return path

    def md(self, rel: str, title: str, *paragraphs: str, **meta: object) -> Path:
        head = "".join(f"{k}: {v}\n" for k, v in {"title": title, **meta}.items())
        return self.write(rel, f"---\n{head}---\n\n" + "\n\n".join(paragraphs) + "\n")

    def txt(self, rel: str, title: str, *paragraphs: str) -> Path:
        return self.write(rel, title + "\n\n" + "\n\n".join(paragraphs) + "\n")

    def html(self, rel: str, title: str, *paragraphs: str) -> Path:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return self.write(
            rel,
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>",
        )


_tick = [0]


def later(path: Path) -> None:
    """Give path a fresh, strictly increasing mtime (coarse clocks can repeat one)."""
    _tick[0] += 1
    stamp = path.stat().st_mtime_ns + _tick[0] * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def sentence(*words: str) -> str:
    """A prose paragraph (the cleaner keeps prose) that mentions the given words."""
    extra = " ".join(words)
    return (
        f"The committee met on Tuesday to discuss {extra} at some length, and members said "
        "they expected to publish a fuller report before the end of the month."
    )


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "library")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "index" / "test.sqlite"


@pytest.fixture
def make_index(lib: Library, db_path: Path):
    opened: list[LibraryIndex] = []

    def make() -> LibraryIndex:
        index = LibraryIndex(lib.root, db_path=db_path)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()


@pytest.fixture
def sample(lib: Library) -> Library:
    """Five articles in three formats, with sources, authors and dates."""
    lib.md(
        "planet/cafe.md",
        "Café culture in Paris",
        "The old café on the corner has served espresso to writers for a century, "
        "and it still opens its doors at dawn every single day.",
        "Regulars say the croissants are the best in the city, though nobody agrees why.",
        source='"Daily Planet"',
        author="Lois Lane",
        date="2023-05-02",
    )
    lib.md(
        "planet/harbour.md",
        "Harbour cranes return",
        "The port authority said on Monday that the new cranes would double the number "
        "of containers handled each day at the harbour.",
        "Dock workers welcomed the news but asked for more training on the machines.",
        source='"Daily Planet"',
        author="Clark Kent",
        date="2024-02-10",
    )
    lib.md(
        "wire/volcano.md",
        "Volcano wakes up",
        "Scientists on the island reported a sharp rise in tremors overnight, and "
        "officials closed the roads that lead up to the summit.",
        "Residents were told to prepare for a possible evacuation in the coming days.",
        source="Reuters",
        author="Ann Smith",
        date="2024-11-23",
    )
    lib.txt(
        "notes/garden.txt",
        "Growing tomatoes on a balcony",
        "A sunny balcony is enough to grow tomatoes, provided the pots are deep and the "
        "plants are watered every evening during the summer months.",
        "Local gardeners also recommend basil, which keeps some insects away from the fruit.",
    )
    lib.html(
        "web/trains.html",
        "Night trains are back",
        "Europe's night trains are returning as travellers look for alternatives to short "
        "flights, and several new routes open this winter across the continent.",
        "A sleeper from Paris to Berlin now runs three times a week, the operator said.",
    )
    return lib
