"""Overlapping annotations: painted in one sweep, looking as they did span by span."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.tui.article.colors import highlight_style
from reader.tui.article.highlight_runs import highlight_runs, runs_within

CONSOLE = Console(width=200, color_system="truecolor")
COLOURS = ("yellow", "green", "blue", "pink", "purple", "orange")
FUZZY = Style(italic=True, underline=True)
CURRENT = Style(bold=True)
MARK = Style(italic=True, color="red")  # drawn before the annotations (a link, em)
MATCH = Style(bgcolor="#ff0000", bold=False)  # drawn after them (a search match)


@dataclass(frozen=True)
class Spanned:
    start: int
    end: int
    style: Style


def cells(text: Text) -> list[tuple[str, Style]]:
    """What each character looks like once rendered."""
    return [
        (char, segment.style or Style())
        for segment in text.render(CONSOLE)
        for char in segment.text
    ]


def stylize_within(text: Text, start: int, end: int, s: int, e: int, style: Style) -> None:
    if e <= start or s >= end:
        return
    text.stylize(style, max(0, s - start), min(end, e) - start)


def painted_span_by_span(plain: str, highlights, start: int, end: int) -> Text:
    """How the article view painted a line before: a span per annotation and per overlap."""
    text = Text(plain[start:end])
    stylize_within(text, start, end, start + 1, start + 4, MARK)
    on_line = [h for h in highlights if h.start < end and h.end > start]
    for h in on_line:
        stylize_within(text, start, end, h.start, h.end, h.style)
    for i, first in enumerate(on_line):
        for second in on_line[i + 1 :]:
            if second.start < first.end:
                overlap = (max(first.start, second.start), min(first.end, second.end))
                stylize_within(text, start, end, *overlap, Style(underline=True))
    stylize_within(text, start, end, start + 2, start + 3, MATCH)
    return text


def painted_by_runs(plain: str, highlights, start: int, end: int) -> Text:
    text = Text(plain[start:end])
    stylize_within(text, start, end, start + 1, start + 4, MARK)
    runs = highlight_runs(highlights)
    ends = [run.end for run in runs]
    for run in runs_within(runs, ends, start, end):
        stylize_within(text, start, end, run.start, run.end, run.style)
    stylize_within(text, start, end, start + 2, start + 3, MATCH)
    return text


styles = st.builds(
    lambda colour, dark, fuzzy, current: (
        highlight_style(colour, dark)
        + (FUZZY if fuzzy else Style())
        + (CURRENT if current else Style())
    ),
    st.sampled_from(COLOURS[:3]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@st.composite
def lines_with_notes(draw):
    length = draw(st.integers(1, 40))
    plain = "".join(chr(ord("a") + k % 26) for k in range(length))
    notes = []
    for _ in range(draw(st.integers(0, 12))):
        s = draw(st.integers(0, length))
        e = draw(st.integers(s, length))
        notes.append(Spanned(s, e, draw(styles)))
    notes.sort(key=lambda h: (h.start, h.end))  # as the view keeps them
    start = draw(st.integers(0, length - 1))
    end = draw(st.integers(start + 1, length))
    return plain, notes, start, end


@settings(max_examples=200, deadline=None)
@given(lines_with_notes())
def test_overlapping_notes_look_as_they_did_when_painted_span_by_span(case):
    plain, notes, start, end = case
    assert cells(painted_by_runs(plain, notes, start, end)) == cells(
        painted_span_by_span(plain, notes, start, end)
    )


def test_ten_thousand_overlapping_notes_paint_one_run_per_stretch():
    """Note i covers [i, i + 100) in the i-th colour; the last note over a place wins it."""
    count, width = 10_000, 100
    current, fuzzy = 5_000, 7_000
    colours = [highlight_style(COLOURS[i % len(COLOURS)], True) for i in range(count)]
    notes = [
        Spanned(
            i,
            i + width,
            colours[i]
            + (CURRENT if i == current else Style())
            + (FUZZY if i == fuzzy else Style()),
        )
        for i in range(count)
    ]
    runs = highlight_runs(notes)

    assert runs[0].start == 0 and runs[-1].end == count - 1 + width
    assert all(a.end == b.start for a, b in pairwise(runs))
    for run in runs:
        for at in (run.start, run.end - 1):
            last = min(at, count - 1)  # the last note to start at or before `at`
            first = max(0, at - width + 1)
            style = run.style
            assert style.bgcolor == colours[last].bgcolor
            assert bool(style.underline) == (last > first or fuzzy <= at < fuzzy + width)
            assert bool(style.bold) == (current <= at < current + width)
            assert bool(style.italic) == (fuzzy <= at < fuzzy + width)


def test_ten_thousand_notes_on_one_word_paint_as_the_last_one_underlined():
    notes = [Spanned(10, 14, highlight_style(COLOURS[i % 6], False)) for i in range(10_000)]
    [run] = highlight_runs(notes)
    assert (run.start, run.end) == (10, 14)
    assert run.style == highlight_style(COLOURS[9_999 % 6], False) + Style(underline=True)


def test_a_lone_note_is_painted_in_its_colour_without_underline():
    note = Spanned(3, 8, highlight_style("green", True))
    assert highlight_runs([note]) == highlight_runs([note, Spanned(9, 9, note.style)])
    [run] = highlight_runs([note])
    assert (run.start, run.end, run.style) == (3, 8, note.style)
