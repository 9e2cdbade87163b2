"""Esc and the next key sent by the terminal in one write (a fast typist, a slow link):
the Esc still acts, before the key."""

from __future__ import annotations

from tests.e2e.terminal import Terminal


def send_bytes(term: Terminal, data: bytes) -> None:
    """Write `data` to the app at once, as the terminal would."""
    term.tmux("send-keys", "-t", term.target, "-H", *(f"{b:02x}" for b in data))


def test_notes_then_esc_and_slash_in_one_write_reach_the_library_search(term, e2e_library, home):
    term.start_reader(e2e_library, home)
    term.wait_for("⏎ Open")
    send_bytes(term, b"A\x1b/")
    term.wait_gone("Filter notes")
    send_bytes(term, b"harbour")
    term.wait_for("harbour")


def test_notes_then_esc_and_j_in_one_write_leave_the_notes(term, e2e_library, home):
    term.start_reader(e2e_library, home)
    term.wait_for("⏎ Open")
    send_bytes(term, b"A\x1bj")
    term.wait_gone("Filter notes")


def test_two_articles_opened_and_left_in_one_write_are_both_read(term, tmp_path, home):
    library = tmp_path / "small"
    library.mkdir()
    for number in range(1, 6):
        (library / f"a{number}.txt").write_text(
            f"Article {number}\n\nThe body of article {number}.\n"
        )
    term.start_reader(library, home)
    term.wait_for("5 unread")
    # Esc, the next key and another Esc in one write: the first Esc is not held back
    # until the second, nor acts after the keys typed behind it.
    send_bytes(term, b"j\rG\x1bj\rG\x1bj")
    term.wait_for("3 unread")
    term.wait_for("Article 4")
