"""What each export holds comes in whole: every highlight on its own, every article
with its web address, author and date, and a malformed file refused in one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reader.notes.store import NotesStore
from tests.importing.conftest import FIXTURES, import_files

NIGHT_TRAINS = "inbox/news.example.com/night-trains-return-to-europe.html"
LINK = "https://omnivore.app/me/night-trains-return#a1b2c3d4-0000-4000-8000-00000000000"


def omnivore_zip(tmp_path: Path, highlights: str, content: str | None = None) -> Path:
    """The Omnivore fixture's export with these highlights (and this content)."""
    folder = FIXTURES / "omnivore"
    path = tmp_path / "omnivore-export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.rglob("*")):
            name = file.relative_to(folder).as_posix()
            if name.startswith("highlights/"):
                archive.writestr(name, highlights)
            elif name.startswith("content/") and content is not None:
                archive.writestr(name, content)
            elif file.is_file():
                archive.write(file, name)
    return path


def test_omnivore_highlights_without_notes_stay_apart(lib, notes, tmp_path):
    highlights = (
        f"> Night trains are running again [⤴️]({LINK}1)\n\n"
        f"> many of the new services sell out weeks ahead [⤴️]({LINK}2)\n\n"
        f"> waking up in the middle of a city [⤴️]({LINK}3)\n\n"
        "Better than an airport.\n"
    )
    report = import_files(lib, notes, omnivore_zip(tmp_path, highlights))
    placed = NotesStore(notes).load(NIGHT_TRAINS).live
    assert [(a.quote, a.note) for a in placed] == [
        ("Night trains are running again", ""),
        ("many of the new services sell out weeks ahead", ""),
        ("waking up in the middle of a city", "Better than an airport."),
    ]
    assert (report.notes["exact"], report.notes["unplaced"]) == (3, 0)
