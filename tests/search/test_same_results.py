"""Search gives the same hits, ranking, excerpts and highlights on a fixed library as
the expectations recorded in `same_results.json` (written from the index as it was
before its storage changed: a smaller index must find and show exactly the same).

Rewrite the expectations only on purpose: `READER_WRITE_EXPECTED=1 pytest this file`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.generator import article
from benchmarks.vocab import word_at
from reader.search import LibraryIndex

EXPECTED = Path(__file__).with_name("same_results.json")

_COMMON, _MID, _RARE = word_at(30), word_at(300), word_at(3000)

# The kinds of query the app and the CLI ask: common, mid and rare words, stems,
# phrases, as-you-type prefixes (2, 3 and 5 letters), fields, filters, exclusions.
QUERIES = [
    _COMMON,
    _MID,
    _RARE,
    "years",
    "said",
    f'"{_COMMON} the"',
    _MID[:2] + "*",
    _MID[:3] + "*",
    _MID[:5] + "*",
    f"{_MID} {_RARE}",
    f"{_MID} OR {_RARE}",
    f"{_MID} -{_COMMON}",
    "title:people",
    f"source:AFP {_COMMON}",
    "author:jane",
    f"after:2020-01-01 {_MID}",
    f"before:2018-01-01 {_COMMON}",
    f"-{_COMMON}",
    "source:Reuters",
    "zzzznotaword",
]


def _write_library(root: Path) -> None:
    # Article 0 is the generator's 1 MB long read: left out to keep the test fast.
    for index in range(1, 121):
        rel, data = article(7, index)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        stamp = 1_600_000_000_000_000_000 + index * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))


def _observe(index: LibraryIndex) -> dict:
    seen: dict = {}
    for query in QUERIES:
        result = index.search(query, limit=40, excerpts=None, count=True)
        seen[query] = {
            "total": result.total,
            "hits": [
                [
                    hit.id,
                    round(hit.score, 6),
                    hit.snippet,
                    [list(s) for s in hit.spans],
                    [list(s) for s in hit.title_spans],
                ]
                for hit in result.hits
            ],
        }
        first = index.search(query, limit=40, excerpts=5, count=False)
        completed = index.complete(first)
        seen[query]["completed_same"] = [h.snippet for h in completed.hits] == [
            h[2] for h in seen[query]["hits"]
        ]
    some = sorted(row[0] for row in index.listing().rows)[::17]
    seen["articles"] = {}
    for aid in some:
        art = index.article(aid)
        assert art is not None
        seen["articles"][aid] = [art.sha256, len(art.text), art.body_text[:200], art.words]
    return seen


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from reader.search import sync

    sync.COMPACT_MIN_ADDED, was = 1, sync.COMPACT_MIN_ADDED  # compacted as a big library is
    base = tmp_path_factory.mktemp("same")
    root = base / "library"
    _write_library(root)
    index = LibraryIndex(root, db_path=base / "index.sqlite")
    try:
        index.update(workers=1)
        return _observe(index)
    finally:
        sync.COMPACT_MIN_ADDED = was
        index.close()


def test_search_shows_the_same_hits_order_excerpts_and_highlights(observed: dict) -> None:
    if os.environ.get("READER_WRITE_EXPECTED"):
        EXPECTED.write_text(json.dumps(observed, indent=1, ensure_ascii=False) + "\n")
    expected = json.loads(EXPECTED.read_text())
    for query in QUERIES:
        assert observed[query] == expected[query], query
    assert observed["articles"] == expected["articles"]


def test_index_keeps_no_plain_copy_of_an_articles_text(lib, make_index, db_path: Path) -> None:
    """The text is stored once, packed: neither a plain copy nor the full-text
    table's own copy of the body takes room beside it."""
    line = "Quibbling marmosets negotiated the harbour tariffs with unusual patience"
    lib.txt("wire/marmosets.txt", "Marmosets at the harbour", f"{line}, officials said.")
    index = make_index()
    index.update(workers=1)
    assert [hit.id for hit in index.search("marmosets").hits] == ["wire/marmosets.txt"]
    index.read(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    stored = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert line.encode() not in stored


def test_an_index_of_an_older_layout_is_rebuilt(lib, make_index, db_path: Path) -> None:
    lib.txt("wire/marmosets.txt", "Marmosets at the harbour", "Marmosets were seen today.")
    index = make_index()
    index.update(workers=1)
    index.read(
        lambda conn: conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    )
    index.close()
    again = make_index()
    again.update(workers=1)
    assert [hit.id for hit in again.search("marmosets").hits] == ["wire/marmosets.txt"]


def test_after_edits_and_deletions_search_ranks_as_a_fresh_index_does(tmp_path: Path) -> None:
    """Taking an article out of the index gives back exactly what it indexed: the
    counts bm25 ranks by are then those of an index built afresh."""
    root = tmp_path / "library"
    for index in range(1, 41):
        rel, data = article(11, index)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    kept = LibraryIndex(root, db_path=tmp_path / "kept.sqlite")
    kept.update(workers=1)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    for path in files[:3]:
        path.unlink()
    for n, path in enumerate(files[3:8]):
        path.write_bytes(path.read_bytes().replace(b" the ", f" {_RARE} {n} ".encode(), 3))
        stamp = path.stat().st_mtime_ns + 5_000_000_000
        os.utime(path, ns=(stamp, stamp))
    kept.update(workers=1)
    fresh = LibraryIndex(root, db_path=tmp_path / "fresh.sqlite")
    fresh.update(workers=1)
    try:
        for query in (_COMMON, _MID, _RARE, "the", f'"{_COMMON} the"'):
            got = [(h.id, round(h.score, 6), h.snippet) for h in kept.search(query).hits]
            want = [(h.id, round(h.score, 6), h.snippet) for h in fresh.search(query).hits]
            assert got == want, query
    finally:
        kept.close()
        fresh.close()
