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
