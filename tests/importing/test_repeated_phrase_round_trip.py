"""A note on a phrase the article holds more than once, exported for Readwise, KOReader
or Hypothesis and imported into an empty notes folder, lands on the occurrence it was made
on, not on the first; a position that does not hold the quote is passed over."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.notes.anchoring import find_quote, make_target
from reader.notes.export import export
from reader.notes.records import collect
from reader.notes.schema import Annotation, ArticleRef
from reader.notes.store import NotesStore
from reader.search.index import LibraryIndex
from tests.importing.conftest import import_files

PHRASE = "the tide turns at dusk"
FILLERS = [
    "Boats wait in the harbour for the water to rise.",
    "Gulls circle over the mudflats, calling.",
    "A lighthouse keeper writes the hours in a log.",
    "Children dig channels in the wet sand.",
    "The wind drops as the evening comes on.",
]


def article_text(pieces: list[int]) -> str:
    """Paragraphs of fillers, each followed by the phrase, as `pieces` picks them."""
    paragraphs = [f"{FILLERS[i]} Then {PHRASE}." for i in pieces]
    return "Tides Twice\n\n" + "\n\n".join(paragraphs) + "\n"


def round_trip(text: str, chosen: list[int], fmt: str, name: str) -> tuple[list, list]:
    """Notes on the `chosen` occurrences of the phrase, exported in `fmt` and imported
    into an empty notes folder: the occurrences noted, and where the imported notes are."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lib = root / "lib"
        (lib / "Coast").mkdir(parents=True)
        (lib / "Coast" / "tides.txt").write_text(text, encoding="utf-8")
        first = NotesStore(root / "notes-a")
        with LibraryIndex(lib) as index:
            index.update()
            article = index.article("Coast/tides.txt")
            assert article is not None
            spans = []
            for n in chosen:
                span = find_quote(article.text, PHRASE, n)
                assert span is not None
                spans.append(span)
                target = make_target(article.text, *span)
                first.add(ArticleRef.from_article(article), Annotation.new(target, f"note {n}"))
            records, _ = collect(first, index.article)
        exported = root / name
        exported.write_text(export(records, fmt), encoding="utf-8")
        import_files(lib, root / "notes-b", exported)
        kept = NotesStore(root / "notes-b").load("Coast/tides.txt").live
        landed = sorted((a.target.start, a.target.end, a.note) for a in kept)
        noted = sorted((s, e, f"note {n}") for (s, e), n in zip(spans, chosen, strict=True))
        return noted, landed


FORMATS = (
    ("readwise", "readwise.csv"),
    ("koreader", "koreader.json"),
    ("hypothesis", "hypothesis.json"),
)
occurrences = st.lists(st.integers(0, len(FILLERS) - 1), min_size=2, max_size=5)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=occurrences, data=st.data())
def test_a_repeated_phrase_exported_and_imported_lands_where_it_was_noted(pieces, data):
    count = len(pieces)
    chosen = data.draw(st.sets(st.integers(1, count), min_size=1).map(sorted))
    text = article_text(pieces)
    for fmt, name in FORMATS:
        noted, landed = round_trip(text, chosen, fmt, name)
        assert landed == noted, fmt


def test_a_phrase_in_the_same_words_each_time_lands_where_it_was_noted():
    # Hypothesis' export keeps the words around the quote, here the same at each
    # occurrence: only its TextPositionSelector tells them apart.
    for fmt, name in FORMATS:
        noted, landed = round_trip(article_text([0, 0, 0, 0]), [2, 3], fmt, name)
        assert landed == noted, fmt


def test_a_position_that_does_not_hold_the_quote_falls_back_to_the_first_occurrence(
    lib, notes, tmp_path
):
    with LibraryIndex(lib) as index:
        index.update()
        article = index.article("Science/tides.txt")
    assert article is not None
    quote = "the Moon"
    first = find_quote(article.text, quote)
    elsewhere = article.text.index("Fishermen")  # no occurrence of the quote there
    entry = {"sort": "highlight", "text": quote, "note": "", "pos0": elsewhere, "pos1": 0}
    exported = tmp_path / "k.json"
    exported.write_text(
        json.dumps({"title": "How the Moon Pulls the Sea", "author": "", "entries": [entry]})
    )
    import_files(lib, notes, exported)
    (kept,) = NotesStore(notes).load("Science/tides.txt").live
    assert (kept.target.start, kept.target.end) == first
