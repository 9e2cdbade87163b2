"""Notes follow an article that is renamed or moved within the library."""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import reader.notes.atomic as reader_atomic
from reader.notes.atomic import backup_path
from reader.notes.follow import Followed, follow_renamed
from reader.notes.placement import Annotations
from reader.notes.schema import ArticleRef
from reader.notes.store import NotesStore
from reader.search import LibraryIndex
from tests.conftest import AFP_ID

RENAMED = "AFP/renamed-story.txt"


def reader(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def annotate(library: Path, article_id: str, quote: str) -> None:
    result = reader("annotate", article_id, "--library", str(library), "--quote", quote)
    assert result.returncode == 0, result.stderr


def notes_by_article(library: Path) -> dict[str, list[str]]:
    """Article id -> the statuses of its notes, as `reader notes` lists them."""
    statuses: dict[str, list[str]] = {}
    for note in json.loads(reader("notes", str(library), "--json").stdout):
        statuses.setdefault(note["article"], []).append(note["status"])
    return statuses


def test_notes_follow_a_renamed_article_on_the_next_index(library):
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    (library / AFP_ID).rename(library / RENAMED)

    result = reader("index", str(library))
    assert result.returncode == 0, result.stderr
    assert f"notes followed {AFP_ID} → {RENAMED}\n" in result.stderr
    assert notes_by_article(library) == {RENAMED: ["exact"]}

    # Their file moved with them; the old one is kept beside, as a backup.
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    store = NotesStore(notes_dir)
    moved = store.load(RENAMED)
    assert moved.article.id == RENAMED
    assert moved.article.path == str(library / RENAMED)
    assert not store.path_for(AFP_ID).exists()
    assert (notes_dir / (AFP_ID + ".yaml.bak")).exists()
    # Nothing more to say the next time.
    assert "notes" not in reader("index", str(library)).stderr


def test_notes_follow_an_article_moved_to_another_folder_when_listing(library):
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))  # the index has seen it (annotate reads the file only)
    (library / "Elsewhere").mkdir()
    (library / AFP_ID).rename(library / "Elsewhere" / "story.txt")
    result = reader("notes", str(library), "--json")
    assert f"notes followed {AFP_ID} → Elsewhere/story.txt" in result.stderr
    assert [n["article"] for n in json.loads(result.stdout)] == ["Elsewhere/story.txt"]


def test_two_copies_of_the_renamed_text_leave_the_notes_where_they_were(library):
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    (library / AFP_ID).rename(library / RENAMED)
    shutil.copy(library / RENAMED, library / "AFP" / "copy.txt")

    result = reader("index", str(library))
    assert f"notes of {AFP_ID} not moved" in result.stderr
    assert RENAMED in result.stderr and "AFP/copy.txt" in result.stderr
    assert notes_by_article(library) == {AFP_ID: ["orphaned"]}


def test_notes_stay_when_the_article_is_only_copied(library):
    annotate(library, AFP_ID, "Palm Beach")
    shutil.copy(library / AFP_ID, library / RENAMED)
    result = reader("index", str(library))
    assert "notes" not in result.stderr
    assert notes_by_article(library) == {AFP_ID: ["exact"]}


def _index(library: Path, tmp_path: Path) -> LibraryIndex:
    index = LibraryIndex(library, tmp_path / "index.sqlite")
    index.update(workers=1)
    return index


def test_notes_of_the_new_name_are_never_replaced(library, tmp_path):
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    article = index.article(AFP_ID)
    Annotations(store).add(article, 0, 4, note="old name")
    # The new name had notes of its own once (an article of the same text, since gone).
    shutil.copy(library / AFP_ID, library / RENAMED)
    index.update(workers=1)
    Annotations(store).add(index.article(RENAMED), 5, 9, note="new name")
    (library / AFP_ID).unlink()
    index.update(workers=1)

    assert follow_renamed(store, index) == []
    assert [a.note for a in store.load(AFP_ID).live] == ["old name"]
    assert [a.note for a in store.load(RENAMED).live] == ["new name"]


def test_notes_of_an_article_in_another_library_sharing_the_notes_folder_stay(library, tmp_path):
    """One notes folder for two libraries: an article only the other library has is not gone."""
    other = tmp_path / "other"
    shutil.copytree(library, other)
    (other / AFP_ID).rename(other / RENAMED)
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    Annotations(store).add(index.article(AFP_ID), 0, 4)

    other_index = LibraryIndex(other, tmp_path / "other.sqlite")
    other_index.update(workers=1)
    assert follow_renamed(store, other_index) == []
    assert store.path_for(AFP_ID).exists() and not store.path_for(RENAMED).exists()


def test_notes_of_a_library_offline_stay_when_another_library_has_the_text(library, tmp_path):
    """One notes folder for two libraries: while one is out of reach (its drive not
    mounted), its notes do not go over to a copy of the same text in the other."""
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(library / AFP_ID, other / "copy.txt")
    store = NotesStore(tmp_path / "notes")
    Annotations(store).add(_index(library, tmp_path).article(AFP_ID), 0, 4)
    library.rename(tmp_path / "unmounted")

    other_index = LibraryIndex(other, tmp_path / "other.sqlite")
    other_index.update(workers=1)
    assert follow_renamed(store, other_index) == []
    assert store.path_for(AFP_ID).exists() and not store.path_for("copy.txt").exists()


def test_a_move_cut_short_is_finished_next_time_and_the_note_is_listed_once(library):
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    (library / AFP_ID).rename(library / RENAMED)
    store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
    old = store.path_for(AFP_ID)
    # Killed between writing the new notes file and setting the old one aside:
    moved = store.load(AFP_ID)
    store.move(AFP_ID, ArticleRef(RENAMED, str(library / RENAMED), moved.article.sha256))
    (old.parent / (old.name + ".bak")).rename(old)
    # ... and the note edited in its new file since.
    note = store.load(RENAMED).live[0]
    store.update(RENAMED, replace(note, note="edited after the move"))

    result = reader("notes", str(library), "--json")
    assert f"notes followed {AFP_ID} → {RENAMED}" in result.stderr
    listed = json.loads(result.stdout)
    assert [(n["article"], n["note"]) for n in listed] == [(RENAMED, "edited after the move")]
    assert not old.exists()


def _cut_short_move(library: Path, tmp_path: Path):
    """A note on AFP_ID, its article renamed, and the notes' move killed after the new
    file was written, before the old one was set aside: (store, index, article, old)."""
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    article = index.article(AFP_ID)
    Annotations(store).add(article, 0, 4, note="before the move")
    (library / AFP_ID).rename(library / RENAMED)
    index.update(workers=1)
    old = store.path_for(AFP_ID)
    store.move(AFP_ID, ArticleRef(RENAMED, str(library / RENAMED), article.sha256))
    backup_path(old).rename(old)  # killed before the old file was set aside
    return store, index, article, old


def test_a_move_cut_short_is_finished_with_a_note_added_to_the_old_file_since(library, tmp_path):
    """A note saved into the old file after the move was cut short goes along with the
    rest when the move is finished, rather than leaving the old file behind for ever."""
    store, index, article, old = _cut_short_move(library, tmp_path)
    Annotations(store).add(article, 5, 9, note="added to the old file since")

    assert follow_renamed(store, index) == [Followed(AFP_ID, RENAMED)]
    assert sorted(a.note for a in store.load(RENAMED).live) == [
        "added to the old file since",
        "before the move",
    ]
    assert not old.exists()


def test_notes_follow_an_article_whose_name_is_near_the_limit(library, tmp_path):
    """Notes files of names too long to take ``.yaml`` whole follow their article too, to
    and from such a name."""
    long_a, long_b = "AFP/" + "a" * 249 + ".txt", "AFP/" + "b" * 249 + ".txt"
    (library / AFP_ID).rename(library / long_a)
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    Annotations(store).add(index.article(long_a), 0, 4, note="kept")
    for old, new in ((long_a, long_b), (long_b, RENAMED), (RENAMED, long_a)):
        (library / old).rename(library / new)
        index.update(workers=1)
        assert follow_renamed(store, index) == [Followed(old, new)]
        assert [a.note for a in store.load(new).live] == ["kept"]
        assert not store.path_for(old).exists()


WIRE = (
    "The council approved dredging of the northern channel on Tuesday, ending a long "
    "dispute.\n\nWork will begin in the spring and last two years, officials said.\n"
)


def _wire_library(tmp_path: Path) -> Path:
    """Two outlets' copies of one wire story: the same body under other headlines."""
    library = tmp_path / "fl2"
    (library / "AFP").mkdir(parents=True)
    (library / "Other").mkdir()
    (library / "AFP" / "a.txt").write_text(f"Harbour dredging approved\n\n{WIRE}")
    (library / "Other" / "b.txt").write_text(
        f"Totally different headline by another outlet\n\n{WIRE}"
    )
    return library


def test_notes_of_a_deleted_article_stay_its_own_when_another_outlet_has_its_text(tmp_path):
    library = _wire_library(tmp_path)
    reader("index", str(library))
    annotate(library, "AFP/a.txt", "northern channel")
    kept = (library / "AFP" / "a.txt").read_text()
    (library / "AFP" / "a.txt").unlink()

    result = reader("list", str(library))
    assert result.returncode == 0, result.stderr
    assert "notes" not in result.stderr
    assert notes_by_article(library) == {"AFP/a.txt": ["orphaned"]}
    store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
    assert not store.path_for("Other/b.txt").exists()

    # Put back, the article has its notes again.
    (library / "AFP" / "a.txt").write_text(kept)
    assert notes_by_article(library) == {"AFP/a.txt": ["exact"]}
    assert store.load("AFP/a.txt").article.id == "AFP/a.txt"


def test_notes_that_could_not_move_are_said_once_and_stay_with_the_missing_article(library):
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    (library / AFP_ID).rename(library / RENAMED)
    shutil.copy(library / RENAMED, library / "AFP" / "copy.txt")

    first = reader("index", str(library))
    assert f"notes of {AFP_ID} not moved" in first.stderr
    for command in ("list", "search", "index", "notes"):
        args = ("search", "Palm", str(library)) if command == "search" else (command, str(library))
        result = reader(*args)
        assert result.returncode == 0, result.stderr
        assert "not moved" not in result.stderr, command
    assert notes_by_article(library) == {AFP_ID: ["orphaned"]}


def test_notes_never_move_to_a_copy_already_in_the_library(library):
    """The article's text was also in two others before it was deleted: no rename."""
    annotate(library, AFP_ID, "Palm Beach")
    shutil.copy(library / AFP_ID, library / "AFP" / "copy.txt")
    (library / "Other").mkdir()
    shutil.copy(library / AFP_ID, library / "Other" / "copy.txt")
    reader("index", str(library))
    (library / AFP_ID).unlink()

    for command in ("index", "list", "notes"):
        assert "notes" not in reader(command, str(library)).stderr, command
    assert notes_by_article(library) == {AFP_ID: ["orphaned"]}


def test_notes_follow_a_renamed_file_titled_by_its_name(tmp_path):
    """A file without a title line is titled by its name: renamed, it is the same article."""
    library = tmp_path / "lib"
    (library / "Mine").mkdir(parents=True)
    (library / "Mine" / "harbour-notes.txt").write_text(WIRE.split("\n\n")[0] + "\n")
    reader("index", str(library))
    annotate(library, "Mine/harbour-notes.txt", "northern channel")
    (library / "Mine" / "harbour-notes.txt").rename(library / "Mine" / "dredging.txt")

    result = reader("index", str(library))
    assert "notes followed Mine/harbour-notes.txt → Mine/dredging.txt" in result.stderr
    assert notes_by_article(library) == {"Mine/dredging.txt": ["exact"]}


def test_notes_stay_when_the_new_file_has_the_text_under_another_title(tmp_path):
    library = _wire_library(tmp_path)
    (library / "Other" / "b.txt").unlink()
    reader("index", str(library))
    annotate(library, "AFP/a.txt", "northern channel")
    (library / "AFP" / "a.txt").rename(library / "AFP" / "c.txt")
    (library / "AFP" / "c.txt").write_text(f"Another headline\n\n{WIRE}")

    assert "notes" not in reader("index", str(library)).stderr
    assert notes_by_article(library) == {"AFP/a.txt": ["orphaned"]}


def test_notes_follow_a_rename_and_back(library, tmp_path):
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    Annotations(store).add(index.article(AFP_ID), 0, 4, note="kept")
    for old, new in ((AFP_ID, RENAMED), (RENAMED, AFP_ID)):
        (library / old).rename(library / new)
        index.update(workers=1)
        assert follow_renamed(store, index) == [Followed(old, new)]
    assert [a.note for a in store.load(AFP_ID).live] == ["kept"]
    assert not store.path_for(RENAMED).exists()


def test_a_follow_stopped_before_it_was_noted_is_not_told_again(library, tmp_path, monkeypatch):
    """Killed after the notes moved but before the index was told: the next follow
    finds nothing to do, and the notes are where they went."""
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    Annotations(store).add(index.article(AFP_ID), 0, 4, note="kept")
    (library / AFP_ID).rename(library / RENAMED)
    index.update(workers=1)

    def killed(ids):
        raise KeyboardInterrupt

    monkeypatch.setattr(index, "settle", killed)
    with pytest.raises(KeyboardInterrupt):
        follow_renamed(store, index)
    monkeypatch.undo()
    assert follow_renamed(store, index) == []
    assert [a.note for a in store.load(RENAMED).live] == ["kept"]
    assert not store.path_for(AFP_ID).exists()
    assert follow_renamed(store, index) == []


@pytest.mark.parametrize(
    ("old", "new", "text"),
    [
        ("x.txt", "x.md", "The Title Line\n\nFirst paragraph of the story.\n\nSecond one.\n"),
        ("x.md", "x.txt", "# The Title Line\n\nFirst *paragraph* of the story.\n\nSecond one.\n"),
        ("x.txt", "x.markdown", "Just a paragraph without a title line.\n\nSecond one.\n"),
    ],
)
def test_notes_follow_a_file_renamed_to_another_format(tmp_path, old, new, text):
    """The same bytes under a name read by another format (its title taken otherwise,
    its markup read or not) are the same article renamed: its notes are placed again on
    the text as now read."""
    library = tmp_path / "lib"
    (library / "Mine").mkdir(parents=True)
    (library / "Mine" / old).write_text(text)
    reader("index", str(library))
    annotate(library, f"Mine/{old}", "Second one")
    (library / "Mine" / old).rename(library / "Mine" / new)

    result = reader("index", str(library))
    assert f"notes followed Mine/{old} → Mine/{new}" in result.stderr
    assert notes_by_article(library) == {f"Mine/{new}": ["moved"]}


def test_notes_whose_file_cannot_be_read_follow_their_article_once_it_can(library):
    """A notes file left with a merge conflict's marker as its article is renamed: the
    move is said to wait, the file is not written, and once mended the notes follow."""
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    notes_file = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    mended = notes_file.read_bytes()
    notes_file.write_bytes(mended + b"<<<<<<< HEAD\n")
    (library / AFP_ID).rename(library / RENAMED)

    first = reader("index", str(library))
    assert first.returncode == 0, first.stderr
    said = [line for line in first.stderr.splitlines() if "notes of" in line]
    assert len(said) == 1, first.stderr
    assert said[0].startswith(
        f"notes of {AFP_ID} could not follow it to {RENAMED} "
        f"because its notes file cannot be read: {notes_file}:"
    ), said
    assert notes_file.read_bytes() == mended + b"<<<<<<< HEAD\n"

    notes_file.write_bytes(mended)
    second = reader("index", str(library))
    assert f"notes followed {AFP_ID} → {RENAMED}\n" in second.stderr
    assert notes_by_article(library) == {RENAMED: ["exact"]}
    assert "notes" not in reader("index", str(library)).stderr


def _break(notes_file: Path) -> bytes:
    """Leave a merge conflict's marker in a notes file; its bytes before."""
    mended = notes_file.read_bytes()
    notes_file.write_bytes(mended + b"<<<<<<< HEAD\n")
    return mended


def test_notes_waiting_to_follow_an_article_renamed_twice_follow_it_to_its_last_name(library):
    """Renamed again while its notes wait (their file unreadable): the wait is said
    each time, towards the name it has now, and once mended the notes go there."""
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    notes_file = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    mended = _break(notes_file)
    (library / AFP_ID).rename(library / RENAMED)
    assert f"could not follow it to {RENAMED} " in reader("index", str(library)).stderr

    again = "AFP/renamed-again.txt"
    (library / RENAMED).rename(library / again)
    second = reader("index", str(library))
    assert second.returncode == 0, second.stderr
    said = [line for line in second.stderr.splitlines() if "notes of" in line]
    assert len(said) == 1, second.stderr
    assert said[0].startswith(f"notes of {AFP_ID} could not follow it to {again} "), said

    notes_file.write_bytes(mended)
    third = reader("index", str(library))
    assert f"notes followed {AFP_ID} → {again}\n" in third.stderr
    assert notes_by_article(library) == {again: ["exact"]}


def test_notes_mended_before_their_article_is_renamed_again_follow_it(library):
    """Mended between the second rename and the update that sees it: the name it passed
    through is no rival for the one it has now."""
    annotate(library, AFP_ID, "Palm Beach")
    reader("index", str(library))
    notes_file = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    mended = _break(notes_file)
    (library / AFP_ID).rename(library / RENAMED)
    reader("index", str(library))

    again = "AFP/renamed-again.txt"
    (library / RENAMED).rename(library / again)
    notes_file.write_bytes(mended)
    result = reader("index", str(library))
    assert f"notes followed {AFP_ID} → {again}\n" in result.stderr, result.stderr
    assert notes_by_article(library) == {again: ["exact"]}


def test_notes_whose_file_keeps_changing_are_not_moved_and_follow_next_time(
    library, tmp_path, monkeypatch
):
    """Another program writing the old notes file each time it is about to be set aside:
    the move is refused in one line, nothing lost, and made by the next follow."""
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    Annotations(store).add(index.article(AFP_ID), 0, 4, note="before the move")
    (library / AFP_ID).rename(library / RENAMED)
    index.update(workers=1)
    old = store.path_for(AFP_ID)
    real_settle, written = reader_atomic.settle_dir, []

    def settle(folder: Path) -> None:  # a file put in place: an editor saves the old one
        real_settle(folder)
        written.append(f"hand-{len(written)}")
        with open(old, "a", encoding="utf-8") as handle:
            handle.write(
                f"- id: {written[-1]}\n  created: 2026-11-26T08:01:02Z\n"
                "  modified: 2026-11-26T08:01:02Z\n"
                "  target: {exact: NATO, prefix: '', suffix: ' chief', start: 0, end: 4}\n"
                "  note: by hand\n"
            )

    monkeypatch.setattr(reader_atomic, "settle_dir", settle)
    [refused] = follow_renamed(store, index)
    monkeypatch.undo()
    assert refused.old == AFP_ID and refused.to is None
    assert "\n" not in str(refused) and "changing" in str(refused)
    assert all(hand in old.read_text(encoding="utf-8") for hand in written)

    assert follow_renamed(store, index) == [Followed(AFP_ID, RENAMED)]
    moved = sorted(a.id for a in store.load(RENAMED).live if a.note == "by hand")
    assert moved == sorted(written)
    assert not old.exists()


UNREADABLE_NOTE = (
    "- id: unreadable-note\n"
    "  created: 2024-02-30T00:00:00Z\n"
    "  target: {exact: NATO, prefix: '', suffix: ' chief', start: 0, end: 4}\n"
    "  note: WRITTEN BY HAND\n"
)


def test_a_note_that_cannot_be_read_waits_with_its_file_for_a_move_cut_short(library, tmp_path):
    """A note that cannot be read, written into the old file after a move was cut short,
    is not left only in the old file's ``.bak`` (which its next save replaces): the
    old file stays as it is, the move said half made, and finished once it is mended."""
    store, index, _article, old = _cut_short_move(library, tmp_path)
    with open(old, "a", encoding="utf-8") as handle:
        handle.write(UNREADABLE_NOTE)
    written = old.read_bytes()

    for _ in range(2):  # said each time, until mended
        [waits] = follow_renamed(store, index)
        assert old.read_bytes() == written
        said = str(waits)
        assert "\n" not in said and said.startswith(f"notes of {AFP_ID} half moved to {RENAMED}")
        assert f"{old}:" in said and "2024-02-30" in said
        assert (waits.old, waits.to, waits.towards, waits.half) == (AFP_ID, None, RENAMED, True)

    old.write_bytes(written.replace(b"2024-02-30", b"2024-02-28"))
    assert follow_renamed(store, index) == [Followed(AFP_ID, RENAMED)]
    notes = {a.id: a.note for a in store.load(RENAMED).live}
    assert notes["unreadable-note"] == "WRITTEN BY HAND" and len(notes) == 2
    assert not old.exists()


def _unreadable_once_written(monkeypatch, path: Path, nth: int = 1) -> None:
    """A merge conflict's marker left in `path` as the `nth` file a move writes is put
    in place (another program writing it just then)."""
    real_settle, calls = reader_atomic.settle_dir, []

    def settle(folder: Path) -> None:
        real_settle(folder)
        calls.append(folder)
        if len(calls) == nth:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("<<<<<<< HEAD\n")

    monkeypatch.setattr(reader_atomic, "settle_dir", settle)


def test_an_old_notes_file_made_unreadable_as_it_moves_waits_in_one_clear_state(
    library, tmp_path, monkeypatch
):
    """The old notes file turned unreadable just as it was to be set aside, the new one
    written: both are kept, said half moved (each follow, in one line, never as moved
    nor forgotten), and once it is mended the move is finished, each note once."""
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    Annotations(store).add(index.article(AFP_ID), 0, 4, note="before the move")
    (library / AFP_ID).rename(library / RENAMED)
    index.update(workers=1)
    old = store.path_for(AFP_ID)
    mended = old.read_bytes()
    _unreadable_once_written(monkeypatch, old)
    first = follow_renamed(store, index)
    monkeypatch.undo()
    second = follow_renamed(store, index)

    for said in (first, second):
        assert len(said) == 1, said
        assert str(said[0]).startswith(f"notes of {AFP_ID} half moved to {RENAMED} ")
        assert "\n" not in str(said[0]) and f"{old}:" in str(said[0])
        assert (said[0].to, said[0].half) == (None, True)
    assert old.exists() and store.path_for(RENAMED).exists()

    old.write_bytes(mended)
    assert follow_renamed(store, index) == [Followed(AFP_ID, RENAMED)]
    assert [a.note for a in store.load(RENAMED).live] == ["before the move"]
    assert not old.exists()
    assert follow_renamed(store, index) == []


def test_an_old_notes_file_made_unreadable_as_a_move_is_finished_waits_too(
    library, tmp_path, monkeypatch
):
    store, index, article, old = _cut_short_move(library, tmp_path)
    Annotations(store).add(article, 5, 9, note="added to the old file since")
    mended = old.read_bytes()
    _unreadable_once_written(monkeypatch, old)
    [waits] = follow_renamed(store, index)
    monkeypatch.undo()
    assert old.read_bytes() == mended + b"<<<<<<< HEAD\n"
    assert str(waits).startswith(f"notes of {AFP_ID} half moved to {RENAMED} ")
    assert follow_renamed(store, index) == [waits]  # said again, as it waits

    old.write_bytes(mended)
    assert follow_renamed(store, index) == [Followed(AFP_ID, RENAMED)]
    assert sorted(a.note for a in store.load(RENAMED).live) == [
        "added to the old file since",
        "before the move",
    ]
    assert not old.exists()


def test_a_move_cut_short_whose_new_notes_file_cannot_be_read_waits_for_it(library, tmp_path):
    """The new file of a move cut short unreadable (a merge conflict's marker): the
    notes wait for it, said so, rather than staying in two files for ever."""
    store = NotesStore(tmp_path / "notes")
    index = _index(library, tmp_path)
    article = index.article(AFP_ID)
    Annotations(store).add(article, 0, 4, note="before the move")
    (library / AFP_ID).rename(library / RENAMED)
    index.update(workers=1)
    old, new = store.path_for(AFP_ID), store.path_for(RENAMED)
    store.move(AFP_ID, ArticleRef(RENAMED, str(library / RENAMED), article.sha256))
    backup_path(old).rename(old)  # killed before the old file was set aside
    mended = _break(new)

    [waits] = follow_renamed(store, index)
    assert str(waits).startswith(
        f"notes of {AFP_ID} could not follow it to {RENAMED} "
        f"because {RENAMED}'s notes file cannot be read: {new}:"
    )
    assert old.exists()

    new.write_bytes(mended)
    assert follow_renamed(store, index) == [Followed(AFP_ID, RENAMED)]
    assert [a.note for a in store.load(RENAMED).live] == ["before the move"]
    assert not old.exists()
