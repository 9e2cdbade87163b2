"""An article renamed or moved between updates is told as such, and stays read."""

from __future__ import annotations

import shutil

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
