"""A note of a megabyte on one line: the note line under the article wraps only as much
of it as its rows could show, so drawing it does not hold up the keys."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.content import Content

from reader.tui.key_phrases import rows
from reader.tui.widgets.note_panel import KEYS, KEYS_WHOLE, Said, _within

WIDTH, LIMIT = 80, 3
MOST_WRAPPED = LIMIT * WIDTH * 8  # characters: a few rows' worth, never the whole note


@pytest.fixture
def wrapped(monkeypatch) -> list[int]:
    """The length of every text wrapped while a test runs."""
    lengths: list[int] = []
    wrap = Content.wrap

    def recording(self, *args, **kwargs):
        lengths.append(len(self.plain))
        return wrap(self, *args, **kwargs)

    monkeypatch.setattr(Content, "wrap", recording)
    return lengths


@pytest.mark.parametrize(
    "note",
    [
        "word " * 20_000,  # 100,000 characters
        "長" * 100_000,  # wide characters, two cells each
        "a" + " " * 100_000 + "b",  # spaces, which a row's end swallows
        "e" + "\u0301" * 100_000,  # one letter under marks that take no room
    ],
    ids=["words", "wide", "spaces", "marks"],
)
def test_a_huge_note_is_wrapped_only_as_far_as_its_rows_go(wrapped, note):
    said = Said([Text("✎ " + note), Text("  #nato", style="italic")], KEYS, KEYS_WHOLE)
    shown = _within([said], WIDTH, LIMIT)
    assert wrapped and max(wrapped) <= MOST_WRAPPED, max(wrapped)
    # Cut where the rows run out, with "…", its tag and keys whole after it.
    assert rows(shown, WIDTH) <= LIMIT
    assert "…" in shown.plain, shown.plain[-200:]
    assert "#nato" in shown.plain
    assert shown.plain.endswith("e edit whole note · d delete")


def test_a_huge_note_and_a_warning_share_the_rows(wrapped):
    note = Said([Text("✎ " + "word " * 200_000)], KEYS, KEYS_WHOLE)
    warning = Said([Text("⚠ Check: " + "x" * 200_000)])
    lines = [line.plain for line in _within([note, warning], WIDTH, LIMIT).wrap(WIDTH)]
    assert max(wrapped) <= MOST_WRAPPED, max(wrapped)
    assert len(lines) == LIMIT, lines
    assert lines[1].endswith("e edit whole note · d delete"), lines
    assert lines[2].startswith("⚠ Check: x") and lines[2].endswith("…"), lines
