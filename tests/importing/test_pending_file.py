"""`LIB/inbox/pending.yaml` as `reader add --pending` leaves it: the links fetched taken
out, every other line as its user wrote it."""

from __future__ import annotations

import pytest

from reader.importing.pending import add_links, drop_fetched, load_pending, pending_path

A, B, C = "https://a.example/1", "https://b.example/2", "https://c.example/3"


def written(lib, text: str):
    path = pending_path(lib)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_links_side_by_side_fetched_go_and_the_comments_stay(tmp_path):
    path = written(
        tmp_path,
        f"links:  # to read\n  - url: {A}\n    note: |\n      two\n      lines\n"
        f"  # between\n  - url: {B}\n    tags:\n      - x\n  - url: {C}  # last\n",
    )
    drop_fetched(tmp_path, {A, B})
    assert path.read_text() == f"links:  # to read\n  # between\n  - url: {C}  # last\n"


@pytest.mark.parametrize(
    "text",
    [
        f"links: [{{url: {A}}}, {{url: {B}}}]\n",  # one line: written anew
        f"links:\n-\n  url: {A}\n- url: {B}\n",
        f"links:\n- {{url: {A}}}\n- url: {B}\n",
    ],
)
def test_a_file_of_another_shape_keeps_the_links_not_fetched(tmp_path, text):
    written(tmp_path, text)
    drop_fetched(tmp_path, {A})
    assert load_pending(tmp_path) == [{"url": B}]


def test_links_imported_are_added_after_the_lines_there(tmp_path):
    from reader.importing.records import Link, Origin

    kept = f"# mine\nlinks:\n  # first\n  - url: {A}  # this one\n"
    path = written(tmp_path, kept)
    assert add_links(tmp_path, [Link(Origin("pocket", B, B), "Bee", ("x",), "", None)]) == (1, 0)
    assert path.read_text().startswith(kept)
    assert [x["url"] for x in load_pending(tmp_path)] == [A, B]
    # All fetched, then more imported: after `links:` again.
    drop_fetched(tmp_path, {A, B})
    assert add_links(tmp_path, [Link(Origin("pocket", C, C), "", (), "", None)]) == (1, 0)
    assert path.read_text().startswith("# mine\nlinks:\n  # first\n")
    assert [x["url"] for x in load_pending(tmp_path)] == [C]
