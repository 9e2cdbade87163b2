"""Hostile article content is shown literally and cannot act.

Rich markup, ANSI and OSC escape sequences (colours, title changes, OSC 52 clipboard
writes, hyperlinks, cursor movement), C1 controls and bidi overrides, in article text,
titles, front matter, notes, tags and file names: on the command line (in-process, and
under a real pseudo-terminal), in the app (Pilot, reading what the app would write to
the terminal) and in a real terminal (tmux). Also: a stray NUL byte (shown as ␀) and a
binary file (skipped), a line of 100,000 characters, an article of 100,000 lines.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.content import Content

from reader.cli import main as cli_main
from reader.config import Config
from reader.ingest.formats import load_article
from reader.notes.anchoring import make_target
from reader.notes.placement import Annotations
from reader.notes.schema import Annotation, ArticleRef
from reader.notes.store import NotesStore
from reader.text.safe import visible_line
from reader.tui.app import ReaderApp
from reader.tui.article.layout import layout_article
from reader.tui.article.view import ArticleView
from tests.e2e.terminal import TMUX, Terminal, plain_attributes, reader_env, sgr_codes
from tests.tui.conftest import press_in_turn, searched, settle, typed, wait_until

# ----- the hostile content -----------------------------------------------------------------

MARKUP = "[bold red]RED[/bold red] [link=file:///etc/passwd]LINK[/link] [@click=app.quit]CLICK[/]"
ANSI = (
    "\x1b[31mANSI\x1b[0m \x1b[5mBLINK\x1b[0m \x1b[8mHIDDEN\x1b[0m "
    "\x1b[38;2;1;2;3mRGB\x1b[41mBG\x1b[0m"
)
OSC = (
    "\x1b]0;PWNED-TITLE\x07 \x1b]2;PWNED-TITLE\x1b\\ \x1b]52;c;UFdORUQ=\x07 "
    "\x1b]8;;file:///etc/passwd\x1b\\OSC8\x1b]8;;\x1b\\"
)
MOVES = "\x1b[2J\x1b[H\x1b[10A\x1b[5;5H\x1b7\x1b8\x1bc"
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200fmark"
C1 = "\x9b31m \x9d0;C1-TITLE\x9c \x7f\x08"
HOSTILE = " ".join((MARKUP, ANSI, OSC, MOVES, BIDI, C1))
ASCII_HOSTILE = " ".join((MARKUP, ANSI, OSC, MOVES))
# What must show, typed as it is (markup) or as visible stand-ins (escapes).
SHOWN = [
    "[bold red]RED[/bold red]",
    "[link=file:///etc/passwd]LINK[/link]",
    "[@click=app.quit]CLICK[/]",
    "␛[31mANSI␛[0m",
]
HOSTILE_NAME = "[bold]name\x1b]0;PWN-FILE\x07.txt"
HOSTILE_DIR = "[red]Src\x1b[31m"
NOTE = "A note " + HOSTILE
TAGS = ("[red]tag\x1b[31m", "\u202ebidi", "\x1b]52;c;eA==\x07")

_BIDI_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Anything a terminal could act on: C0 controls but newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + _BIDI_CHARS + "]")
# What Textual and rich write themselves: colours and attributes (SGR), cursor moves.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H")


def unsafe(text: str) -> list[str]:
    """Every unsafe character with a little context, for a readable failure."""
    return [repr(text[max(0, m.start() - 15) : m.end() + 15]) for m in UNSAFE.finditer(text)]


def leaks(terminal_output: str) -> list[str]:
    """What reaches a terminal beyond SGR and cursor positioning: must be nothing."""
    return unsafe(OWN_SEQUENCES.sub("", terminal_output))


def body(title: str) -> str:
    return (
        f"{title}\n\n"
        f"The body starts here. {HOSTILE} And the paragraph goes on with more words.\n\n"
        "A second paragraph is plain text, quite ordinary, and long enough to read.\n"
    )


@pytest.fixture
def hostile_library(tmp_path) -> Path:
    root = tmp_path / "hostile"
    (root / "Evil").mkdir(parents=True)
    (root / "Evil" / "hostile.txt").write_text(body(f"Title {HOSTILE}"), encoding="utf-8")
    (root / "Evil" / "front.md").write_text(
        "---\n"
        'title: "MD [bold]title[/bold] \\e]0;PWN-MD\\a \\u202e \\e[31m"\n'
        'source: "[red]MdSource\\e[31m"\n'
        'author: "[@click=app.quit]Author"\n'
        'tags: ["[blink]t", "\\e]0;x\\a"]\n'
        "---\n\n"
        f"# Heading {HOSTILE}\n\n"
        f"The body starts here. {HOSTILE} And the paragraph goes on with more words.\n\n"
        f"- item {HOSTILE}\n\n> quote {HOSTILE}\n",
        encoding="utf-8",
    )
    (root / "Evil" / "page.html").write_text(
        f"<html><head><title>HTML [bold]T[/bold] &#x1b;]0;PWN&#x7; {HOSTILE}</title></head>"
        f"<body><article><h1>Head {HOSTILE}</h1><p>The body starts here. {HOSTILE} And the "
        "paragraph goes on with more words, many more, to read like an article.</p>"
        "<p>Another paragraph with enough words to count as the main content here.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (root / HOSTILE_DIR).mkdir()
    (root / HOSTILE_DIR / HOSTILE_NAME).write_text(
        "Plain title\n\nA plain body paragraph that is long enough to read as text.\n"
    )
    (root / "Evil" / "nul.txt").write_bytes(b"Title\n\nA body with a NUL\x00 byte in it.\n")
    (root / "Evil" / f"binary{HOSTILE_NAME}").write_bytes(b"\x00\x01\x02binary")
    return root


HOSTILE_ID = "Evil/hostile.txt"
NAMED_ID = f"{HOSTILE_DIR}/{HOSTILE_NAME}"
NUL_ID = "Evil/nul.txt"


@pytest.fixture
def hostile_notes(hostile_library) -> Path:
    """Notes with hostile text and tags on the hostile article and the hostile file name."""
    annotations = Annotations(NotesStore(Path(os.environ["READER_NOTES_DIR"])))
    article = load_article(hostile_library / HOSTILE_ID, hostile_library)
    start = article.text.index("[@click")
    annotations.add(article, start, start + 40, note=NOTE, tags=TAGS, color="pink")
    named = load_article(hostile_library / NAMED_ID, hostile_library)
    annotations.add(named, 0, 11, note=f"On a file named {HOSTILE_NAME}", tags=TAGS[:1])
    return hostile_library


# ----- the command line, in-process ---------------------------------------------------------


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_stray_nul_is_shown_as_a_symbol_and_a_binary_file_is_skipped_with_a_reason(
    hostile_library, capsys
):
    code, out, err = run_cli(capsys, "list", str(hostile_library))
    assert code == 0
    assert not unsafe(out + err), unsafe(out + err)
    code, indexed, _ = run_cli(capsys, "index", str(hostile_library))
    assert "nul.txt" not in indexed  # one NUL in some text does not make it binary
    assert not unsafe(indexed), unsafe(indexed)
    code, out, _ = run_cli(capsys, "show", "Evil/nul.txt", "--library", str(hostile_library))
    assert code == 0
    assert "A body with a NUL␀ byte in it." in out
    # A file name is escaped (as it would be typed in a shell): one line, no control.
    assert "binary[bold]name\\x1b]0;PWN-FILE\\x07.txt: binary file, not text" in indexed


def test_list_shows_hostile_titles_sources_and_names_literally(hostile_notes, capsys):
    code, out, err = run_cli(capsys, "list", str(hostile_notes))
    assert code == 0
    assert not unsafe(out + err), unsafe(out + err)
    assert "Title [bold red]RED[/bold red]" in out
    assert "[red]Src␛[31m" in out  # the folder name is the source
    assert "[red]MdSource␛[31m" in out


@pytest.mark.parametrize("article", [HOSTILE_ID, "Evil/front.md", "Evil/page.html", NAMED_ID])
def test_show_prints_hostile_articles_literally(hostile_library, capsys, article):
    for extra in ([], ["--all"]):
        code, out, err = run_cli(capsys, "show", article, "--library", str(hostile_library), *extra)
        assert code == 0, err
        assert not unsafe(out + err), unsafe(out + err)
        if article != NAMED_ID:
            assert "[bold red]RED[/bold red]" in out
            assert "[@click=app.quit]CLICK[/]" in out
    if article != NAMED_ID:
        for shown in SHOWN:
            assert shown in out


def test_search_shows_hostile_hits_literally(hostile_notes, capsys):
    code, out, err = run_cli(capsys, "search", "body", str(hostile_notes))
    assert code == 0
    assert not unsafe(out + err), unsafe(out + err)
    assert "[bold red]RED[/bold red]" in out
    code, out, err = run_cli(capsys, "search", "--json", "body", str(hostile_notes))
    assert code == 0 and not unsafe(out + err)
    assert any("[bold red]" in hit["title"] for hit in json.loads(out))


def test_notes_lists_hostile_notes_tags_and_file_names_literally(hostile_notes, capsys):
    code, out, err = run_cli(capsys, "notes", str(hostile_notes))
    assert code == 0
    assert not unsafe(out + err), unsafe(out + err)
    assert "A note [bold red]RED[/bold red]" in out
    assert "#[red]tag␛[31m" in out
    # The id whole and escaped, as `list --ids` prints it and every command takes it back.
    assert "[red]Src\\x1b[31m/[bold]name\\x1b]0;PWN-FILE\\x07.txt" in out
    assert "On a file named [bold]name␛]0;PWN-FILE␇.txt" in out


def test_errors_show_hostile_file_names_literally(hostile_library, capsys):
    binary = hostile_library / "Evil" / f"binary{HOSTILE_NAME}"
    code, _, err = run_cli(capsys, "show", str(binary))
    assert code == 2
    assert "binary file, not text" in err
    assert not unsafe(err), unsafe(err)


@pytest.mark.parametrize("command", ["list", "show", "notes"])
def test_json_output_carries_no_raw_c1_or_bidi_controls(hostile_notes, capsys, command):
    args = {
        "list": ["list", "--json", str(hostile_notes)],
        "show": ["show", "--json", HOSTILE_ID, "--library", str(hostile_notes)],
        "notes": ["notes", "--json", str(hostile_notes)],
    }[command]
    code, out, _ = run_cli(capsys, *args)
    assert code == 0
    json.loads(out)  # still JSON
    assert not unsafe(out), unsafe(out)[:5]


# ----- the command line, in a real pseudo-terminal ------------------------------------------


def run_in_pty(args: list[str], timeout: float = 60.0) -> tuple[int, str]:
    """Run `reader ARGS` with stdout and stderr on a 100x30 pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    # The terminal's line discipline turns each newline into CR LF: undo that.
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def test_show_on_a_terminal_styles_but_never_passes_escapes(hostile_library):
    code, out = run_in_pty(["show", HOSTILE_ID, "--library", str(hostile_library), "--all"])
    assert code == 0, out
    assert not leaks(out), leaks(out)
    for raw in ("\x1b[38;2;1;2;3m", "\x1b[41m", "\x1b[5m", "\x1b[8m", "\x1b[31m"):
        assert raw not in out
    assert "[bold red]RED[/bold red]" in OWN_SEQUENCES.sub("", out)


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_export_to_a_terminal_never_passes_escapes(hostile_notes, fmt):
    code, out = run_in_pty(["export", str(hostile_notes), "--format", fmt])
    assert code == 0, out
    assert "A note" in out
    assert not leaks(out), leaks(out)[:5]


# ----- exports: into a file or a pipe ------------------------------------------------------

# What a file meant to be read may not hold: control characters but newline and tab.
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def raw_controls(text: str) -> list[str]:
    return [repr(text[max(0, m.start() - 15) : m.end() + 15]) for m in RAW_CONTROLS.finditer(text)]


@pytest.mark.parametrize("fmt", ["markdown", "csv", "readwise"])
def test_text_exports_into_a_pipe_show_escapes_as_symbols(hostile_notes, capsys, fmt):
    code, out, _ = run_cli(capsys, "export", str(hostile_notes), "--format", fmt)
    assert code == 0
    assert "ANSI" in out
    assert not raw_controls(out), raw_controls(out)[:5]
    assert "␛[31mANSI␛[0m" in out.replace("\\", "")


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("fmt", ["json", "hypothesis", "koreader"])
def test_json_exports_escape_every_control_and_read_back_the_same(hostile_notes, capsys, fmt):
    code, out, _ = run_cli(capsys, "export", str(hostile_notes), "--format", fmt)
    assert code == 0
    assert not unsafe(out), unsafe(out)[:5]
    assert NOTE in strings(json.loads(out))


@pytest.mark.parametrize("fmt", ["obsidian", "logseq"])
def test_pages_show_escapes_as_symbols(hostile_notes, capsys, tmp_path, fmt):
    folder = tmp_path / fmt
    code, _, err = run_cli(capsys, "export", str(hostile_notes), "--format", fmt, "-o", str(folder))
    assert code == 0, err
    pages = [page.read_text(encoding="utf-8") for page in folder.rglob("*.md")]
    assert len(pages) == 2
    text = "\n".join(pages)
    assert not raw_controls(text), raw_controls(text)[:5]
    assert "␛" in text and "ANSI" in text


def test_anki_cards_into_a_pipe_show_escapes_as_symbols(hostile_notes, capsys):
    code, out, _ = run_cli(capsys, "review", str(hostile_notes), "--export", "anki", "-o", "-")
    assert code == 0
    assert "ANSI" in out
    assert not raw_controls(out), raw_controls(out)[:5]
    assert "␛[31mANSI␛[0m" in out


# ----- the app (Pilot): what it would write to the terminal -----------------------------------


def terminal_output(app) -> str:
    """The bytes the app would write to draw its current screen (Textual's own renderer)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(console)


def screen_text(app) -> list[str]:
    """The screen as plain lines: lines[y] is screen row y."""
    rows = re.split(r"\x1b\[\d+;\d+H", terminal_output(app))[1:]  # each row starts with a move
    return [re.sub(r"\x1b\[[0-9;]*m", "", row).rstrip("\n") for row in rows]


def assert_safe(app, *shown: str) -> list[str]:
    raw = terminal_output(app)
    assert not leaks(raw), leaks(raw)[:5]
    lines = screen_text(app)
    text = "\n".join(lines)
    for item in shown:
        assert item in text, f"{item!r} is not on the screen:\n{text}"
    return lines


def make_app(root: Path) -> ReaderApp:
    return ReaderApp(root, config=Config(), config_problems=[])


async def test_app_shows_hostile_articles_titles_and_names_literally(hostile_notes):
    app = make_app(hostile_notes)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        main = app.main
        ids = [a.id for a in main.session.articles()]
        assert set(ids) == {HOSTILE_ID, "Evil/front.md", "Evil/page.html", NAMED_ID, NUL_ID}
        assert_safe(app, "1 file skipped")  # the binary one
        for article_id in ids:
            main.open_article(article_id)
            await settle(pilot)
            assert main.article is not None and main.article.id == article_id
            shown = SHOWN if article_id in (HOSTILE_ID, "Evil/front.md", "Evil/page.html") else []
            assert_safe(app, *shown)
            await press_in_turn(pilot, "b")  # boilerplate shown too
            await settle(pilot)
            assert_safe(app, *shown)
            await press_in_turn(pilot, "right_square_bracket")  # the next note, in the note panel
            await settle(pilot)
            assert_safe(app)
        main.open_article(HOSTILE_ID)
        await settle(pilot)
        await press_in_turn(pilot, "right_square_bracket")
        await settle(pilot)
        assert_safe(app, "✎ A note [bold red]RED[/bold red]")


async def test_app_search_notes_screen_and_dialog_show_hostile_text_literally(hostile_notes):
    app = make_app(hostile_notes)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"body")
        await searched(pilot)
        assert_safe(app, "Search · ")
        await press_in_turn(pilot, "escape")
        await settle(pilot)

        await press_in_turn(pilot, "A")  # the Notes screen
        await settle(pilot)
        assert_safe(app, "2 of 2", "#[red]tag␛[31m", "[@click=app.quit]CLICK[/]")

        await press_in_turn(pilot, "escape")
        await settle(pilot)
        app.main.open_article(HOSTILE_ID)
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        view.focus()
        await press_in_turn(pilot, "V", "a")  # the note dialog quotes the hostile passage
        await settle(pilot)
        assert_safe(app, "“The body starts here. [bold red]RED[/bold red]")
        await press_in_turn(pilot, "escape")
        await settle(pilot)


async def test_clicking_click_markup_in_an_article_does_nothing(hostile_library):
    app = make_app(hostile_library)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.main.open_article(HOSTILE_ID)
        await settle(pilot)
        lines = screen_text(app)
        clicks = [
            (row, line.index("CLICK[/]")) for row, line in enumerate(lines) if "[@click" in line
        ]
        assert clicks
        for row, column in clicks:
            await pilot.click(offset=(column + 1, row))
            await pilot.pause()
        assert app.is_running and app.return_code is None


def test_ascii_lines_with_controls_fit_the_reading_width(tmp_path):
    """Each control shows as a one-cell symbol, and the wrap counts it as one."""
    article = _article_from_text(
        tmp_path, f"Title\n\nThe body starts here. {ASCII_HOSTILE} End of it.\n"
    )
    for width in (40, 60, 80):
        assert_fits(article, width)


def assert_fits(article, width: int) -> None:
    for line in layout_article(article, "meta", width).lines:
        if line.is_text:
            shown = line.prefix + visible_line(article.text[line.start : line.end])
            assert cell_len(shown) <= width, (width, shown)


def _article_from_text(folder: Path, text: str):
    path = folder / "a.txt"
    path.write_text(text, encoding="utf-8")
    return load_article(path, folder)


def test_lines_with_controls_and_non_ascii_fit_the_reading_width(tmp_path):
    article = _article_from_text(
        tmp_path, f"Title\n\nThe body starts — here. {HOSTILE} End of it.\n"
    )
    for width in (40, 60, 80):
        assert_fits(article, width)


async def test_a_search_message_with_markup_is_shown_literally(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"is:[/]")
        await searched(pilot)
        assert app.is_running
        assert "unknown filter is:[/]" in "\n".join(screen_text(app))


async def test_read_only_notes_message_names_the_file_literally(hostile_library):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    broken = notes_dir / (NAMED_ID + ".yaml")
    broken.parent.mkdir(parents=True)
    broken.write_text("- a list\n- not a mapping\n")
    app = make_app(hostile_library)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        app.main.open_article(NAMED_ID)
        await settle(pilot)
        await press_in_turn(pilot, "V", "a")
        await settle(pilot)
        assert not leaks(terminal_output(app))
        [toast] = list(app.screen.query("Toast"))
        shown = toast.render()
        text = shown.plain if hasattr(shown, "plain") else str(shown)
        assert "[bold]name\\x1b]0;PWN-FILE\\x07.txt.yaml" in " ".join(text.split())


def toast_text(notification) -> str:
    """The text a toast shows for a notification, built as Textual's Toast.render does."""
    if notification.markup:
        return Content.from_markup(notification.message).plain
    return Content(notification.message).plain


def add_orphan(library: Path, quote: str) -> None:
    article = load_article(library / HOSTILE_ID, library)
    store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
    orphan = make_target(f"XX {quote} YY", 3, 3 + len(quote))
    store.add(ArticleRef.from_article(article), Annotation.new(orphan, "orphaned"))


async def test_reattach_message_with_a_closing_tag_shows_the_quote_literally(hostile_library):
    quote = "gone [/] here [/bold]"
    add_orphan(hostile_library, quote)
    app = make_app(hostile_library)
    # Without toasts on screen (a toast with bad markup crashes the app, slowly, in Pilot):
    # the message is checked as the toast would render it.
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        await press_in_turn(pilot, "r")  # re-attach the orphan: back to the article, with a message
        await settle(pilot)
        [message] = [n for n in app._notifications if "Select the new passage" in n.message]
        assert quote in toast_text(message)


async def test_reattach_message_with_click_markup_cannot_quit_the_app(hostile_library):
    quote = "[@click=app.quit]gone now[/]"
    add_orphan(hostile_library, quote)
    app = make_app(hostile_library)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        await press_in_turn(pilot, "r")
        toast = "Select the new passage"
        assert await wait_until(pilot, lambda: toast in "\n".join(screen_text(app)))
        await settle(pilot)
        lines = screen_text(app)
        row = next(i for i, line in enumerate(lines) if "Select the new passage" in line)
        column = lines[row].index("gone", lines[row].index("Select the new passage"))
        await pilot.click(offset=(column + 1, row))  # on the quote inside the message
        await pilot.pause()
        assert app.is_running
        assert quote in "\n".join(screen_text(app))


# ----- huge content ----------------------------------------------------------------------------


def test_a_line_of_100000_characters_without_spaces(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("Long line\n\n" + "x" * 100_000 + "\n\nEnd of the article.\n")
    article = load_article(path, tmp_path)
    assert "x" * 100_000 in article.text
    layout = layout_article(article, article.meta_line(), 80)
    text_lines = [line for line in layout.lines if line.is_text]
    assert all(line.end - line.start <= 80 for line in text_lines)
    assert sum(line.end - line.start for line in text_lines) >= 100_000
    code, out, _ = run_cli(capsys, "show", str(path))
    assert code == 0 and out.count("x") >= 100_000


async def test_the_app_opens_huge_articles_and_goes_to_their_end(tmp_path):
    lines = 20_000  # each its own paragraph: as many blocks, laid out in the background
    root = tmp_path / "huge"
    root.mkdir()
    (root / "long.txt").write_text("Long line\n\n" + "y" * 100_000 + "\n\nEnd of the long one.\n")
    (root / "many.txt").write_text(
        "Many lines\n\n" + "".join(f"Line {i}.\n" for i in range(lines)) + "The last line.\n"
    )
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for article_id, last in (("long.txt", "End of the long one."), ("many.txt", "The last")):
            app.main.open_article(article_id)
            await settle(pilot)
            view = app.screen.query_one(ArticleView)
            assert view.article is not None and view.article.id == article_id
            assert len(view._layout.lines) > (lines if article_id == "many.txt" else 1_000)
            await press_in_turn(pilot, "G")
            await settle(pilot)
            assert last in "\n".join(screen_text(app))
            assert_safe(app)


# ----- a real terminal (tmux) --------------------------------------------------------------------


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_a_real_terminal_gets_no_escape_from_hostile_content(hostile_notes, tmp_path):
    home = tmp_path / "tmux-home"
    home.mkdir()
    env = reader_env(home, READER_NOTES_DIR=os.environ["READER_NOTES_DIR"])
    term = Terminal(width=160, height=40)
    try:
        term.start([sys.executable, "-m", "reader", str(hostile_notes)], env)
        term.wait_until(lambda s: "5 articles ·" in s and "⏎ Open" in s, timeout=30)
        title_before = term.value("#{pane_title}")
        term.press("/")
        term.wait_for("esc To the list")
        term.type("body")
        term.wait_for("Search · ")
        term.press("Down")
        term.wait_for("⏎ Open")
        for _ in range(4):  # open every hit in turn
            term.press("Enter")
            term.wait_for("v Select")
            term.press("Escape")
            term.wait_for("⏎ Open")
            term.press("Down")
        screen = term.screen()
        colored = term.screen(escapes=True)
        # Literal text, visible stand-ins, the layout in place.
        lines = screen.splitlines()
        assert lines[0].lstrip().startswith("body")
        assert "articles ·" in lines[-2]
        assert "␛" in screen or "[bold red]" in screen
        # Nothing acted: no title change, no clipboard write, no blink, hidden text or
        # basic colours (reader draws in 24-bit colour), no 38;2;1;2;3.
        assert "PWN" not in term.value("#{pane_title}")
        assert term.value("#{pane_title}") == title_before
        assert term.tmux("list-buffers").strip() == ""
        found: set[int] = set()
        for codes in sgr_codes(colored):
            found |= plain_attributes(codes)
        assert not found & {5, 6, 8}, found
        assert not found & (set(range(30, 38)) | set(range(40, 48))), found
        assert "\x1b[38;2;1;2;3m" not in colored
        term.press("q")
        assert term.wait_exit() == 0
    finally:
        term.kill()


async def test_copying_hostile_text_copies_no_control_characters(tmp_path):
    root = tmp_path / "library"
    root.mkdir()
    (root / "copy.txt").write_text(
        "A title for copying\n\n"
        f"First \x1b[31mred\x1b[0m paragraph, a tab\there and a bell\x07, {OSC} {BIDI} {C1}.\n\n"
        "Second paragraph \x1b]52;c;UFdORUQ=\x07 of plain words.\n"
    )
    app = make_app(root)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.main.open_article("copy.txt")
        await settle(pilot)
        await press_in_turn(pilot, "V", "}", "}", "ctrl+c")  # two paragraphs, copied
        await settle(pilot)
        copied = app.clipboard
        assert "First [31mred[0m paragraph, a tab\there and a bell," in copied
        assert "\n\nSecond paragraph ]52;c;UFdORUQ= of plain words." in copied
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", copied)


def test_an_id_holding_a_newline_is_printed_escaped_by_notes_and_review(tmp_path, capsys):
    """`reader notes` and `reader review` print such an id as `list --ids` does, on one
    line and in the form every command takes back."""
    library = tmp_path / "lib"
    (library / "Odd").mkdir(parents=True)
    (library / "Odd" / "new\nline.txt").write_text(
        "A title\n\nThe body paragraph of the article, with words enough.\n", encoding="utf-8"
    )
    notes = ["--library", str(library), "--notes-dir", str(tmp_path / "notes")]
    code, _, err = run_cli(
        capsys, "annotate", "Odd/new\\nline.txt", "--quote", "body paragraph", "--note", "x", *notes
    )
    assert code == 0, err
    for command in ("notes", "review"):
        code, out, err = run_cli(capsys, command, *notes)
        assert code == 0, err
        rows = [line for line in out.splitlines() if "line.txt" in line]
        assert len(rows) == 1 and "Odd/new\\nline.txt" in rows[0], out
