"""The library listed from its files, while the index is built anew."""

from __future__ import annotations

from reader.search import LibraryIndex
from reader.search.files_listing import files_listing


def test_files_are_listed_under_their_folders_by_their_names_in_the_list_order(tmp_path):
    root = tmp_path / "lib"
    for rel in (
        "beta/second-story.txt",
        "Alpha/zebra_crossing.md",
        "Alpha/apple-harvest.html",
        "inbox/example.com/a-page.html",
        "loose.txt",
        "Alpha/notes.pdf",  # not an article
        ".hidden/secret.txt",
    ):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some words.\n")
    listing = files_listing(root)
    assert [(g.source, g.total) for g in listing.groups] == [
        ("Alpha", 2),
        ("beta", 1),
        ("inbox/example.com", 1),
        ("Unsorted", 1),
    ]
    assert listing.rows == [
        ("Alpha/apple-harvest.html", "apple harvest", None),
        ("Alpha/zebra_crossing.md", "zebra crossing", None),
        ("beta/second-story.txt", "second story", None),
        ("inbox/example.com/a-page.html", "a page", None),
        ("loose.txt", "loose", None),
    ]
    assert listing.total == 5 and not listing.partial


def test_files_without_a_title_or_source_of_their_own_are_listed_as_the_index_lists_them(
    tmp_path,
):
    root = tmp_path / "lib"
    for rel in ("Beta/Story 2.md", "Beta/Story 10.md", "alpha/x.md", "Alpha/y.md", "z.md"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("A body sentence that says something, with no title of its own.\n")
    with LibraryIndex(root) as index:
        index.update(workers=1)
        indexed = index.listing()
    assert files_listing(root) == indexed
