"""Bad input gets a one-line reason and everything else still loads; the library is never written."""

import os
from pathlib import Path

import pytest

import reader.infra.filetypes
import reader.ingest.decode
from reader.errors import ArticleError, LibraryError
from reader.ingest.formats import load_article
from reader.ingest.scan import check_root, scan
from reader.model import Skipped
from reader.search.records import Failure, Record, extract

GOOD = "A good title\n\nThis is a perfectly ordinary paragraph of an article.\n"


def make_library(root: Path) -> Path:
    (root / "ok").mkdir(parents=True)
    (root / "ok" / "good.txt").write_text(GOOD)
    return root


def loaded(root: Path, entries) -> tuple[list[Record], list[Skipped]]:
    """Files read as an index update reads them (reader.search.records.extract)."""
    results = extract(str(root), [(str(root / e.id), e[1:], None) for e in entries])
    failed = [Skipped(r.path, r.reason) for r in results if isinstance(r, Failure)]
    return [r for r in results if isinstance(r, Record)], failed


def load_all(root: Path) -> tuple[list[Record], list[Skipped]]:
    """The library scanned and every file read, with what was passed over and why."""
    entries, skipped = scan(root)
    articles, failed = loaded(root, entries)
    return articles, skipped + failed


def reasons(skipped):
    return {Path(s.path).name: s.reason for s in skipped}


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def test_latin1_file_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Caf\u00e9 cr\u00e8me\n\nUne phrase en fran\u00e7ais, tr\u00e8s ordinaire.\n".encode(
            "latin-1"
        )
    )
    article = load_article(path, tmp_path)
    assert article.title == "Café crème"
    assert "français" in article.body_text


def test_broken_utf8_shows_replacement_characters(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(
        b"Title here\n\nMostly fine text \xff\xfe with a bad byte in the middle of it.\n" * 3
    )
    article = load_article(path, tmp_path)
    assert article.title == "Title here"
    assert "Mostly fine text" in article.body_text


def test_binary_empty_and_unsupported_files_are_skipped_with_reasons(tmp_path):
    root = make_library(tmp_path / "lib")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "empty.md").write_text("")
    (root / "blank.txt").write_text("   \n\n  ")
    (root / "paper.pdf").write_bytes(b"%PDF-1.4")
    articles, skipped = load_all(root)
    assert [a.id for a in articles] == ["ok/good.txt"]
    why = reasons(skipped)
    assert why["image.txt"] == "binary file, not text"
    assert why["empty.md"] == "empty file"
    assert why["blank.txt"] == "empty file"
    assert why["paper.pdf"].startswith("not an article")
    assert all("\n" not in r for r in why.values())


def test_huge_file_is_listed_with_a_reason_not_read(tmp_path, monkeypatch):
    root = make_library(tmp_path / "lib")
    big = root / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    opened = []
    real_open = open
    monkeypatch.setattr(
        reader.ingest.decode,
        "open",
        lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k),
        raising=False,
    )
    articles, skipped = load_all(root)
    assert [a.id for a in articles] == ["ok/good.txt"]
    assert reasons(skipped)["huge.txt"].startswith("too large (21.0 MB")
    assert big not in opened


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    root = make_library(tmp_path / "lib")
    (root / "secret.txt").write_text(GOOD)
    real_open = reader.infra.filetypes.open_regular

    def guarded(path, *args, **kwargs):
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(reader.infra.filetypes, "open_regular", guarded)
    articles, skipped = load_all(root)
    assert [a.id for a in articles] == ["ok/good.txt"]
    assert reasons(skipped)["secret.txt"] == "cannot read (Permission denied)"


def test_symlink_loop_ends(tmp_path):
    root = make_library(tmp_path / "lib")
    os.symlink(root, root / "ok" / "loop")
    entries, skipped = scan(root)
    assert [e.id for e in entries] == ["ok/good.txt"]
    assert any("symlink loop" in s.reason for s in skipped)


def test_broken_symlink_is_skipped(tmp_path):
    root = make_library(tmp_path / "lib")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    entries, skipped = scan(root)
    assert [e.id for e in entries] == ["ok/good.txt"]
    assert "dangling.txt" in reasons(skipped)


def test_file_removed_mid_scan(tmp_path):
    root = make_library(tmp_path / "lib")
    (root / "gone.txt").write_text(GOOD)
    entries, _ = scan(root)
    (root / "gone.txt").unlink()
    kept, lost = loaded(root, entries)
    assert [a.id for a in kept] == ["ok/good.txt"]
    assert lost[0].reason == "file no longer exists"


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_library_that_is_not_a_folder(tmp_path, kind):
    target = tmp_path / "nope"
    if kind == "file":
        target.write_text("x")
    with pytest.raises(LibraryError) as err:
        check_root(target)
    assert str(target) in str(err.value)
    assert "\n" not in str(err.value)


def test_article_error_is_one_line(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ArticleError) as err:
        load_article(path, tmp_path)
    assert str(err.value) == f"{path}: binary file, not text"


def test_loading_never_writes_into_the_library(tmp_path):
    root = make_library(tmp_path / "lib")
    (root / "page.html").write_text(
        "<html><head><title>T</title></head><body><p>Some text here for the page body.</p></body></html>"
    )
    (root / "note.md").write_text("# N\n\nText.\n")
    before = snapshot(root)
    names_before = sorted(p.name for p in root.rglob("*"))
    load_all(root)
    assert snapshot(root) == before
    assert sorted(p.name for p in root.rglob("*")) == names_before


def test_a_file_just_over_the_size_limit_says_a_size_over_it(tmp_path):
    from reader.errors import ArticleError
    from reader.ingest.decode import MAX_BYTES, read_text

    big = tmp_path / "just-over.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ArticleError) as error:
        read_text(big)
    assert error.value.reason == "too large (20.1 MB, limit 20 MB)"
