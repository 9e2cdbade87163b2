"""Every command that writes, under fault: a full disk, a read-only folder, a notes path
that is a folder, input nested thousands deep, an export killed half-way. The command
prints one line and exits with status 2; nothing the user had is lost or replaced by a
partial file, and no temp file outlives the command.

The faults are injected by replacing os functions (tests run as root, where chmod does
not make anything read-only), in-process through `reader.cli.main`.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

import reader.search.index as index_module
import reader.search.schema as schema_module
from reader.cli import main
from tests.conftest import AFP_ID

FAULTS = {
    "full disk at write": ("fsync", errno.ENOSPC, "No space left on device"),
    "full disk at rename": ("replace", errno.ENOSPC, "No space left on device"),
    "read-only folder": ("open", errno.EROFS, "Read-only file system"),
}


def inject(monkeypatch, name: str) -> str:
    """Make the os function of fault `name` fail; returns the message a user should read."""
    function, code, message = FAULTS[name]
    real = getattr(os, function)

    def failing(*args, **kwargs):
        if function == "open" and not str(args[0]).endswith(".tmp"):
            return real(*args, **kwargs)  # reading still works on a read-only folder
        raise OSError(code, os.strerror(code), str(args[0]))

    monkeypatch.setattr(os, function, failing)
    return message


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) and its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def one_line_error(capsys, *words: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reader: error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


@pytest.fixture
def notes_dir() -> Path:
    return Path(os.environ["READER_NOTES_DIR"])


def annotate(library: Path, quote: str) -> int:
    return main(["annotate", AFP_ID, "--library", str(library), "--quote", quote])


@pytest.mark.parametrize("fault", FAULTS)
def test_annotate_that_cannot_save_says_why_in_one_line_and_loses_nothing(
    library, notes_dir, capsys, monkeypatch, fault
):
    assert annotate(library, "Palm Beach") == 0
    capsys.readouterr()
    before = snapshot(notes_dir)
    message = inject(monkeypatch, fault)
    assert annotate(library, "Florida") == 2
    monkeypatch.undo()
    one_line_error(capsys, message, str(notes_dir / AFP_ID) + ".yaml")
    assert snapshot(notes_dir) == before  # the note saved before is there, no temp file
    assert annotate(library, "Florida") == 0  # once the disk has room again


@pytest.mark.parametrize("code", [errno.EINVAL, errno.EIO])
def test_annotate_saved_on_a_folder_that_refuses_fsync_says_saved_so_a_retry_adds_no_twin(
    library, notes_dir, capsys, monkeypatch, code
):
    """The file was already in place when the folder's fsync failed: reporting "not
    saved" makes the user annotate again, and the note is then there twice."""
    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(code, os.strerror(code))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert annotate(library, "Palm Beach") == 0
    assert annotate(library, "Florida") == 0
    monkeypatch.undo()
    assert "Traceback" not in capsys.readouterr().err
    notes = yaml.safe_load((notes_dir / (AFP_ID + ".yaml")).read_text())
    assert [a["target"]["exact"] for a in notes["annotations"]] == ["Palm Beach", "Florida"]


def test_annotate_when_the_notes_file_is_a_folder_says_so(library, notes_dir, capsys):
    path = notes_dir / (AFP_ID + ".yaml")
    path.mkdir(parents=True)
    assert annotate(library, "Palm Beach") == 2
    one_line_error(capsys, str(path), "Is a directory")
    assert path.is_dir() and not any(path.iterdir())


def test_annotate_when_the_notes_folder_is_a_file_says_so(library, notes_dir, capsys):
    notes_dir.write_text("mine\n")
    assert annotate(library, "Palm Beach") == 2
    one_line_error(capsys, str(notes_dir), "is not a folder")
    assert notes_dir.read_text() == "mine\n"


@pytest.mark.parametrize("fault", FAULTS)
def test_export_that_cannot_write_says_why_and_keeps_the_old_file(
    library, tmp_path, capsys, monkeypatch, fault
):
    assert annotate(library, "Palm Beach") == 0
    out = tmp_path / "out" / "notes.md"
    out.parent.mkdir()
    out.write_text("my previous export\n")
    capsys.readouterr()
    message = inject(monkeypatch, fault)
    assert main(["export", str(library), "-o", str(out), "--force"]) == 2
    monkeypatch.undo()
    one_line_error(capsys, message, str(out))
    assert snapshot(out.parent) == {"notes.md": b"my previous export\n"}


def test_export_killed_half_way_leaves_no_temp_file_for_long(library, tmp_path):
    """A real SIGKILL of `reader export -o` just before its temp file is moved into place
    (the test's wrapper kills the process from inside os.replace), then a second export."""
    assert annotate(library, "Palm Beach") == 0
    out = tmp_path / "out" / "notes.md"
    out.parent.mkdir()
    out.write_text("my previous export\n")
    args = ["export", str(library), "-o", str(out), "--force"]
    killed_in_replace = textwrap.dedent(
        f"""
        import os, signal, sys
        def replace(src, dst):
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace = replace
        from reader.cli import main
        sys.exit(main({args!r}))
        """
    )
    run = [sys.executable, "-c", killed_in_replace]
    killed = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    left = [p.name for p in out.parent.iterdir() if p.name != "notes.md"]
    assert len(left) == 1 and left[0].endswith(".tmp")  # the killed export's partial file
    assert out.read_text() == "my previous export\n"

    again = subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.parent.iterdir()] == ["notes.md"]
    assert "Palm Beach" in out.read_text()


def test_export_never_removes_the_temp_file_of_an_export_still_running(library, tmp_path):
    assert annotate(library, "Palm Beach") == 0
    out = tmp_path / "notes.md"
    # Another export, alive, is writing this temp file (and holds its lock).
    script = textwrap.dedent(
        f"""
        import fcntl, os, sys
        fd = os.open({str(tmp_path / ".notes.md.0123456789abcdef.tmp")!r}, os.O_WRONLY | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print("ready", flush=True)
        sys.stdin.readline()
        """
    )
    other = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline().strip() == "ready"
        assert main(["export", str(library), "-o", str(out)]) == 0
        assert (tmp_path / ".notes.md.0123456789abcdef.tmp").exists()
    finally:
        other.communicate("\n", timeout=60)


def with_connect(monkeypatch, connect) -> None:
    monkeypatch.setattr(schema_module, "connect", connect)
    monkeypatch.setattr(index_module, "connect", connect)


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_index_that_cannot_write_its_cache_says_why_in_one_line(
    library, capsys, monkeypatch, trouble
):
    real = schema_module.connect

    def full(path, *args, **kwargs):
        conn = real(path, *args, **kwargs)
        conn.execute("PRAGMA max_page_count = 8")  # SQLite's own "database or disk is full"
        return conn

    def read_only(path, *args, **kwargs):
        uri = f"file:{path}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)

    with_connect(monkeypatch, full if trouble == "full" else read_only)
    assert main(["index", str(library)]) == 2
    one_line_error(capsys, "search index")


# -- input nested thousands deep ---------------------------------------------------------

DEPTH = 2000


def test_notes_file_nested_thousands_deep_is_a_broken_notes_file(library, notes_dir, capsys):
    path = notes_dir / (AFP_ID + ".yaml")
    path.parent.mkdir(parents=True)
    deep = f"schema_version: 1\nstar: '*'\nextra: {'[' * DEPTH}{']' * DEPTH}\n"
    path.write_text(deep)
    assert annotate(library, "Palm Beach") == 2
    one_line_error(capsys, f"{path}:3:", "nested")
    assert main(["notes", str(library)]) == 2  # notes it could not read
    err = capsys.readouterr().err
    assert f"{path}:3:" in err.splitlines()[0] and "Traceback" not in err
    assert path.read_text() == deep


def test_config_nested_thousands_deep_is_told_and_defaults_used(library, capsys):
    config = Path(os.environ["READER_CONFIG_DIR"]) / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(f"theme: '*'\nkeymap: {'{a: ' * DEPTH}1{'}' * DEPTH}\n")
    assert main(["notes", "--where"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"reader: config: {config}:2: nested") and err.count("\n") == 1


@pytest.mark.parametrize("kind", ["front matter", "html"])
def test_article_nested_thousands_deep_still_shows_or_is_refused_in_one_line(
    tmp_path, capsys, kind
):
    if kind == "html":
        path = tmp_path / "deep.html"
        body = "<div>" * DEPTH + "<p>The body of the story, deep inside.</p>" + "</div>" * DEPTH
        path.write_text(f"<html><head><title>Deep</title></head><body>{body}</body></html>")
    else:
        path = tmp_path / "deep.md"
        nested = "[" * DEPTH + "]" * DEPTH
        path.write_text(f"---\ntitle: '*'\nx: {nested}\n---\n# Deep\n\nThe body of the story.\n")
    code = main(["show", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if code == 0:
        assert "body of the story" in out
    else:
        assert code == 2 and err.count("\n") == 1


def test_notes_file_of_a_sequence_sixty_thousand_deep_does_not_kill_reader(library, notes_dir):
    """libyaml builds nested sequences recursively in C: this one used to overflow the
    stack and kill the process with a segmentation fault."""
    path = notes_dir / (AFP_ID + ".yaml")
    path.parent.mkdir(parents=True)
    deep = "schema_version: 1\nextra:\n" + "- " * 60_000 + "1\n"
    path.write_text(deep)
    result = subprocess.run(
        [sys.executable, "-m", "reader", "notes", str(library)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr  # notes it could not read, said
    assert f"{path}:3: not valid YAML: nested more than 100 levels deep" in result.stderr
    assert path.read_text() == deep


@pytest.mark.parametrize(
    "args",
    [
        ("list", "LIB"),
        ("search", "nato", "LIB"),
        ("show", AFP_ID, "--library", "LIB"),
        ("compare", AFP_ID, "Unattributed/nato-chief-meets-trump.txt", "--library", "LIB"),
        ("related", AFP_ID, "--library", "LIB"),
    ],
    ids=lambda a: a[0],
)
def test_output_into_a_closed_pipe_ends_quietly_with_status_0(library, args):
    """`reader compare A B | head -1`: the reader of the output went away, no error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before anything is written: every write meets EPIPE
    argv = [str(library) if a == "LIB" else a for a in args]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


def test_the_app_without_a_terminal_says_so_in_one_line_and_exits_2(library):
    """`reader </dev/null >out`: no full-screen app writing escape codes forever."""
    import pty

    main_end, other_end = pty.openpty()  # a terminal for stdin alone: stdout is not one
    try:
        for stdin in (subprocess.DEVNULL, other_end):
            done = subprocess.run(
                [sys.executable, "-m", "reader", str(library)],
                stdin=stdin,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 2 and done.stdout == ""
            assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr
            assert "reader list" in done.stderr and "\x1b" not in done.stderr
    finally:
        os.close(main_end)
        os.close(other_end)
