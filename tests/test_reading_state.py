"""The reading state (read markers, positions): kept across runs, and a damaged file
costs only the markers, never start-up."""

from __future__ import annotations

from pathlib import Path

from reader.state import ReadingState


def test_read_markers_and_positions_survive_a_restart(tmp_path: Path):
    db = tmp_path / "data" / "state.sqlite"
    state = ReadingState(tmp_path / "lib", db)
    assert state.read_ids() == set() and not db.exists()  # nothing read: no file yet
    state.mark_read("a.md")
    state.save_position("a.md", 120)
    state.close()
    again = ReadingState(tmp_path / "lib", db)
    assert again.read_ids() == {"a.md"} and again.position("a.md") == 120
    assert ReadingState(tmp_path / "other", db).read_ids() == set()


def test_a_damaged_state_file_is_set_aside_and_reading_goes_on(tmp_path: Path):
    db = tmp_path / "state.sqlite"
    db.write_bytes(b"this is not a database, " * 200)
    state = ReadingState(tmp_path / "lib", db)
    assert state.read_ids() == set()
    state.mark_read("a.md")
    assert state.read_ids() == {"a.md"}
    assert (tmp_path / "state.damaged").read_bytes().startswith(b"this is not a database")
    state.close()
    assert ReadingState(tmp_path / "lib", db).read_ids() == {"a.md"}
