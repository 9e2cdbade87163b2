"""Notes under fault: nothing saved before is ever lost, a file that cannot be read is
never written, and nothing hangs.

Through the core (`NotesStore`, `Annotations`) and the app: a read-only notes directory
(simulated: we may run as root, where chmod does not bind), a full disk mid-write, files
replaced by garbage, YAML alias bombs, a hand edit while the app runs, and writers killed
with SIGKILL in the middle of saving.

Each case records how many times it was tried and what held; `pytest -s` prints the
table at the end of the module (the counts are in the test ids too).
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

import reader.notes.atomic as atomic
from reader.config import Config
from reader.errors import NotesFileError
from reader.ingest.formats import load_article
from reader.notes.placement import Annotations
from reader.notes.records import collect
from reader.notes.schema import Annotation, ArticleRef, Target
from reader.notes.store import NotesStore
from reader.tui.app import ReaderApp
from reader.tui.screens.annotate import AnnotateScreen
from tests.conftest import AFP_ID, BUNDLED
from tests.tui.conftest import press_in_turn, settle, typed

SUMMARY: dict[str, tuple[int, str]] = {}


def record(case: str, tries: int, held: str) -> None:
    previous = SUMMARY.get(case, (0, held))[0]
    SUMMARY[case] = (previous + tries, held)


@pytest.fixture(scope="module", autouse=True)
def summary_table():
    yield
    if SUMMARY:
        width = max(len(case) for case in SUMMARY)
        print(f"\n\n{'case':<{width}}  tries  what held")
        for case, (tries, held) in SUMMARY.items():
            print(f"{case:<{width}}  {tries:>5}  {held}")


# ----- the article and notes a test starts from -------------------------------------------


@pytest.fixture
def article(tmp_path):
    root = tmp_path / "library"
    shutil.copytree(BUNDLED, root)
    return load_article(root / AFP_ID, root)


@pytest.fixture
def notes(tmp_path) -> Annotations:
    return Annotations(NotesStore(tmp_path / "notes"))


def seed(notes: Annotations, article, count: int = 3) -> list[Annotation]:
    """`count` annotations on the article's first words, saved."""
    made = []
    for i in range(count):
        start = article.text.index(" ", i * 12) + 1
        made.append(notes.add(article, start, start + 8, note=f"saved before {i}", tags=["t"]))
    return made


def temps(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*.tmp")]


def state(path: Path) -> tuple[bytes, int]:
    stat = path.stat()
    return path.read_bytes(), stat.st_mtime_ns


def attempt(notes: Annotations, article, kept: list[Annotation], op: str) -> None:
    """One change of each kind a reader makes."""
    if op == "add":
        notes.add(article, 0, 4, note="new one")
    elif op == "edit":
        notes.edit(article.id, kept[0], note="edited")
    elif op == "delete":
        notes.delete(article.id, kept[1].id)
    elif op == "undelete":
        notes.undelete(article.id, kept[1].id)
    else:  # confirm: rewrite the target (a place a letter longer: a confirm of where it
        # is now would change nothing, and write nothing)
        placed = notes.for_article(article).get(kept[2].id)
        assert placed is not None
        notes.confirm(article, replace(placed, end=placed.end + 1))


OPS = ["add", "edit", "delete", "undelete", "confirm"]


def assert_intact(notes: Annotations, article, kept: list[Annotation], before: bytes) -> None:
    path = notes.store.path_for(article.id)
    assert path.read_bytes() == before, "the notes file changed"
    fresh = NotesStore(notes.store.where).load(article.id)
    assert [a.id for a in fresh.annotations] == [a.id for a in kept]
    assert [a.note for a in fresh.annotations] == [a.note for a in kept]
    assert not temps(notes.store.where), temps(notes.store.where)


# ----- a read-only notes directory ---------------------------------------------------------


@pytest.mark.parametrize("fail_at", [1, 2], ids=["backup-rename", "file-rename"])
@pytest.mark.parametrize("op", OPS)
def test_read_only_directory_rename_refused(notes, article, monkeypatch, op, fail_at):
    kept = seed(notes, article)
    path = notes.store.path_for(article.id)
    before = path.read_bytes()
    real_replace = os.replace
    calls = []

    def refuse(src, dst):
        calls.append(dst)
        if len(calls) == fail_at:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        attempt(notes, article, kept, op)
    monkeypatch.undo()
    assert_intact(notes, article, kept, before)
    # Writable again: the change goes through and nothing before is lost.
    attempt(notes, article, kept, op)
    after = NotesStore(notes.store.where).load(article.id)
    assert {a.id for a in kept} <= {a.id for a in after.annotations}
    record(
        "read-only dir: rename refused (backup or file)",
        1,
        "file byte-identical, no temp left, next save fine",
    )


@pytest.mark.parametrize("op", OPS)
def test_read_only_directory_create_refused(notes, article, monkeypatch, op):
    kept = seed(notes, article)
    before = notes.store.path_for(article.id).read_bytes()
    real_open = os.open

    def refuse(path, flags, *args):
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", refuse)
    with pytest.raises(PermissionError):
        attempt(notes, article, kept, op)
    monkeypatch.undo()
    assert_intact(notes, article, kept, before)
    record(
        "read-only dir: temp file cannot be created", 1, "file byte-identical, error is an OSError"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file modes")
@pytest.mark.parametrize("op", OPS)
def test_read_only_directory_by_chmod(notes, article, op):
    kept = seed(notes, article)
    path = notes.store.path_for(article.id)
    before = path.read_bytes()
    path.parent.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            attempt(notes, article, kept, op)
    finally:
        path.parent.chmod(0o755)
    assert_intact(notes, article, kept, before)
    record("read-only dir: real chmod 555 (non-root)", 1, "file byte-identical")


def test_notes_directory_path_is_a_file(tmp_path, article):
    blocker = tmp_path / "notes"
    blocker.write_bytes(b"I am a file, not a directory\n")
    notes = Annotations(NotesStore(blocker))
    placed = notes.for_article(article)
    assert placed.error is not None and str(blocker) in str(placed.error)
    with pytest.raises(OSError):
        notes.add(article, 0, 4, note="x")
    assert blocker.read_bytes() == b"I am a file, not a directory\n"
    assert dict(notes.counts()) == {}
    record("notes dir path is a file", 2, "read-only with the path named; blocker untouched")


def test_notes_file_path_is_a_directory(notes, article):
    path = notes.store.path_for(article.id)
    path.mkdir(parents=True)
    (path / "keep").write_text("x")
    placed = notes.for_article(article)
    assert placed.error is not None and str(path) in str(placed.error)
    with pytest.raises(OSError):
        notes.add(article, 0, 4, note="x")
    assert (path / "keep").read_text() == "x"
    record("notes file path is a directory", 2, "read-only with the path named; nothing touched")


# ----- a full disk -----------------------------------------------------------------------------


class HalfWriter:
    """A file object that writes half of what it is given, then fails with ENOSPC."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


@pytest.mark.parametrize("fail_at", [1, 2], ids=["backup-write", "file-write"])
@pytest.mark.parametrize("op", OPS)
def test_full_disk_mid_write(notes, article, monkeypatch, op, fail_at):
    kept = seed(notes, article)
    path = notes.store.path_for(article.id)
    before = path.read_bytes()
    backup_before = atomic.backup_path(path).read_bytes()
    real_fdopen = os.fdopen
    calls = []

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        calls.append(fd)
        return HalfWriter(handle) if len(calls) == fail_at else handle

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    with pytest.raises(OSError) as caught:
        attempt(notes, article, kept, op)
    assert caught.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert_intact(notes, article, kept, before)
    if fail_at == 1:
        assert atomic.backup_path(path).read_bytes() == backup_before
    # Space again: the change is saved with everything before it.
    attempt(notes, article, kept, op)
    after = NotesStore(notes.store.where).load(article.id)
    assert {a.id for a in kept} <= {a.id for a in after.annotations}
    record(
        "full disk (ENOSPC) half-way through a write",
        1,
        "file byte-identical, no temp left, next save fine",
    )


@pytest.mark.parametrize("op", OPS)
def test_full_disk_at_fsync(notes, article, monkeypatch, op):
    kept = seed(notes, article)
    before = notes.store.path_for(article.id).read_bytes()

    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(OSError):
        attempt(notes, article, kept, op)
    monkeypatch.undo()
    assert_intact(notes, article, kept, before)
    record("full disk (ENOSPC) at fsync", 1, "file byte-identical, no temp left")


async def test_full_disk_in_the_app_says_so_and_loses_nothing(library, monkeypatch):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        await press_in_turn(pilot, "V", "H")  # highlight the first paragraph: saved
        await settle(pilot)
        path = notes_dir / (AFP_ID + ".yaml")
        before = path.read_bytes()

        def no_space(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "fdopen", no_space)
        app.clear_notifications()
        await press_in_turn(pilot, "j", "j", "j", "j", "V", "a")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        await typed(pilot, *"lost?")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("Note not saved" in m and "No space left" in m for m in messages), messages
        assert path.read_bytes() == before
        assert not temps(notes_dir)
        assert isinstance(app.screen, AnnotateScreen)  # still open, with what was typed
        assert app.screen.query_one("#annotate-note").text == "lost?"
        monkeypatch.undo()
        assert len(app.main.view.annotations) == 1
    record(
        "full disk in the app (Pilot)",
        1,
        "error toast, dialog keeps the note, app runs, file byte-identical",
    )


# ----- garbage in the notes file ---------------------------------------------------------------

GOOD_HEAD = "schema_version: 1\narticle:\n  id: AFP/nato-chief-discusses-global-security.txt\n"
GARBAGE = {
    # name: (bytes, line the error names, or None when no line applies)
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe", 1),
    "invalid-utf8": ((GOOD_HEAD + "annotations: []\n").encode() + b"bad: \xff\xfe\n", 5),
    "yaml-list": (b"- one\n- two\n", 1),
    "yaml-scalar": (b"just a line of text\n", 1),
    "empty": (b"", None),
    "broken-yaml": ((GOOD_HEAD + "annotations: [\n  {id: 'x'\n").encode(), None),
    "tabs": ((GOOD_HEAD + "annotations:\n\t- id: x\n").encode(), 5),
    "schema-version-2": (b"schema_version: 2\narticle: {id: a}\nannotations: []\n", 1),
    "duplicate-ids": (None, None),  # a real file whose second annotation repeats an id
}


def garbage_bytes(name: str, good: bytes) -> tuple[bytes, int | None]:
    """The garbage, and the line its error must name (1-based; None: no line)."""
    data, line = GARBAGE[name]
    if data is not None:
        return data, line
    lines = good.decode().splitlines(keepends=True)
    starts = [i for i, text in enumerate(lines) if text.startswith("- id: ")]
    first_id = lines[starts[0]].split("id: ")[1]
    lines[starts[1]] = f"- id: {first_id}"
    return "".join(lines).encode(), starts[1] + 1  # the repeated id


@pytest.mark.parametrize("name", list(GARBAGE))
def test_garbage_notes_file_is_named_and_never_written(notes, article, name):
    kept = seed(notes, article)
    path = notes.store.path_for(article.id)
    garbage, expected_line = garbage_bytes(name, path.read_bytes())
    path.write_bytes(garbage)
    before = state(path)
    backup = atomic.backup_path(path).read_bytes()

    with pytest.raises(NotesFileError) as caught:
        notes.store.load(article.id)
    error = caught.value
    assert error.path == str(path) and str(path) in str(error)
    if expected_line is not None:
        assert error.line == expected_line, str(error)
        assert f"{path}:{expected_line}:" in str(error)
    assert notes.for_article(article).error is not None

    tries = 0
    for store in (notes.store, NotesStore(notes.store.where)):  # the broken one, and a fresh one
        annotations = Annotations(store)
        for op in ("add", "edit", "delete", "undelete"):
            tries += 1
            with pytest.raises(NotesFileError):
                attempt(annotations, article, kept, op)
    assert state(path) == before, "a broken notes file was written"
    assert atomic.backup_path(path).read_bytes() == backup
    assert not temps(notes.store.where)
    record(
        f"garbage notes file: {name}",
        tries,
        "NotesFileError names file"
        + (f" and line {expected_line}" if expected_line else "")
        + "; file byte-identical, mtime unchanged",
    )


def test_a_file_cut_inside_a_note_keeps_the_notes_before_and_the_cut_one(notes, article):
    """A file cut inside its second note's target: the first loads and can be edited, the
    second is named with its line and kept as it is."""
    kept = seed(notes, article)
    path = notes.store.path_for(article.id)
    lines = path.read_text().splitlines(keepends=True)
    starts = [i for i, text in enumerate(lines) if text.startswith("- id: ")]
    target = next(i for i in range(starts[1], len(lines)) if lines[i].strip() == "target:")
    cut = next(i for i in range(target, len(lines)) if "start:" in lines[i])
    path.write_text("".join(lines[:cut]))
    cut_note = yaml.safe_load(path.read_text())["annotations"][1]

    shown = notes.for_article(article)
    assert shown.error is None and [p.id for p in shown.placed] == [kept[0].id]
    [problem] = collect(notes.store, lambda _aid: None)[1]
    assert f"{path}:{target + 2}: missing annotations[1].target.start" in str(problem.error)
    attempt(notes, article, kept, "edit")
    after = yaml.safe_load(path.read_text())["annotations"]
    assert after[0]["note"] == "edited" and after[1] == cut_note


# ----- YAML alias bombs -------------------------------------------------------------------------


def lol_levels(indent: str = "") -> str:
    levels = [indent + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(indent + f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(levels) + "\n"


ANNOTATION = """\
- id: x1
  created: 2026-01-01T00:00:00Z
  modified: 2026-01-01T00:00:00Z
  target: {exact: hi, prefix: '', suffix: '', start: 0, end: 2}
"""
HEAD = "schema_version: 1\narticle: {id: a.txt}\n"
BOMBS = {
    # name: (file text, what must happen)
    "unknown-top-level-key": (HEAD + "annotations: []\nbomb:\n" + lol_levels("  "), "refused"),
    "as-annotations": ("defs:\n" + lol_levels("  ") + HEAD + "annotations: *i\n", "refused"),
    "in-an-annotation": (
        HEAD + "annotations:\n" + ANNOTATION + "  bomb:\n" + lol_levels("    "),
        "refused",
    ),
    "as-tags": (
        HEAD + "defs:\n" + lol_levels("  ") + "annotations:\n" + ANNOTATION + "  tags: *i\n",
        "refused",
    ),
}
BOMB_SCRIPT = """
import resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
from reader.errors import NotesFileError
from reader.notes.schema import Annotation, ArticleRef, Target
from reader.notes.store import NotesStore
store = NotesStore(Path(sys.argv[1]))
try:
    store.load("a.txt")
except NotesFileError as error:
    print("refused", error)
    sys.exit(0)
store.add(ArticleRef("a.txt"), Annotation.new(Target("yo", "", "", 0, 2)))
print("saved", (Path(sys.argv[1]) / "a.txt.yaml").stat().st_size)
"""


def run_bomb(notes_dir: Path, text: str, timeout: float) -> subprocess.CompletedProcess:
    notes_dir.mkdir(parents=True, exist_ok=True)
    (notes_dir / "a.txt.yaml").write_text(text)
    try:
        return subprocess.run(
            [sys.executable, "-c", BOMB_SCRIPT, str(notes_dir)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"a {len(text)}-byte notes file kept reader busy for over {timeout:.0f} s")


@pytest.mark.parametrize("name", list(BOMBS))
def test_alias_bomb_fails_fast_or_is_kept_unexpanded(tmp_path, name):
    text, expect = BOMBS[name]
    result = run_bomb(tmp_path / "notes", text, timeout=20)
    assert result.returncode == 0, result.stderr[-800:]
    if expect == "refused":
        assert result.stdout.startswith("refused"), result.stdout
        assert "a.txt.yaml" in result.stdout
    else:  # loaded, and saved with the aliases kept: no expansion
        assert result.stdout.startswith("saved"), result.stdout
        assert int(result.stdout.split()[1]) < 20 * len(text)
    held = "NotesFileError at once" if expect == "refused" else "loads; saved with aliases kept"
    record(f"alias bomb: {name}", 1, held + ", under 512 MB, in time")


def test_string_alias_bomb_fails_fast(tmp_path):
    text = (
        HEAD
        + "annotations: []\n"
        + f's: &s "{"x" * 100_000}"\n'
        + "bomb: ["
        + ", ".join(["*s"] * 3000)
        + "]\n"
    )
    result = run_bomb(tmp_path / "notes", text, timeout=8)
    assert result.returncode == 0, result.stderr[-800:]
    if result.stdout.startswith("saved"):
        assert int(result.stdout.split()[1]) < 20 * len(text)
    else:
        assert result.stdout.startswith("refused") and "a.txt.yaml:" in result.stdout
    record("alias bomb: one 100 KB string aliased 3,000 times", 1, "refused at once, in time")


# ----- text that YAML cannot carry -------------------------------------------------------------


def test_a_note_with_a_lone_surrogate_never_breaks_the_file(notes, article):
    kept = seed(notes, article)
    with contextlib.suppress(ValueError, UnicodeError):  # refusing it is fine
        notes.add(article, 0, 4, note="bad \udc9b byte")
    loaded = notes.store.load(article.id)
    assert {a.id for a in kept} <= {a.id for a in loaded.annotations}


def test_cli_annotate_with_invalid_utf8_note_keeps_the_file_readable(library):
    env = dict(os.environ)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "annotate",
            AFP_ID,
            "--library",
            str(library),
            "--quote",
            "Mark Rutte",
            "--note",
            b"latin-1 caf\xe9",
        ],
        capture_output=True,
        env=env,
        timeout=60,
    )
    notes_dir = Path(env["READER_NOTES_DIR"])
    if result.returncode == 0:
        [note] = NotesStore(notes_dir).load(AFP_ID).live
        assert note.note.startswith("latin-1 caf")
    else:
        assert not (notes_dir / (AFP_ID + ".yaml")).exists()


# ----- a hand edit while the app runs --------------------------------------------------------------

HAND_WRITTEN = """\
- id: 0d9d1a2c-0000-4000-8000-000000000001
  created: 2026-01-02T03:04:05Z
  modified: 2026-01-02T03:04:05Z
  tags: [by-hand]
  color: green
  note: Added in an editor while reader was open.
  target:
    exact: Farah Dakhlallah
    prefix: ''
    suffix: ''
    start: 0
    end: 0
"""


async def test_hand_edit_while_the_app_runs_keeps_both_notes(library):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    path = notes_dir / (AFP_ID + ".yaml")
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        await press_in_turn(pilot, "v", "w", "w", "w", "e", "H")  # a first note from the app
        await settle(pilot)
        # The file is edited by hand: a second annotation appended in an editor.
        text = path.read_text(encoding="utf-8")
        path.write_text(text + HAND_WRITTEN, encoding="utf-8")
        await pilot.pause(0.2)
        # Then a third from the app.
        await press_in_turn(pilot, "j", "j", "j", "V", "a")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        await typed(pilot, *"from the app")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        live = NotesStore(notes_dir).load(AFP_ID).live
        assert len(live) == 3, [a.note for a in live]
        assert any(a.note == "Added in an editor while reader was open." for a in live)
        assert any(a.note == "from the app" for a in live)
    record("hand edit while the app runs (Pilot)", 1, "app note + hand note + app note all kept")


async def test_hand_edit_that_breaks_the_file_is_never_overwritten(library):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    path = notes_dir / (AFP_ID + ".yaml")
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        await press_in_turn(pilot, "V", "H")
        await settle(pilot)
        broken = path.read_bytes() + b"  - this: [is not closed\n"
        path.write_bytes(broken)
        await pilot.pause(0.2)
        app.clear_notifications()
        await press_in_turn(pilot, "j", "j", "j", "j", "V", "H")
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any(str(path) in m for m in messages), messages
        assert path.read_bytes() == broken
    record(
        "hand edit breaks the file while the app runs (Pilot)",
        1,
        "save refused with file:line, file byte-identical",
    )


# ----- killed mid-save --------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from reader.notes.schema import Annotation, ArticleRef, Target
    from reader.notes.store import NotesStore

    store = NotesStore(Path(sys.argv[1]))
    ref = ArticleRef("AFP/story.txt", "/library/AFP/story.txt", "0" * 64, "A story")
    seq = int(sys.argv[2])
    mine = list(store.load(ref.id).live)  # edits and deletes reach notes of earlier writers
    print("ready", flush=True)
    while True:
        seq += 1
        if seq % 4 == 0 and mine:
            target = mine[seq % len(mine)]
            note = f"edited {seq}"
            store.update(ref.id, replace(target, note=note))
            print("edit", target.id, note, flush=True)
        elif seq % 7 == 0 and mine:
            target = mine.pop(0)
            store.delete(ref.id, target.id)
            print("delete", target.id, flush=True)
        else:
            a = Annotation.new(Target(f"quote {seq}", "", "", seq, seq + 5), f"note {seq} " + "x" * 500)
            store.add(ref, a)
            mine.append(a)
            print("add", a.id, flush=True)
    """
)
KILLS = 20


@pytest.mark.parametrize("kills", [KILLS], ids=[f"{KILLS}-kills"])
def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path, kills):
    notes_dir = tmp_path / "notes"
    path = notes_dir / "AFP" / "story.txt.yaml"
    rng = random.Random(20261126)
    added: set[str] = set()
    deleted: set[str] = set()
    edited: dict[str, str] = {}
    mid_write = 0
    acknowledged = 0
    for n in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(notes_dir), str(n * 10_000)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            # Saving has begun (on a busy machine the first save can take a while)...
            first = child.stdout.readline().rstrip("\n")
            time.sleep(rng.uniform(0.02, 0.25))  # ...and goes on: kill at a random moment
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            lines = [first, *child.stdout.read().splitlines()]
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        for line in lines:  # only what the writer saw saved (save() returned)
            kind, ann_id, *rest = line.split(" ", 2)
            acknowledged += 1
            if kind == "add":
                added.add(ann_id)
            elif kind == "delete":
                deleted.add(ann_id)
            elif kind == "edit":
                edited[ann_id] = rest[0]
        mid_write += bool(temps(notes_dir))
        if not path.exists():
            assert not added
            continue
        # The file parses and holds every acknowledged change.
        loaded = NotesStore(notes_dir).load("AFP/story.txt")
        by_id = {a.id: a for a in loaded.annotations}
        assert added <= set(by_id), "an acknowledged note was lost"
        assert all(by_id[i].deleted for i in deleted)
        for ann_id, note in edited.items():
            got = by_id[ann_id].note
            assert got == note or int(got.split()[1]) > int(note.split()[1])
        backup = atomic.backup_path(path)
        if backup.exists():
            yaml.safe_load(backup.read_text(encoding="utf-8"))  # the backup parses too
    # A save after the last kill clears what killed writers left behind.
    NotesStore(notes_dir).add(
        ArticleRef("AFP/story.txt"), Annotation.new(Target("last", "", "", 0, 4), "after")
    )
    assert not temps(notes_dir)
    assert acknowledged > kills  # saves were really running when the kills came
    record(
        "SIGKILL during continuous saves",
        kills,
        f"file parsed after every kill; {len(added)} adds, {len(edited)} edits, "
        f"{len(deleted)} deletes acknowledged, none lost; {mid_write} kills left a temp "
        "file (mid-write), cleared by the next save",
    )


def test_an_edited_note_keeps_its_identity(notes, article):
    """Sanity for the fault tests: edit, delete and undelete keep ids and order."""
    kept = seed(notes, article)
    for op in ("edit", "delete", "undelete"):
        attempt(notes, article, kept, op)
    loaded = notes.store.load(article.id)
    assert [a.id for a in loaded.annotations] == [a.id for a in kept]
    assert loaded.annotations[0].note == "edited" and not loaded.annotations[1].deleted
