"""Text cut to its rows with "…", its keys kept whole after it, at every width."""

from __future__ import annotations

import re

import pytest
from textual.content import Content

from reader.tui.cut_to_rows import fitted
from reader.tui.key_phrases import with_keys

NOTE = "✎ Where they met: Palm Beach 🇺🇦 on a Friday, a day before the statement was made public"
KEYS = ("e edit whole note", "d delete")


def shown(content: Content, width: int) -> list[str]:
    return [str(line).rstrip() for line in content.wrap(width)]


@pytest.mark.parametrize("width", range(30, 90, 6))
def test_keys_stay_whole_and_the_text_is_cut_within_the_rows(width):
    for length in range(0, len(NOTE) + 1, 5):
        note = NOTE[:length]
        lines = shown(fitted([Content(note), Content("  #nato")], KEYS, width, 3), width)
        assert len(lines) <= 3, lines
        for key in KEYS:
            assert any(key in line for line in lines), (width, lines)
        said = " ".join(lines)
        assert "#nato" in said, lines
        kept = re.split(r"…| *#nato", said)[0]
        assert " ".join(note.split()).startswith(kept), (kept, note)
        assert not any(line.endswith("·") for line in lines), lines


def test_a_line_of_keys_wraps_between_them():
    keys = ("ctrl+s save", "esc cancel", "tab next field")
    assert shown(with_keys(Content(""), keys, 41, style=""), 41) == [
        "ctrl+s save · esc cancel · tab next field"
    ]
    assert shown(with_keys(Content(""), keys, 30, style=""), 30) == [
        "ctrl+s save · esc cancel",
        "tab next field",
    ]
