"""The store: where files go, atomic and merged writes, broken files left alone."""

from __future__ import annotations

import itertools
import os
import random
import signal
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from notes_builders import WHEN, annotation, article, notes_file

from reader.errors import NotesFileError, ReaderError
from reader.notes import (
    Anchorer,
    Annotation,
    NotesFile,
    NotesStore,
    dump_notes,
    make_target,
    notes_path,
    parse_notes,
)
from reader.notes.location import article_id_for
from reader.notes.placement import Annotations


def test_notes_path_mirrors_the_article_id(tmp_path: Path) -> None:
    assert notes_path(tmp_path, "AFP/story.txt") == tmp_path / "AFP" / "story.txt.yaml"
    assert notes_path(tmp_path, "top.md") == tmp_path / "top.md.yaml"
    assert article_id_for(tmp_path, tmp_path / "AFP" / "story.txt.yaml") == "AFP/story.txt"


@pytest.mark.parametrize(
    "bad", ["", "/etc/passwd", "../x.txt", "a/../../x", "a//b", "./a", "a/", "a/.", "nul\0"]
)
def test_ids_that_could_escape_the_notes_dir_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        notes_path(tmp_path, bad)


def test_missing_file_loads_as_empty(store: NotesStore) -> None:
    notes = store.load("AFP/story.txt")
    assert notes.annotations == [] and notes.article.id == "AFP/story.txt"
    assert not store.where.exists()


def test_add_update_delete_undelete(store: NotesStore) -> None:
    first = annotation("a1", note="first")
    store.add(article(), first)
    store.add(article(), annotation("a2", note="second"))
    path = store.path_for("AFP/story.txt")
    assert path == store.where / "AFP" / "story.txt.yaml"

    store.update("AFP/story.txt", replace(first, note="first, edited\nover two lines"))
    loaded = store.load("AFP/story.txt")
    assert [a.note for a in loaded.live] == ["first, edited\nover two lines", "second"]
    assert loaded.get("a1").modified > WHEN
    assert loaded.article == article()

    store.delete("AFP/story.txt", "a1")
    loaded = store.load("AFP/story.txt")
    assert [a.id for a in loaded.live] == ["a2"]
    assert loaded.get("a1").deleted
    assert yaml.safe_load(path.read_text())["annotations"][0]["deleted"] is True
    with pytest.raises(KeyError):
        store.update("AFP/story.txt", first)  # editing a deleted note does not revive it

    store.undelete("AFP/story.txt", "a1")
    assert [a.id for a in store.load("AFP/story.txt").live] == ["a1", "a2"]
    with pytest.raises(KeyError):
        store.delete("AFP/story.txt", "nope")


def test_previous_version_is_kept_as_bak(store: NotesStore) -> None:
    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")
    before = path.read_bytes()
    store.add(article(), annotation("a2"))
    assert Path(f"{path}.bak").read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_bak_of_a_private_notes_file_is_as_private(store: NotesStore) -> None:
    """The .bak holds the notes too: it gets the notes file's permissions, made or
    replaced, never the default (readable by all)."""
    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")
    path.chmod(0o600)
    store.add(article(), annotation("a2"))
    backup = Path(f"{path}.bak")
    assert backup.stat().st_mode & 0o777 == 0o600
    backup.chmod(0o644)  # made before the notes file was made private
    store.add(article(), annotation("a3"))
    assert backup.stat().st_mode & 0o777 == 0o600
    assert path.stat().st_mode & 0o777 == 0o600


def test_saving_a_stale_copy_never_loses_or_resurrects(store: NotesStore) -> None:
    store.add(article(), annotation("a1"))
    stale = store.load("AFP/story.txt")  # someone else's old view
    store.add(article(), annotation("a2"))
    store.delete("AFP/story.txt", "a1")
    merged = store.save(NotesFile(stale.article, [*stale.annotations, annotation("a3")]))
    assert [(a.id, a.deleted) for a in merged.annotations] == [
        ("a1", True),
        ("a2", False),
        ("a3", False),
    ]
    assert store.load("AFP/story.txt") == merged


def test_newer_edit_wins_a_merge(store: NotesStore) -> None:
    store.add(article(), annotation("a1", note="old"))
    newer = annotation("a1", note="new", modified=WHEN.replace(year=2027))
    store.save(notes_file(newer))
    older = annotation("a1", note="older", modified=WHEN.replace(year=2025))
    store.save(notes_file(older))
    assert store.load("AFP/story.txt").get("a1").note == "new"


def test_saving_a_note_shown_before_an_edit_elsewhere_keeps_that_edit(
    store: NotesStore,
) -> None:
    """A dialog open on a note (or `y` confirming its place) while the note is rewritten
    elsewhere: saving applies what was changed here, and undoes nothing of the rest."""
    mine, other = Annotations(store), Annotations(NotesStore(store.where))
    store.add(article(), annotation("a1", note="draft", color="yellow"))
    shown = store.load("AFP/story.txt").get("a1")
    assert shown is not None
    other.edit("AFP/story.txt", shown, note="rewritten elsewhere")
    mine.edit("AFP/story.txt", shown, note=shown.note, tags=shown.tags, color="red")
    after = store.load("AFP/story.txt").get("a1")
    assert after is not None and (after.note, after.color) == ("rewritten elsewhere", "red")
    retarget = replace(shown.target, start=8, end=20)
    other.edit("AFP/story.txt", after, note="rewritten again")
    mine.edit("AFP/story.txt", shown, target=retarget)  # what confirming does
    after = store.load("AFP/story.txt").get("a1")
    assert after is not None
    assert (after.note, after.color, after.target) == ("rewritten again", "red", retarget)


def test_a_stale_copy_saved_again_keeps_the_note_as_fixed_by_hand(store: NotesStore) -> None:
    store.add(article(), annotation("a1", note="Teh treaty of 1991"))
    stale = store.load("AFP/story.txt")
    path = store.path_for("AFP/story.txt")
    path.write_text(path.read_text().replace("Teh treaty of 1991", "The treaty of 1992"))
    store.save(stale)  # e.g. a copy kept aside before the fix, saved now
    assert store.load("AFP/story.txt").get("a1").note == "The treaty of 1992"


BROKEN = "schema_version: 1\narticle: {id: AFP/story.txt}\nannotations:\n- id: [unclosed\n"


def test_broken_file_is_never_overwritten(store: NotesStore) -> None:
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True)
    path.write_text(BROKEN)
    with pytest.raises(NotesFileError) as caught:
        store.load("AFP/story.txt")
    assert caught.value.line == 5 and caught.value.path == str(path)
    for attempt in (
        lambda: store.add(article(), annotation("a1")),
        lambda: store.save(notes_file(annotation("a1"))),
        lambda: store.delete("AFP/story.txt", "a1"),
    ):
        with pytest.raises(NotesFileError):
            attempt()
    fresh = NotesStore(store.where)  # a store that never loaded it finds out on save
    with pytest.raises(NotesFileError):
        fresh.add(article(), annotation("a1"))
    with pytest.raises(NotesFileError):  # and refuses again
        fresh.save(notes_file(annotation("a1")))
    assert path.read_text() == BROKEN
    assert not Path(f"{path}.bak").exists()


PASTED_TWICE = """schema_version: 1
article: {id: AFP/story.txt}
annotations:
- id: a1
  created: 2026-11-26T08:01:02Z
  modified: 2026-11-26T08:01:02Z
  note: MY FIRST NOTE
  target: {exact: quoted words, start: 7, end: 19}
annotations:
- id: a2
  created: 2026-11-26T08:01:02Z
  modified: 2026-11-26T08:01:02Z
  note: second
  target: {exact: quoted words, start: 7, end: 19}
"""
DOUBLED_NOTE = PASTED_TWICE.partition("annotations:\n- id: a2")[0] + "  note: typo\n"


@pytest.mark.parametrize(
    ("text", "line"), [(PASTED_TWICE, 9), (DOUBLED_NOTE, 9)], ids=["pasted twice", "note twice"]
)
def test_notes_file_with_a_key_given_twice_is_read_only_naming_the_line(
    store: NotesStore, text: str, line: int
) -> None:
    """Two files pasted together, a hand merge: reading one of the values would drop
    the other's notes, and the next saves would lose them for good (.bak too)."""
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(NotesFileError) as caught:
        store.load("AFP/story.txt")
    assert caught.value.line == line and "twice" in str(caught.value)
    for _ in range(2):
        with pytest.raises(NotesFileError):
            store.add(article(), annotation("a3"))
    assert path.read_text() == text
    assert not Path(f"{path}.bak").exists()


def test_a_note_that_cannot_be_read_is_kept_as_written_by_a_save(store: NotesStore) -> None:
    path = store.path_for("x.txt")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"schema_version: 1\narticle: {id: x.txt}\nannotations:\n- {id: a}\n")
    store.add(article("x.txt"), annotation("a1"))
    written = yaml.safe_load(path.read_text())["annotations"]
    assert written[0] == {"id": "a"} and written[1]["id"] == "a1"


def test_fixed_file_becomes_writable_after_a_load(store: NotesStore) -> None:
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True)
    path.write_text(BROKEN)
    with pytest.raises(NotesFileError):
        store.load("AFP/story.txt")
    path.write_text(dump_notes(notes_file(annotation("a1"))))
    store.load("AFP/story.txt")
    store.add(article(), annotation("a2"))
    assert [a.id for a in store.load("AFP/story.txt").annotations] == ["a1", "a2"]


def test_all_files_lists_every_file_and_reports_broken_ones(store: NotesStore) -> None:
    store.add(article("AFP/one.txt"), annotation("a1"))
    store.add(article("two.md"), annotation("a2"))
    store.add(article("two.md"), annotation("a3"))  # leaves a .bak behind
    broken = store.path_for("Unattributed/bad.txt")
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN)
    found = dict(store.all_files())
    assert sorted(found) == ["AFP/one.txt", "Unattributed/bad.txt", "two.md"]
    assert isinstance(found["Unattributed/bad.txt"], NotesFileError)
    assert [a.id for a in found["two.md"].annotations] == ["a2", "a3"]
    with pytest.raises(NotesFileError):
        store.add(article("Unattributed/bad.txt"), annotation("a9"))
    assert broken.read_text() == BROKEN
    assert list(NotesStore(store.where / "missing").all_files()) == []


def test_unknown_keys_survive_a_store_rewrite(store: NotesStore) -> None:
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True)
    path.write_text(
        "schema_version: 1\nsync: {device: laptop}\n"
        "article: {id: AFP/story.txt, path: p, sha256: s, title: t, lang: en}\n"
        "annotations:\n"
        "- id: a1\n  created: 2026-11-26T08:01:02Z\n  modified: 2026-11-26T08:01:02Z\n"
        "  target: {exact: q, prefix: '', suffix: '', start: 0, end: 1, kind: text}\n"
        "  stars: 3\n"
    )
    store.add(article(), annotation("a2"))
    store.delete("AFP/story.txt", "a1")
    data = yaml.safe_load(path.read_text())
    assert data["sync"] == {"device": "laptop"}
    assert data["article"]["lang"] == "en"
    assert data["annotations"][0]["stars"] == 3
    assert data["annotations"][0]["target"]["kind"] == "text"


def test_orphaned_annotation_is_kept_as_it_was(store: NotesStore) -> None:
    text = "Alpha beta gamma delta. The doomed sentence goes here. Epsilon zeta eta theta."
    kept = Annotation.new(make_target(text, 0, 16), note="kept")
    doomed_at = text.index("The doomed")
    doomed = Annotation.new(make_target(text, doomed_at, doomed_at + 31), note="doomed")
    for ann in (kept, doomed):
        store.add(article(), ann)
    before = store.load("AFP/story.txt").get(doomed.id)

    edited = "Preface. " + text.replace("The doomed sentence goes here. ", "")
    anchorer = Anchorer(edited)
    for ann in store.load("AFP/story.txt").live:
        anchor = anchorer.anchor(ann.target)
        if anchor.found and (anchor.start, anchor.end) != (ann.target.start, ann.target.end):
            retarget = make_target(edited, anchor.start, anchor.end)
            store.update("AFP/story.txt", replace(ann, target=retarget))
    after = store.load("AFP/story.txt")
    assert after.get(doomed.id) == before
    assert after.get(kept.id).target.start == len("Preface. ")


# -- faults: killed writers and concurrent writers ----------------------------------------


def _child(work) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            work()
        except BaseException:
            code = 1
        os._exit(code)
    return pid


def test_writer_killed_mid_save_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    big_note = "A note over\nseveral lines,\nwritten in block style.\n"
    NotesStore(notes_dir).add(article(), annotation("seed", note=big_note))
    path = notes_path(notes_dir, "AFP/story.txt")
    rng = random.Random(7)
    saves = 0

    def keep_saving() -> None:
        writer = NotesStore(notes_dir)
        for i in range(10_000):
            writer.add(article(), annotation(f"n{os.getpid()}-{i}", note=big_note))

    # At least 30 kills, and more until the writers got saves done between them: a
    # loaded machine finishes fewer saves per kill, and the count must not decide.
    for kills in itertools.count(1):
        if (kills > 30 and saves > 10) or kills > 400:
            break
        pid = _child(keep_saving)
        time.sleep(rng.uniform(0.01, 0.1))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        notes = parse_notes(path.read_text(), str(path))  # never truncated or mixed
        assert notes.annotations[0].id == "seed"
        assert all(a.note == big_note for a in notes.annotations)
        backup = Path(f"{path}.bak")
        if backup.exists():  # absent until the first save completes
            parse_notes(backup.read_text(), str(backup))
        saves = len(notes.annotations)
    assert saves > 10  # the writers got saves done between kills
    NotesStore(notes_dir).add(article(), annotation("after"))  # the lock is not stuck
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_two_processes_saving_concurrently_lose_nothing(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    NotesStore(notes_dir).add(article(), annotation("shared", note="v0"))

    def writer(name: str) -> None:
        store = NotesStore(notes_dir)
        for i in range(20):
            store.add(article(), annotation(f"{name}-{i}"))
            if i % 5 == 0:
                shared = store.load("AFP/story.txt").get("shared")
                store.update("AFP/story.txt", replace(shared, note=f"{name}-{i}"))

    pids = [_child(lambda name=name: writer(name)) for name in ("left", "right")]
    for pid in pids:
        assert os.waitpid(pid, 0)[1] == 0
    notes = NotesStore(notes_dir).load("AFP/story.txt")
    ids = {a.id for a in notes.annotations}
    assert ids == {"shared"} | {f"{n}-{i}" for n in ("left", "right") for i in range(20)}
    assert notes.get("shared").note != "v0"


def test_notes_in_a_symlinked_folder_are_listed(store: NotesStore, tmp_path: Path) -> None:
    """A folder of the notes directory kept elsewhere (a synced folder) through a symlink."""
    elsewhere = NotesStore(tmp_path / "synced")
    elsewhere.add(article("AFP/story.txt"), annotation("a1"))
    store.add(article("Reuters/story.txt"), annotation("r1"))
    (store.where / "AFP").symlink_to(tmp_path / "synced" / "AFP", target_is_directory=True)

    assert [aid for aid, _ in store.all_files()] == ["AFP/story.txt", "Reuters/story.txt"]
    from reader.notes.catalog import NotesCatalog

    assert NotesCatalog(store).counts() == {"AFP/story.txt": 1, "Reuters/story.txt": 1}


def test_a_symlinked_notes_file_stays_a_link_and_gets_the_new_notes(
    store: NotesStore, tmp_path: Path
) -> None:
    """A notes file kept elsewhere (a synced folder) through a symlink: a save writes the
    real file, its .bak beside it, and leaves the link a link."""
    synced = NotesStore(tmp_path / "synced")
    synced.add(article(), annotation("a1", note="first"))
    link = store.path_for("AFP/story.txt")
    link.parent.mkdir(parents=True)
    link.symlink_to(synced.path_for("AFP/story.txt"))
    store.add(article(), annotation("a2", note="second"))
    store.add(article(), annotation("a3", note="third"))
    assert link.is_symlink()
    assert [a.note for a in synced.load("AFP/story.txt").annotations] == [
        "first",
        "second",
        "third",
    ]
    assert [
        a.id
        for a in parse_notes(
            Path(f"{synced.path_for('AFP/story.txt')}.bak").read_text(), "bak"
        ).annotations
    ] == ["a1", "a2"]
    assert not [p.name for p in link.parent.iterdir() if p != link]  # nothing beside the link


def test_symlink_loops_in_the_notes_folder_list_each_file_once(
    store: NotesStore, tmp_path: Path
) -> None:
    store.add(article("AFP/story.txt"), annotation("a1"))
    (store.where / "AFP" / "again").symlink_to(store.where, target_is_directory=True)
    outer = tmp_path / "outer"
    NotesStore(outer).add(article("Wire/other.txt"), annotation("w1"))
    (outer / "Wire" / "back").symlink_to(outer, target_is_directory=True)
    (store.where / "Wire").symlink_to(outer / "Wire", target_is_directory=True)
    (store.where / "broken").symlink_to(tmp_path / "nowhere", target_is_directory=True)

    assert [aid for aid, _ in store.all_files()] == ["AFP/story.txt", "Wire/other.txt"]


def test_notes_file_naming_another_article_is_never_rewritten(store: NotesStore) -> None:
    """A notes file copied or renamed by hand still says whose notes it holds: reader
    neither rewrites it to the article its place names nor writes into it."""
    path = store.path_for("AFP/b.txt")
    path.parent.mkdir(parents=True)
    text = (
        "schema_version: 1\n"
        "article:\n"
        "  id: AFP/a.txt\n"
        "  path: /library/AFP/a.txt\n"
        "  sha256: '" + "0" * 64 + "'\n"
        "  title: A\n"
        "annotations: []\n"
    )
    path.write_text(text)
    with pytest.raises(NotesFileError) as raised:
        store.load("AFP/b.txt")
    message = str(raised.value)
    assert str(path) in message and "AFP/a.txt" in message and ":3:" in message
    with pytest.raises(NotesFileError):
        store.add(article("AFP/b.txt"), annotation())
    assert path.read_text() == text


def test_a_save_elsewhere_does_not_wait_while_a_big_notes_file_is_turned_into_text(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and writing the YAML of a file of thousands of notes takes seconds: done
    under the folder's lock, every other article's save timed out meanwhile."""
    import reader.notes.store as store_module

    monkeypatch.setenv("READER_LOCK_TIMEOUT", "0.2")
    store.add(article("big.txt"), annotation("b1"))
    other = NotesStore(store.where, program="other")
    real_dump, saved_meanwhile = store_module.saved_bytes, []

    def slow_dump(raw: bytes | None, read: NotesFile, notes: NotesFile, *shape: object) -> bytes:
        if notes.article.id == "big.txt" and not saved_meanwhile:
            other.add(article("small.txt"), annotation("s1"))
            saved_meanwhile.append(True)
        return real_dump(raw, read, notes, *shape)

    monkeypatch.setattr(store_module, "saved_bytes", slow_dump)
    store.add(article("big.txt"), annotation("b2"))
    assert saved_meanwhile
    assert [a.id for a in store.load("big.txt").annotations] == ["b1", "b2"]
    assert [a.id for a in store.load("small.txt").annotations] == ["s1"]


def test_a_save_that_meets_a_change_made_meanwhile_keeps_both(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file changes between the save's reading it and taking the lock: both the
    change made meanwhile and the save's own are kept."""
    import reader.notes.store as store_module

    store.add(article(), annotation("a1"))
    other = NotesStore(store.where, program="other")
    real_dump, changed = store_module.saved_bytes, []

    def dump_then_change(
        raw: bytes | None, read: NotesFile, notes: NotesFile, *shape: object
    ) -> bytes:
        if not changed:
            changed.append(True)
            other.add(article(), annotation("a2", note="meanwhile"))
        return real_dump(raw, read, notes, *shape)

    monkeypatch.setattr(store_module, "saved_bytes", dump_then_change)
    store.add(article(), annotation("a3"))
    assert [a.id for a in store.load("AFP/story.txt").annotations] == ["a1", "a2", "a3"]


def test_a_note_holding_an_asterisk_is_read_by_the_fast_parser(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`*` (a Kindle note's emphasis) once switched a file to the pure-Python parser,
    five times slower on a big file; only an alias (`*name` as a value) needs it."""
    import reader.infra.yamlsafe as yamlsafe

    if not yamlsafe._LIBYAML:
        pytest.skip("PyYAML without libyaml")
    store.add(article(), annotation("a1", note="a *starred* word, 2 * 3"))

    def refused(text: str) -> None:
        raise AssertionError("the pure-Python parser")

    monkeypatch.setattr(yamlsafe, "_CheckedLoader", refused)
    assert store.load("AFP/story.txt").get("a1").note == "a *starred* word, 2 * 3"
    path = store.path_for("AFP/story.txt")
    path.write_text(path.read_text() + "extra: *alias\n")
    with pytest.raises(NotesFileError, match="alias"):
        store.load("AFP/story.txt")


def test_a_note_modified_at_the_end_of_time_can_still_be_edited_and_deleted(
    store: NotesStore,
) -> None:
    """A hand-written `modified: 9999-12-31T23:59:59.9995Z`: nothing is later, which must
    not make the note impossible to change."""
    end = datetime(9999, 12, 31, 23, 59, 59, 999500, tzinfo=UTC)
    store.add(article(), annotation("a1", note="old", modified=end))
    shown = store.load("AFP/story.txt").get("a1")
    assert shown is not None
    store.update("AFP/story.txt", replace(shown, note="new"))
    assert store.load("AFP/story.txt").get("a1").note == "new"
    store.delete("AFP/story.txt", "a1")
    assert not store.load("AFP/story.txt").live
    store.undelete("AFP/story.txt", "a1")
    assert [a.note for a in store.load("AFP/story.txt").live] == ["new"]


def test_hand_written_numbers_and_times_keep_their_text_when_the_file_is_saved(
    store: NotesStore,
) -> None:
    """README: unknown keys are kept and files are the user's. `page: 0x1F` came back as
    `page: 31`, `chapter: 012` as `10`, `at: 1:20` as `80`."""
    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")
    written = "  page: 0x1F\n  chapter: 012\n  at: 1:20\n  size: 1_000\n  ratio: 1.50\n"
    written += "  seen: 2026-01-01 10:00:00+02:00\n"
    path.write_text(path.read_text().replace("  note: a note\n", "  note: a note\n" + written))
    store.add(article(), annotation("a2"))
    assert written in path.read_text()
    extra = store.load("AFP/story.txt").get("a1").extra
    assert (extra["page"], extra["chapter"], extra["at"], extra["size"]) == (31, 10, 80, 1000)


# Scalars written plain by hand, and how a save writes them back: as written, but for
# the null and bool spellings PyYAML rewrites (the value and its type kept).
ODD_SCALARS = {
    "1e3": "1e3", "1E-3": "1E-3", "0o17": "0o17", "0x1f": "0x1f", "+.5": "+.5",
    ".inf": ".inf", "-.Inf": "-.Inf", ".NaN": ".NaN", "-0": "-0", "+12": "+12",
    "2026-01-01": "2026-01-01", "12:30": "12:30", "y": "y", "n": "n",
    "~": "null", "yes": "true", "Off": "false",
}  # fmt: skip


@pytest.mark.parametrize(("written", "saved"), ODD_SCALARS.items())
def test_odd_scalars_written_by_hand_keep_their_text_and_type_when_the_file_is_saved(
    store: NotesStore, written: str, saved: str
) -> None:
    """`page: 1e3` and `tags: [0o17]` came back as `'1e3'` and `- '0o17'`: quoted strings,
    which YAML 1.2 readers no longer read as the number the user wrote."""
    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")
    text = path.read_text().replace("  note: a note\n", f"  note: a note\n  page: {written}\n")
    path.write_text(text)
    before = store.load("AFP/story.txt").get("a1").extra["page"]
    is_string = isinstance(before, str)
    if is_string:  # a string: a tag too
        path.write_text(text.replace("  tags:\n  - t\n", f"  tags:\n  - {written}\n"))
    current = store.load("AFP/story.txt").get("a1")
    store.update("AFP/story.txt", replace(current, note="edited"), was=current)  # written again
    after_text = path.read_text()
    assert f"  page: {saved}\n" in after_text
    after = store.load("AFP/story.txt").get("a1")
    assert type(after.extra["page"]) is type(before)
    assert after.extra["page"] == before or before != before  # (.nan is not itself)
    if is_string:
        assert f"  tags:\n  - {saved}\n" in after_text
        assert after.tags == (written,)


def test_hand_written_numbers_survive_a_copy_and_a_pickle_with_their_text() -> None:
    """A note's extra values may be copied or sent to another process: a `0x1F` read
    with its text stays itself (it failed with a missing argument)."""
    import copy
    import pickle

    from reader.infra.yamlsafe import load_yaml

    values = load_yaml("page: 0x1F\nprice: 1.50\n", keep_number_text=True)
    for value in values.values():
        for again in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
            assert again == value and again.text == value.text


def test_a_bad_article_id_is_a_clear_error_not_a_crash(store: NotesStore) -> None:
    with pytest.raises(ReaderError) as raised:
        store.add(article("../outside.txt"), annotation())
    assert "not a valid article id" in str(raised.value) and "\n" not in str(raised.value)
    assert not (store.where.parent / "outside.txt.yaml").exists()


def test_a_refusal_read_before_the_lock_is_decided_again_under_it(store: NotesStore) -> None:
    """What a change refuses on the file as first read (before the lock) may no longer
    hold once another writer is done: it is decided on the file as it is under the lock."""
    store.add(article(), annotation("a1"))
    store.set_review("AFP/story.txt", "a1", {"reps": 2}, merging=False)
    other = NotesStore(store.where, program="other")
    seen: list[object] = []

    def refuse_a_review(on_disk: object) -> None:
        seen.append(on_disk)
        if len(seen) == 1:  # meanwhile another writer takes the review back
            other.set_review("AFP/story.txt", "a1", None, merging=False)
        if on_disk is not None:
            raise ValueError("graded already")

    store.set_review("AFP/story.txt", "a1", {"reps": 1}, merging=False, check=refuse_a_review)
    assert store.load("AFP/story.txt").get("a1").extra["review"] == {"reps": 1}


def _stale_temp(path: Path) -> Path:
    temp = path.with_name(f".{path.name}.{'0' * 16}.tmp")
    temp.write_text("a writer killed mid-save")
    return temp


def test_a_move_of_notes_leaves_no_temp_file_behind(store: NotesStore) -> None:
    store.add(article("S/a.txt"), annotation("a1"))
    temp = _stale_temp(store.path_for("S/a.txt"))
    store.move("S/a.txt", article("S/b.txt"))
    assert not temp.exists()
    assert not list(store.where.rglob("*.tmp"))


def test_finishing_a_move_keeps_a_note_the_old_file_gained_since(store: NotesStore) -> None:
    store.add(article("S/a.txt"), annotation("a1"))
    old = store.path_for("S/a.txt")
    store.move("S/a.txt", article("S/b.txt"))
    old.with_name(old.name + ".bak").rename(old)  # cut short before the old file went aside
    store.add(article("S/a.txt"), annotation("a2", note="added to the old file since"))
    temp = _stale_temp(old)
    store.finish_move("S/a.txt", "S/b.txt")
    assert [a.id for a in store.load("S/b.txt").live] == ["a1", "a2"]
    assert not old.exists() and not temp.exists()


def _review(graded_on: int, **suspension: object) -> dict:
    when = f"2026-12-0{graded_on}T09:00:00Z"
    return {"state": "review", "stability": 2.0, "difficulty": 5.0, "reps": 1,
            "lapses": 0, "last_review": when, "history": [f"{when} good"], **suspension}  # fmt: skip


@pytest.mark.parametrize(
    ("suspended_copy", "graded_copy", "suspended"),
    [
        # suspended, then graded in another copy that had not seen the suspend
        ({"suspended": True, "suspended_at": "2026-12-01T10:00:00Z"}, {}, True),
        ({"suspended": True}, {}, True),  # a suspension written without its time
        # resumed in the graded copy after the suspend: resumed
        (
            {"suspended": True, "suspended_at": "2026-12-01T10:00:00Z"},
            {"resumed_at": "2026-12-02T10:00:00Z"},
            False,
        ),
    ],
)
def test_a_suspension_survives_a_merge_with_a_copy_graded_later(
    store: NotesStore, suspended_copy: dict, graded_copy: dict, suspended: bool
) -> None:
    with_review = lambda review, year: annotation(  # noqa: E731
        "a1", modified=WHEN.replace(year=year), extra={"review": review}
    )
    store.add(article(), with_review(_review(1, **suspended_copy), 2026))
    store.save(notes_file(with_review(_review(3, **graded_copy), 2027)))  # merged by id
    review = store.load("AFP/story.txt").get("a1").extra["review"]
    assert review.get("suspended", False) is suspended
    assert review["history"] == ["2026-12-01T09:00:00Z good", "2026-12-03T09:00:00Z good"]
    # The other way round: the suspended copy merged into the graded one.
    store.set_review("AFP/story.txt", "a1", _review(3, **graded_copy), merging=False)
    store.set_review("AFP/story.txt", "a1", _review(1, **suspended_copy))
    assert store.load("AFP/story.txt").get("a1").extra["review"].get("suspended", False) is (
        suspended
    )


def test_an_edit_that_changes_nothing_leaves_the_file_as_it_is(store: NotesStore) -> None:
    """Saving a note as it was (the note dialog left untouched) is no change: `modified`
    stays, and a file written by hand is not written again in the store's own layout."""
    store.add(article(), annotation("a1", note="as it was"))
    path = store.path_for("AFP/story.txt")
    path.write_text(path.read_text().replace("note: as it was", "note:   'as it was'  # mine"))
    before = path.read_bytes()
    shown = store.load("AFP/story.txt").get("a1")
    assert shown is not None
    written = store.update("AFP/story.txt", replace(shown), was=shown)
    assert path.read_bytes() == before
    assert written.get("a1") == shown


def test_notes_read_again_unchanged_are_not_parsed_again_and_a_change_is_read(
    store: NotesStore, monkeypatch
):
    """The Notes screen reads every file each time it opens: an unchanged one costs no
    parsing; one changed by another program, even to the same size, is read anew."""
    from reader.notes import store as store_module

    parsed: list[str] = []
    parse = store_module.parse_notes
    monkeypatch.setattr(
        store_module, "parse_notes", lambda text, *a: parsed.append(text) or parse(text, *a)
    )
    store.save(notes_file(annotation("a1", note="first words")))
    path = store.path_for("AFP/story.txt")
    stat = path.stat()
    for _ in range(3):
        [(_, notes)] = list(store.all_files())
        assert [a.note for a in notes.annotations] == ["first words"]
    assert len(parsed) == 1
    notes.annotations.append(annotation("a2"))  # what a caller does to its copy stays its own
    path.write_text(path.read_text().replace("first words", "other words"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    [(_, notes)] = list(store.all_files())
    assert [a.note for a in notes.annotations] == ["other words"]
    assert len(parsed) == 2


def test_reading_the_notes_folder_removes_only_old_unlocked_temp_files_of_its_own(
    store: NotesStore,
) -> None:
    """A save killed mid-write (kill -9) leaves `.NAME.yaml.<hex>.tmp`: gone when the
    notes folder is next read, if older than a minute and no writer holds it; nothing
    else is touched."""
    import fcntl

    store.add(article("S/a.txt"), annotation("a1"))
    path = store.path_for("S/a.txt")
    old = time.time() - 120

    def made(name: str, *, age: float = old) -> Path:
        made_path = path.with_name(name)
        made_path.write_text("x")
        os.utime(made_path, (age, age))
        return made_path

    killed = made(f".{path.name}.{'0123456789abcdef'}.tmp")
    killed_bak = made(f".{path.name}.bak.{'fedcba9876543210'}.tmp")
    fresh = made(f".{path.name}.{'1' * 16}.tmp", age=time.time())
    held = made(f".{path.name}.{'2' * 16}.tmp")
    others = [
        made("notes.tmp"),
        made(f".{path.name}.1234.tmp"),
        made(f"{path.name}.{'3' * 16}.tmp"),
    ]
    with open(held, "rb") as writer:
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX)  # a live writer
        assert [aid for aid, _ in store.all_files()] == ["S/a.txt"]
    assert not killed.exists() and not killed_bak.exists()
    assert fresh.exists() and held.exists()
    assert all(p.exists() for p in others)


def test_an_undone_delete_outlives_a_window_that_saves_the_file_as_it_was_deleted(
    store: NotesStore,
) -> None:
    # A second window read the file after the delete (the tombstone) and saves it whole
    # after the undo: the note brought back must win that merge, not die again.
    store.add(article(), annotation("a1", note="keep me"))
    store.delete("AFP/story.txt", "a1")
    stale = store.load("AFP/story.txt")
    store.undelete("AFP/story.txt", "a1")
    store.save(replace(stale, annotations=[*stale.annotations, annotation("a2", note="other")]))
    assert sorted(a.note for a in store.load("AFP/story.txt").live) == ["keep me", "other"]


def test_a_place_confirmed_after_it_was_changed_in_the_file_keeps_both_and_says_so(
    store: NotesStore,
):
    """A place confirmed from a stale copy of the note (its place changed in the file
    meanwhile, by another window or by hand): the note takes the place confirmed, the
    version in the file is kept as a second note, and the caller is told (to say so)."""
    from reader.ingest.formats import load_article
    from reader.notes.anchoring import AnchorStatus, make_target
    from reader.notes.placement import Placed
    from tests.conftest import AFP_ID, BUNDLED

    afp = load_article(BUNDLED / AFP_ID, BUNDLED)
    notes = Annotations(store)
    at = afp.text.index("Palm Beach")
    added = notes.add(afp, at, at + 10)
    # Placed approximately: its stored context is no longer the text's.
    shown = replace(added, target=replace(added.target, prefix="words since changed "))
    store.update(AFP_ID, shown)
    [shown] = store.load(AFP_ID).live
    placed = Placed(shown, at, at + 10, AnchorStatus.FUZZY)
    elsewhere = afp.text.index("Florida")
    store.update(AFP_ID, replace(shown, target=make_target(afp.text, elsewhere, elsewhere + 7)))

    written = notes.confirm(afp, placed)
    assert written.theirs is not None
    assert sorted(a.quote for a in store.load(AFP_ID).live) == ["Florida", "Palm Beach"]
