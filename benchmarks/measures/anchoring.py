"""Re-anchoring 1,000 annotations after an edit near the start of the 1 MB article."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from benchmarks.generator import Library
from benchmarks.report import median, timed
from reader.notes.anchoring import Anchorer, make_target
from reader.search.index import LibraryIndex

ANNOTATIONS = 1000


@dataclass(slots=True)
class Reanchor:
    seconds: float
    annotations: int
    statuses: dict[str, int]
    runs: int


def edited(text: str, rng: random.Random) -> str:
    """The text with a paragraph inserted and a few words removed in its first 5%."""
    cut = text.find(" ", int(len(text) * 0.02)) + 1
    insert = "An editor's note was added here. " * rng.randint(5, 12) + "\n\n"
    drop = text.find(" ", int(len(text) * 0.04))
    return text[:cut] + insert + text[cut:drop] + text[drop + 40 :]


def reanchor(lib: Library, runs: int) -> Reanchor:
    """Median time for a new Anchorer to place 1,000 annotations (in reading order)."""
    with LibraryIndex(lib.root) as index:
        article = index.article(lib.big_article)
    assert article is not None
    text = article.text
    rng = random.Random(f"anchors-{lib.seed}")
    starts = sorted(rng.sample(range(len(text) - 400), ANNOTATIONS))
    targets = [make_target(text, s, s + rng.randint(12, 300)) for s in starts]
    new = edited(text, rng)
    times, statuses = [], Counter()

    def place() -> list:
        anchorer = Anchorer(new)  # folding the text, lazily, is part of the cost
        return [anchorer.anchor(t) for t in targets]

    for _ in range(runs):
        seconds, anchors = timed(place)
        times.append(seconds)
        statuses = Counter(str(a.status) for a in anchors)
    return Reanchor(median(times), ANNOTATIONS, dict(statuses), runs)
