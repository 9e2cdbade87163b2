"""Quit while reading, start again: the real `reader` opens on the same article and screen."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.terminal import Terminal

SCROLLBAR = " ▁▂▃▄▅▆▇█"
AFP_TITLE = "NATO chief discusses 'global security' with Trump"


def write_daily(library: Path) -> None:
    folder = library / "Daily"
    folder.mkdir()
    for n in range(1, 8):
        paragraphs = "\n\n".join(f"Day {n}, paragraph {p}: the river rose." for p in range(60))
        (folder / f"day{n}.txt").write_text(f"Day {n} in the valley\n\n{paragraphs}\n")


def article_pane(screen: str) -> list[str]:
    """The article pane's text lines, without the reading cursor's mark and the scrollbar."""
    rows = screen.splitlines()[1:-2]  # less the search bar, the status line and the keys
    return [row.partition("▕")[2].replace("▌", " ").rstrip(SCROLLBAR) for row in rows]


def ready(term: Terminal, text: str, seen: list[str] | None = None) -> str:
    """Wait for the whole list, with the focus, and `text`; every screen seen on the way."""

    def done(screen: str) -> bool:
        if seen is not None:
            seen.append(screen)
        return "9 articles ·" in screen and "⏎ Open" in screen and text in screen

    return term.wait_until(done, what="the list and an article")


def test_quit_while_reading_the_third_article_and_start_again_on_the_same_screen(
    term, e2e_library, home
):
    write_daily(e2e_library)
    term.start_reader(e2e_library, home)
    ready(term, AFP_TITLE)
    term.press("j", "j", "j", "j", "Enter")  # past AFP's article and Daily's header
    term.wait_for("v Select")
    # Down, then back up: waited for at each end, as the cursor passes paragraph 27 on
    # its way down too, the view scrolled otherwise than where it stops.
    term.press(*["j"] * 30)
    term.wait_for("▌Day 3, paragraph 30")
    term.press("k", "k", "k")
    term.wait_for("▌Day 3, paragraph 27")
    left = term.screen()
    term.press("q")
    assert term.wait_exit() == 0

    term.kill()
    term.start_reader(e2e_library, home)
    seen: list[str] = []
    screen = ready(term, "paragraph", seen)
    assert article_pane(screen) == article_pane(left)
    # Not the first article on the way, nor the top of this one.
    assert not any(AFP_TITLE in "\n".join(article_pane(s)) for s in seen)
    assert not any("Day 3 in the valley" in "\n".join(article_pane(s)) for s in seen)
    term.press("Enter")  # the list's cursor is on it: into the article, the cursor as left
    screen = term.wait_for("v Select")
    assert screen.splitlines().index(
        next(line for line in screen.splitlines() if "▌Day 3, paragraph 27" in line)
    ) == left.splitlines().index(
        next(line for line in left.splitlines() if "▌Day 3, paragraph 27" in line)
    )
    term.press("q")
    assert term.wait_exit() == 0
