"""Every status message reads whole in a narrow terminal: shorter words, the least useful
part dropped first, never a word cut without "…"."""

from __future__ import annotations

import pytest

from reader.search.results import UpdateStats
from reader.tui.widgets.status_line import StatusLine
from tests.test_hostile import screen_text
from tests.tui.conftest import settle

LONG_REASON = "Library not found: /home/someone/Documents/Saved articles from the web/2024/November"

HINT = "(see reader index)"  # the shorter way to say where the files skipped are listed

# What each message says when the window has room for it all, and the words its shorter
# forms may use besides.
MESSAGES = {
    "opening": (lambda s: s.opening(), "Opening the library…", "Opening…"),
    "updating": (lambda s: s.updating(), "Updating the index…", "Updating…"),
    "rebuilding": (lambda s: s.rebuilding(), "Rebuilding the index…", "Rebuilding…"),
    "rebuilding, how far": (
        lambda s: s.rebuilding(12_345, 123_456),
        "Rebuilding the index 12,345/123,456…",
        "Rebuilding…",
    ),
    "indexing": (lambda s: s.indexing(12_345, 123_456), "Indexing 12,345/123,456…", ""),
    "read only": (
        lambda s: s.read_only(),
        "Index read-only: searching it as it is, without updating",
        "read-only not updated",
    ),
    "busy": (
        lambda s: s.busy(),
        "Index busy with another update: searching it as it is, trying again soon",
        "Index busy: searching it as it is",
    ),
    "indexed": (
        lambda s: s.indexed(UpdateStats(added=1_234, updated=56, removed=7, skipped=3), 9),
        "Indexed: 1,234 new, 56 changed, 7 removed · 3 files skipped (reader index lists them)",
        HINT,
    ),
    "indexed, skipped": (
        lambda s: s.indexed(UpdateStats(added=2, skipped=1), 9),
        "Indexed: 2 new · 1 file skipped (reader index lists them)",
        HINT,
    ),
    "indexed, skipped, ignored": (
        lambda s: s.indexed(UpdateStats(added=2, skipped=1, ignored=2), 9),
        "Indexed: 2 new · 1 file skipped, 2 files with a bad front matter field "
        "(reader index lists them)",
        HINT,
    ),
    "up to date": (
        lambda s: s.indexed(UpdateStats(unchanged=12_345), 12_345),
        "Index up to date (12,345 articles)",
        "",
    ),
    "rebuilt": (
        lambda s: s.indexed(UpdateStats(added=12_345), 12_345, rebuilt=True),
        "Index rebuilt: 12,345 articles",
        "rebuilt",
    ),
    "rebuilt, skipped": (
        lambda s: s.indexed(UpdateStats(added=12_345, skipped=3), 12_345, rebuilt=True),
        "Index rebuilt: 12,345 articles · 3 files skipped (reader index lists them)",
        f"rebuilt {HINT}",
    ),
    "grouping": (lambda s: s.grouping(40), "Grouping stories… 40%", "Grouping…"),
    "failed": (lambda s: s.say(LONG_REASON), LONG_REASON, ""),
}
TOTALS = "12,345 articles · 12,000 unread · 1,234 notes"


def shown(app) -> tuple[str, str]:
    """The status line as the screen shows it: what the library does, and the totals."""
    status = app.screen.query_one(StatusLine)
    row = screen_text(app)[status.region.y]
    progress = app.screen.query_one("#status-progress").region
    totals = app.screen.query_one("#status-totals").region
    left = row[progress.x : progress.right].strip()
    right = row[totals.x : totals.right].strip()
    return left, right


def whole_words(part: str, full: str) -> bool:
    """Whether `part` is made of words of `full`, the last maybe followed by "…"."""
    words, known = part.split(), set(full.split())
    if words and words[-1].endswith("…") and words[-1] not in known:
        words[-1] = words[-1].removesuffix("…")
    return all(word in known for word in words)


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("name", list(MESSAGES))
async def test_every_status_message_reads_in_whole_words_at_80_and_60_columns(
    make_app, name, width
):
    say, full, shorter = MESSAGES[name]
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        status = app.screen.query_one(StatusLine)
        status.show_totals(12_345, 12_000, 1_234)
        say(status)
        await pilot.pause()
        left, right = shown(app)
        first = left.split()[0].rstrip("…:")
        assert first == full.split()[0].rstrip("…:"), left  # what it is about comes first
        if full == LONG_REASON:  # no shorter form: cut, and "…" says so
            assert left == full or (left.endswith("…") and full.startswith(left[:-1])), left
        else:  # the app's own words: shorter forms of them, never cut
            assert whole_words(left, f"{full} {shorter}"), (left, full)
            assert not left.endswith("…") or full.endswith("…"), left
        assert right and whole_words(right, TOTALS), right
        assert right.split()[:2] == ["12,345", "articles"]


@pytest.mark.parametrize(
    ("width", "said"),
    [
        (80, "Indexed: 2 new · 1 skipped (see reader index)"),
        (160, "Indexed: 2 new · 1 file skipped (reader index lists them)"),
    ],
)
async def test_files_skipped_are_said_with_where_to_see_them_at_80_and_160_columns(
    make_app, width, said
):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        status = app.screen.query_one(StatusLine)
        status.show_totals(2, 2, 0)
        status.indexed(UpdateStats(added=2, skipped=1), 2)
        await pilot.pause()
        assert shown(app) == (said, "2 articles · 2 unread · 0 notes")


async def test_the_whole_message_shows_when_the_window_has_room(make_app):
    app = make_app()
    async with app.run_test(size=(160, 24)) as pilot:
        await settle(pilot)
        status = app.screen.query_one(StatusLine)
        status.show_totals(12_345, 12_000, 1_234)
        for name, (say, full, _shorter) in MESSAGES.items():
            say(status)
            await pilot.pause()
            assert shown(app) == (full, TOTALS), name


async def test_a_front_matter_field_left_out_is_said_once_indexed(make_app, library):
    bad = library / "Notes" / "bad-date.md"
    bad.parent.mkdir()
    bad.write_text("---\ntitle: Kept title\ndate: 2024-02-30\n---\n\nA paragraph of prose.\n")
    app = make_app()
    async with app.run_test(size=(160, 24)) as pilot:
        await settle(pilot)
        left, _ = shown(app)
        assert left.endswith("1 file with a bad front matter field (reader index lists them)")
