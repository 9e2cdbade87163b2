"""The source list's listing: order, groups, and the first page shown before the rest."""

from __future__ import annotations

from reader.search import LibraryIndex


def write(root, rel: str, title: str, date: str | None) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"{title}\n\n" + (f"Published {date}\n\n" if date else "")
    path.write_text(header + "A body sentence that says something.\n")


def test_sources_a_to_z_then_newest_first_then_title(tmp_path):
    root = tmp_path / "lib"
    write(root, "beta/one.txt", "Old beta story", "2024-01-01")
    write(root, "beta/two.txt", "New beta story", "2024-06-01")
    write(root, "Alpha/a.txt", "Zebra crossing", "2024-03-01")
    write(root, "Alpha/b.txt", "Apple harvest", "2024-03-01")
    write(root, "Alpha/c.txt", "Undated piece", None)
    with LibraryIndex(root) as index:
        index.update(workers=1)
        listing = index.listing()
    assert [g.source for g in listing.groups] == ["Alpha", "beta"]
    assert [row[1] for row in listing.rows] == [
        "Apple harvest",
        "Zebra crossing",
        "Undated piece",
        "New beta story",
        "Old beta story",
    ]
    assert [(g.start, g.end, g.total) for g in listing.groups] == [(0, 3, 3), (3, 5, 2)]
    assert listing.total == 5 and not listing.partial


def test_a_first_page_knows_every_source_total(tmp_path):
    root = tmp_path / "lib"
    for i in range(5):
        write(root, f"Alpha/{i}.txt", f"Alpha story {i}", f"2024-01-0{i + 1}")
    write(root, "Beta/x.txt", "Beta story", "2024-01-01")
    with LibraryIndex(root) as index:
        index.update(workers=1)
        page = index.listing(limit=3)
        whole = index.listing(limit=100)
    assert page.partial and len(page.rows) == 3
    assert [(g.source, g.total) for g in page.groups] == [("Alpha", 5)]
    assert page.total == 6
    assert page.rows == whole.rows[:3]
    assert not whole.partial and whole.total == 6


def test_an_index_built_before_the_source_index_gets_it_and_counts_the_same(tmp_path):
    # Source totals are counted from a narrow index of their own; an older index file
    # lacks it until its next update, and must count the same either way.
    import sqlite3

    root = tmp_path / "lib"
    for i in range(3):
        write(root, f"Alpha/{i}.txt", f"Alpha story {i}", "2024-01-01")
    write(root, "beta/one.txt", "Beta story", "2024-02-01")
    with LibraryIndex(root) as index:
        index.update(workers=1)
        path = index.path
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX articles_source")
    with LibraryIndex(root) as index:
        before = [(g.source, g.total) for g in index.listing().groups]
        index.update(workers=1)
        after = [(g.source, g.total) for g in index.listing().groups]
    with sqlite3.connect(path) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert before == after == [("Alpha", 3), ("beta", 1)]
    assert "articles_source" in names


def test_the_first_page_read_on_the_spot_or_in_a_thread_is_the_same_and_shared(tmp_path):
    from reader.session import Session

    root = tmp_path / "lib"
    for i in range(3):
        write(root, f"Alpha/{i}.txt", f"Alpha story {i}", f"2024-01-0{i + 1}")
    with LibraryIndex(root) as index:
        index.update(workers=1)
    now, threaded = Session(root), Session(root)
    first = now.first_page(now=True)
    assert first.done()  # read before the call returned
    assert now.first_page() is first  # later calls share it
    page, read = first.result()
    other, _ = threaded.first_page().result(timeout=10)
    assert [row[1] for row in page.rows] == [row[1] for row in other.rows]
    assert [row[1] for row in page.rows] == ["Alpha story 2", "Alpha story 1", "Alpha story 0"]
    assert read == set()


def test_a_first_page_that_cannot_be_read_raises_where_it_is_taken(tmp_path, monkeypatch):
    # As from a thread: the app shows the error once its window is up, not before.
    import pytest

    from reader.errors import SearchIndexError
    from reader.session import Session

    root = tmp_path / "lib"
    write(root, "Alpha/a.txt", "Alpha story", "2024-01-01")

    def damaged(self, limit=None):
        raise SearchIndexError("the search index is damaged: the next update rebuilds it")

    monkeypatch.setattr(Session, "listing", damaged)
    future = Session(root).first_page(now=True)
    with pytest.raises(SearchIndexError, match="damaged"):
        future.result()


def test_undated_articles_are_listed_in_natural_order_of_title_then_file_name(tmp_path):
    root = tmp_path / "lib"
    for n in (1, 10, 100, 2, 20, 3):
        write(root, f"Tiny/t{n}.txt", f"Tiny {n}", None)
    for n in (10, 9):  # one title, told apart by their file names
        write(root, f"Tiny/same {n}.txt", "Same title", None)
    write(root, "Tiny/dated.txt", "Tiny 5", "2024-01-01")  # the newest first, as before
    with LibraryIndex(root) as index:
        index.update(workers=1)
        listing = index.listing()
    assert [row[1] for row in listing.rows] == [
        "Tiny 5",
        "Same title",
        "Same title",
        "Tiny 1",
        "Tiny 2",
        "Tiny 3",
        "Tiny 10",
        "Tiny 20",
        "Tiny 100",
    ]
    assert [row[0] for row in listing.rows[1:3]] == ["Tiny/same 9.txt", "Tiny/same 10.txt"]


def test_natural_order_takes_numbers_of_any_length_and_ignores_case():
    from reader.text.natural import natural_key

    titles = ["tiny 10", "Tiny 9", "Tiny", "tiny 9" + "9" * 5000, "Tiny 009a", "Tiny 9b"]
    assert sorted(titles, key=natural_key) == [
        "Tiny",
        "Tiny 9",
        "Tiny 009a",
        "Tiny 9b",
        "tiny 10",
        "tiny 9" + "9" * 5000,
    ]


def test_a_first_page_ending_among_undated_articles_is_in_the_order_of_the_whole(tmp_path):
    root = tmp_path / "lib"
    for n in (1, 10, 100, 2, 20, 3, 30):
        write(root, f"Tiny/t{n}.txt", f"Tiny {n}", None)
    write(root, "Zed/z.txt", "Last", None)
    with LibraryIndex(root) as index:
        index.update(workers=1)
        page = index.listing(limit=3)
        whole = index.listing()
    assert page.partial
    assert [row[1] for row in page.rows[:3]] == ["Tiny 1", "Tiny 2", "Tiny 3"]
    assert page.rows == whole.rows[: len(page.rows)]
