"""Right-to-left marks (LRM, RLM, ALM) are common in Hebrew and Arabic pages and harmless:
they show as nothing, not as "�", on the command line, in the app and in search results,
and a note's quote holding one (or leaving one out) still finds its passage. The bidi
controls that can reorder text (embeddings, overrides, isolates) still show as "�"."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from reader.cli import main as cli_main
from reader.config import Config
from reader.ingest.formats import load_article
from reader.notes.anchoring import AnchorStatus, find_quote, make_target, reanchor
from reader.text.find import FoldedText
from reader.tui.app import ReaderApp
from tests.test_hostile import leaks, screen_text, terminal_output
from tests.tui.conftest import settle

LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
HEBREW = f"המחיר הוא 100{RLM}$ לכל אחד"
ARABIC = f"فقرة{RLM} أولى{ALM} من النص، و{LRM}HTML{LRM} أيضا"
ARTICLE = (
    "Marks of direction\n\n"
    f"A price in Hebrew: {HEBREW}, as the page wrote it.\n\n"
    f"A paragraph in Arabic: {ARABIC}, with more words after it.\n\n"
    "An override \u202eevil\u202c still shows as a stand-in.\n"
)


def seen(text: str) -> str:
    """What a reader sees of `text`: format characters (zero-width, marks) take no cell."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@pytest.fixture
def rtl_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / "rtl.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_prints_right_to_left_marks_as_nothing(rtl_library, capsys):
    code, out, _ = run_cli(capsys, "show", "rtl.txt", "--library", str(rtl_library))
    assert code == 0
    assert seen(HEBREW) in seen(out) and "100$" in seen(out)
    assert seen(ARABIC) in seen(out)
    assert "\ufffdevil\ufffd" in out and out.count("\ufffd") == 2  # the override stays
    assert not leaks(out)


def test_search_snippets_show_right_to_left_marks_as_nothing(rtl_library, capsys):
    code, out, _ = run_cli(capsys, "search", "فقرة", "--library", str(rtl_library))
    assert code == 0
    assert "فقرة أولى من النص" in seen(out)
    assert out.count("\ufffd") == 2 and not leaks(out)  # the override and its end only


async def test_the_app_shows_right_to_left_marks_as_nothing(rtl_library):
    app = ReaderApp(rtl_library, config=Config(), config_problems=[])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.main.open_article("rtl.txt")
        await settle(pilot)
        screen = "\n".join(seen(line) for line in screen_text(app))
        assert seen(HEBREW) in screen and seen(ARABIC) in screen
        assert screen.count("\ufffd") == 2  # the override and its end only
        assert not leaks(terminal_output(app))


def test_find_passes_over_right_to_left_marks():
    text = f"x {HEBREW} y"
    assert [text[s:e] for s, e in FoldedText(text).find_all("100$")] == [f"100{RLM}$"]


def test_a_quote_with_a_right_to_left_mark_anchors(tmp_path: Path):
    path = tmp_path / "rtl.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    text = load_article(path, tmp_path).text
    start = text.index("100")
    target = make_target(text, start, start + len(f"100{RLM}$ לכל"))
    assert RLM in target.exact
    assert reanchor(text, target).status == AnchorStatus.EXACT
    # The page saved again without its marks, or with them: the note still finds its place.
    plain = text.replace(RLM, "")
    found = reanchor(plain, target)
    assert found.found and plain[found.start : found.end] == "100$ לכל"
    assert find_quote(text, "100$ לכל") == (start, start + len(f"100{RLM}$ לכל"))
