"""Watching the library goes on after a file with a name that is not UTF-8 appears in it
(watchfiles' thread gives up on such a name), and the scan reports that file clearly."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from reader.infra.watching import Changes, watch
from reader.ingest.scan import scan

pytestmark = pytest.mark.skipif(os.name != "posix", reason="names as bytes: POSIX only")


def bad_name(folder: Path, name: bytes) -> None:
    with open(os.fsencode(folder) + b"/" + name, "w") as file:
        file.write("Title\n\nSome text.\n")


class Watching:
    """`watch` run in a thread, as the app runs it, keeping what it reports."""

    def __init__(self, library: Path, notes: Path, *, polling: bool) -> None:
        self.changes: list[Changes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch,
            args=(library, notes, self.changes.append, self.stop),
            kwargs={"debounce_ms": 50, "polling": polling},
            daemon=True,
        )

    def wait_for(self, condition, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.05)
        return condition()

    def noticed_after(self, change) -> bool:
        """Whether a change to the library is reported after `change()` is made."""
        time.sleep(0.3)  # (what was reported before is done with)
        before = len(self.changes)
        change()
        return self.wait_for(
            lambda: any(c.library for c in self.changes[before:]) and self.thread.is_alive()
        )


@pytest.mark.parametrize("polling", [False, True], ids=["file events", "polling"])
def test_a_name_that_is_not_utf8_does_not_end_watching(tmp_path, polling):
    library, notes = tmp_path / "library", tmp_path / "notes"
    (library / "news").mkdir(parents=True)
    watching = Watching(library, notes, polling=polling)
    watching.thread.start()
    try:
        time.sleep(0.5)  # watching has begun
        assert watching.noticed_after(lambda: bad_name(library / "news", b"bad\xff.txt"))
        good = library / "news" / "good.txt"
        assert watching.noticed_after(lambda: good.write_text("Good\n\nText.\n"))
        assert watching.noticed_after(lambda: bad_name(library, b"worse\xfe.md"))
        assert watching.noticed_after(lambda: good.write_text("Good\n\nMore text.\n"))
    finally:
        watching.stop.set()
        watching.thread.join(10)
    assert not watching.thread.is_alive()


def test_the_scan_lists_a_name_that_is_not_utf8_with_a_one_line_reason(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.txt").write_text("Good\n\nText.\n")
    bad_name(tmp_path / "news", b"bad\xff.txt")
    entries, skipped = scan(tmp_path)
    assert [e.id for e in entries] == ["news/good.txt"]
    assert [(s.path.endswith("news/bad\\xff.txt"), s.reason) for s in skipped] == [
        (True, "name is not valid UTF-8")
    ]
