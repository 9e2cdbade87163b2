"""An article renamed or moved between updates is told as such, and stays read."""

from __future__ import annotations

import shutil

import pytest

from reader.errors import Cancelled
from reader.search.index import open_index
from reader.state import ReadingState


def test_an_update_names_the_articles_renamed_and_their_reading_state_follows(tmp_path):
    library = tmp_path / "lib"
    (library / "Wire").mkdir(parents=True)
    (library / "Wire" / "a.txt").write_text("A harbour story\n\nThe harbour reopened today.\n")
    (library / "Wire" / "b.txt").write_text("Same text twice\n\nA copy of a copy.\n")
    (library / "Wire" / "c.txt").write_text("Same text twice\n\nA copy of a copy.\n")
    index = open_index(library)
    index.update()
    state = ReadingState(library, tmp_path / "state.sqlite")
    state.mark_read("Wire/a.txt")
    state.save_position("Wire/a.txt", 17)

    (library / "Wire" / "a.txt").rename(library / "Wire" / "harbour.txt")
    (library / "Wire" / "b.txt").unlink()  # its text is still in c.txt: not a rename
    (library / "Moved").mkdir()
    shutil.move(library / "Wire" / "c.txt", library / "Moved" / "c.txt")
    stats = index.update()
    assert sorted(stats.renamed) == [("Wire/a.txt", "Wire/harbour.txt")]

    state.follow(stats.renamed)
    assert state.read_ids() == {"Wire/harbour.txt"}
    assert state.position("Wire/harbour.txt") == 17
    index.close()


def test_a_copy_already_indexed_is_not_the_article_renamed(tmp_path):
    """A wire story kept by two outlets: deleting one copy moves nothing onto the other."""
    library = tmp_path / "lib"
    (library / "AFP").mkdir(parents=True)
    (library / "Other").mkdir()
    body = "The harbour reopened today.\n\nShips came back at noon.\n"
    (library / "AFP" / "a.txt").write_text(f"Harbour reopens\n\n{body}")
    (library / "Other" / "b.txt").write_text(f"Harbour reopens\n\n{body}")
    (library / "AFP" / "c.txt").write_text("Port news\n\nA story of its own.\n")
    index = open_index(library)
    index.update()
    state = ReadingState(library, tmp_path / "state.sqlite")
    state.save_position("AFP/a.txt", 17)

    (library / "AFP" / "a.txt").unlink()
    (library / "AFP" / "c.txt").rename(library / "AFP" / "d.txt")
    stats = index.update()
    assert stats.renamed == (("AFP/c.txt", "AFP/d.txt"),)
    state.follow(stats.renamed)
    assert state.position("Other/b.txt") == 0  # never read
    index.close()


def test_a_rename_seen_by_an_update_cut_short_is_named_by_the_next(tmp_path):
    library = tmp_path / "lib"
    (library / "Wire").mkdir(parents=True)
    (library / "Wire" / "a.txt").write_text("A harbour story\n\nThe harbour reopened today.\n")
    index = open_index(library)
    index.update()
    (library / "Wire" / "a.txt").rename(library / "Wire" / "harbour.txt")

    def stop(done, total):
        if done:  # the new name written, the update not finished
            raise Cancelled

    with pytest.raises(Cancelled):
        index.update(progress=stop)
    stats = index.update()
    assert stats.renamed == (("Wire/a.txt", "Wire/harbour.txt"),)
    index.close()
