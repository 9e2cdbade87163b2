"""`reader export -o` names a file it cannot write (a name too long for the filesystem, a
file where its folder should be, a read-only folder, a file that exists without
`--force`): it says so in one line at once, before any note is read or rendered."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import reader.cli.export_cmd as export_cmd
from reader.cli import main
from tests.conftest import AFP_ID
from tests.test_cli_faults import one_line_error


@pytest.fixture
def rendered(library, capsys, monkeypatch) -> list[str]:
    """A note to export; what is read or rendered for an export from now on."""
    assert main(["annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach"]) == 0
    capsys.readouterr()
    seen: list[str] = []
    for name in ("collect", "export", "export_pages"):
        real = getattr(export_cmd, name)

        def spy(*args, real=real, name=name, **kwargs):
            seen.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(export_cmd, name, spy)
    return seen


def export(library: Path, out: Path, *args: str) -> int:
    return main(["export", str(library), "-o", str(out), *args])


@pytest.mark.parametrize("fmt", ["markdown", "obsidian"])
def test_a_name_too_long_is_refused_before_the_notes_are_rendered(
    library, tmp_path, capsys, rendered, fmt
):
    out = tmp_path / ("n" * 300 + ("" if fmt == "obsidian" else ".md"))
    assert export(library, out, "--format", fmt) == 2
    one_line_error(capsys, os.strerror(errno.ENAMETOOLONG))
    assert rendered == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library"]


@pytest.mark.parametrize("fmt", ["markdown", "obsidian"])
@pytest.mark.parametrize("under", ["in", "under a missing folder in"])
def test_a_file_where_the_folder_should_be_is_refused_before_the_notes_are_rendered(
    library, tmp_path, capsys, rendered, fmt, under
):
    mine = tmp_path / "mine.txt"
    mine.write_text("mine\n")
    folder = mine / "sub" if under != "in" else mine
    out = folder / ("Reading" if fmt == "obsidian" else "notes.md")
    assert export(library, out, "--format", fmt) == 2
    if fmt == "obsidian":
        one_line_error(capsys, str(mine), os.strerror(errno.ENOTDIR))
    else:
        one_line_error(capsys, f"{mine} is not a folder")
    assert rendered == []
    assert mine.read_text() == "mine\n"


@pytest.mark.parametrize("fmt", ["markdown", "obsidian"])
def test_a_read_only_folder_is_refused_before_the_notes_are_rendered(
    library, tmp_path, capsys, rendered, monkeypatch, fmt
):
    folder = tmp_path / "shelf"
    folder.mkdir()
    real = os.access
    # (Tests run as root, whom permissions do not stop: the folder is made read-only so.)
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: Path(p) != folder and real(p, mode, **kw)
    )
    out = folder / ("Reading" if fmt == "obsidian" else "notes.md")
    assert export(library, out, "--format", fmt) == 2
    one_line_error(capsys, str(folder), os.strerror(errno.EACCES))
    assert rendered == []
    assert list(folder.iterdir()) == []


def test_a_file_that_exists_without_force_is_refused_before_the_notes_are_rendered(
    library, tmp_path, capsys, rendered
):
    out = tmp_path / "notes.md"
    out.write_text("my previous export\n")
    assert export(library, out) == 2
    one_line_error(capsys, str(out), "--force")
    assert rendered == []
    assert out.read_text() == "my previous export\n"


def test_a_missing_folder_is_made_for_a_folder_format(library, tmp_path, capsys, rendered):
    out = tmp_path / "new" / "deeper" / "Reading"
    assert export(library, out, "--format", "obsidian") == 0
    assert "Palm Beach" in "".join(p.read_text() for p in out.parent.rglob("*.md"))


def test_review_export_to_a_name_too_long_is_refused_before_the_cards_are_rendered(
    library, tmp_path, capsys, rendered, monkeypatch
):
    import reader.cli.review_cmd as review_cmd

    real = review_cmd.anki_lines
    monkeypatch.setattr(review_cmd, "anki_lines", lambda *a: rendered.append("cards") or real(*a))
    out = tmp_path / ("c" * 300 + ".txt")
    assert main(["review", str(library), "--export", "anki", "-o", str(out)]) == 2
    one_line_error(capsys, os.strerror(errno.ENAMETOOLONG))
    assert rendered == []
