"""Watching by polling (where the system's file events are unavailable) notices a file
replaced by another of the same size and modification time, as the index does: by its
change time and inode."""

from __future__ import annotations

import time

import pytest

from reader.infra.watching import Changes
from tests.conftest import replaced_keeping_times
from tests.test_watching_names import Watching


@pytest.mark.parametrize("in_place", [True, False], ids=["rewritten", "renamed over"])
@pytest.mark.parametrize("where", ["library", "notes"])
def test_polling_notices_a_file_replaced_with_its_size_and_time_kept(tmp_path, where, in_place):
    library, notes = tmp_path / "library", tmp_path / "notes"
    (library / "news").mkdir(parents=True)
    (notes / "news").mkdir(parents=True)
    path = (library if where == "library" else notes) / "news" / "a.txt.yaml"
    if where == "library":
        path = path.with_name("a.txt")
    path.write_text("Tides\n\nThe Moon pulls on the sea.\n")
    watching = Watching(library, notes, polling=True)
    watching.thread.start()
    try:
        time.sleep(2.5)  # watching has begun, and has looked at the files once
        before = len(watching.changes)
        replaced_keeping_times(path, "Moon", "Tide", in_place=in_place)
        wanted = Changes(library=where == "library", notes=where == "notes")
        assert watching.wait_for(lambda: wanted in watching.changes[before:], timeout=8)
    finally:
        watching.stop.set()
        watching.thread.join(10)
    assert not watching.thread.is_alive()
