"""Libraries of news stories: the two bundled seeds, a third outlet on the same meeting, and
articles about other events — some with the same people (Rutte, Trump) months later."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.related import RelatedIndex, open_related
from reader.search import LibraryIndex, open_index
from tests.conftest import AFP_ID, BUNDLED, OTHER_ID

STORIES = Path(__file__).resolve().parent / "stories"
HARBOR_ID = "Harbor Wire/rutte-trump-palm-beach-talks.txt"
SAME_STORY = {AFP_ID, OTHER_ID, HARBOR_ID}
# Other events. The first two have the same people (Rutte, Trump, NATO) at a summit in
# The Hague seven months later and at the White House (undated, like the unattributed seed).
HAGUE_ID = "Continental Post/nato-summit-the-hague-spending.txt"
WHITE_HOUSE_ID = "Unattributed/trump-rutte-white-house-ukraine-weapons.txt"
OTHER_EVENTS = {
    HAGUE_ID,
    WHITE_HOUSE_ID,
    "Southern Times/g20-rio-summit-ukraine.txt",  # same week, Trump, Russia, Ukraine
    "Coastal Gazette/hurricane-milton-florida.txt",  # Florida, Palm Beach County
    "Tech Ledger/chipmaker-earnings-ai-demand.txt",
}


class Stories:
    """A library on disk with its search index and related-coverage store."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index: LibraryIndex = open_index(root)
        self.related: RelatedIndex = open_related(root)

    def update(self):
        self.index.update(workers=1)
        return self.related.update(self.index, workers=1)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.stat().st_mtime_ns if path.exists() else 0
        path.write_text(text, encoding="utf-8")
        stamp = max(path.stat().st_mtime_ns, old + 1_000_000_000)
        os.utime(path, ns=(stamp, stamp))  # coarse clocks: make the change visible
        return path

    def close(self) -> None:
        self.related.close()
        self.index.close()


def _library(tmp_path: Path, with_stories: bool) -> Path:
    root = tmp_path / "library"
    shutil.copytree(BUNDLED, root)
    if with_stories:
        shutil.copytree(STORIES, root, dirs_exist_ok=True)
    return root


@pytest.fixture
def seeds(tmp_path: Path):
    lib = Stories(_library(tmp_path, with_stories=False))
    lib.update()
    yield lib
    lib.close()


@pytest.fixture
def news(tmp_path: Path):
    lib = Stories(_library(tmp_path, with_stories=True))
    lib.update()
    yield lib
    lib.close()


@pytest.fixture
def news_root(tmp_path: Path) -> Path:
    return _library(tmp_path, with_stories=True)
