"""Today's review cards; grade one, count what is due, or export the cards for Anki."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reader.cli.common import (
    add_note_filters,
    add_places,
    check_output,
    notes_session,
    output_name,
    user_config,
    write_output,
)
from reader.cli.table import write_table
from reader.errors import NotesSaveError, ReviewError
from reader.notes.timestamps import format_utc
from reader.review import clock
from reader.review.anki import anki_lines
from reader.review.card import GRADES, ReviewState, grade_named
from reader.review.deck import Deck
from reader.review.queue import ReviewItem, takes_part
from reader.text.safe import name_escaped, visible


def configure(parser: argparse.ArgumentParser) -> None:
    add_places(parser)
    parser.add_argument("--n", type=int, metavar="N", help="at most N cards")
    add_note_filters(parser, article=False)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--grade",
        nargs=2,
        metavar=("NOTE_ID", "GRADE"),
        help=f"grade one note: {'|'.join(GRADES)} or 1-4 (an id, or the start of one)",
    )
    parser.add_argument(
        "--resume", metavar="ID", help="bring a suspended card back into the Review"
    )
    parser.add_argument(
        "--stats", action="store_true", help="due today, this week, and grades per day"
    )
    parser.add_argument("--export", choices=["anki"], help="write the cards for Anki (with -o)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=output_name,
        help="the file --export writes (- is stdout)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    if args.n is not None and args.n < 1:
        # --n 0 would list nothing and say "nothing due today" while cards are due.
        raise ReviewError("--n must be 1 or more")
    if args.grade:
        grade = grade_named(args.grade[1])
        if grade is None:
            raise ReviewError(f"{args.grade[1]}: a grade is one of {', '.join(GRADES)} (or 1-4)")
        args.grade[1] = grade
    if args.resume is not None and not args.resume.strip():
        raise ReviewError("--resume needs a note's id")
    if args.export and not args.output:
        raise ReviewError("--export anki needs -o FILE (-o - writes to stdout)")
    if args.output and not args.export:
        raise ReviewError("-o needs --export anki")
    if args.export:
        check_output(args)  # before the cards are read and rendered
    if clock_problem := clock.problem():
        sys.stderr.write(f"reader: warning: {visible(clock_problem)}\n")
    session = notes_session(args)
    deck = Deck(session.annotations.store, session.article, user_config().review)
    if args.grade:
        return _grade(deck, *args.grade, as_json=args.json)
    if args.resume:
        return _resume(deck, args.resume)
    if args.stats:
        return _stats(deck, as_json=args.json, tags=args.tag)
    if args.export:
        return _export(deck, args)
    cards = deck.due(tags=args.tag, limit=args.n)
    _warn(deck)
    matched = bool(cards) or not args.tag  # as grep: 1 for a filter that matched nothing
    code = _status(deck, 0 if matched else 1)
    if args.json:
        _json([_card_json(deck, c) for c in cards])
        return code
    if not cards:
        sys.stderr.write("nothing due today" + ("\n" if matched else " with these tags\n"))
        return code
    rows = [
        (
            c.note_id[:8],
            name_escaped(c.article_id) + (f" ({c.record.shown_status})" if c.orphaned else ""),
            c.state.state,
            " ".join(c.record.quote.split()),
        )
        for c in cards
    ]
    write_table(("NOTE", "ARTICLE", "STATE", "QUOTE"), rows, limits={3: 60}, exact={1})
    return code


def _grade(deck: Deck, note_id: str, grade: str, *, as_json: bool) -> int:
    item = deck.find(note_id)
    state = _saving(deck, item, lambda: deck.grade(item, grade))
    if as_json:
        _json({"id": item.note_id, "grade": grade, **_state_json(state)})
    else:
        due = clock.local_day(state.due) if state.due else "?"
        sys.stdout.write(f"{item.note_id[:8]} {grade}: next due {due}\n")
    return 0


def _resume(deck: Deck, note_id: str) -> int:
    item = deck.find(note_id)
    if not item.state.suspended:
        sys.stderr.write(f"{item.note_id[:8]}: not suspended\n")
        return 0
    state = _saving(deck, item, lambda: deck.resume(item))
    due = clock.local_day(state.due) if state.due else "today (new)"
    sys.stdout.write(f"{item.note_id[:8]} back in the Review: due {due}\n")
    return 0


def _saving(deck: Deck, item: ReviewItem, save: Callable[[], ReviewState]) -> ReviewState:
    """Run a save of the card's state; a failed write is one line naming the notes file."""
    try:
        return save()
    except OSError as error:
        raise NotesSaveError(deck.store.path_for(item.article_id), error) from None


def _stats(deck: Deck, *, as_json: bool, tags: list[str]) -> int:
    stats = deck.stats(tags=tags)
    _warn(deck)
    if as_json:
        _json(
            {
                "due_today": stats.due_today,
                "due_tomorrow": stats.due_tomorrow,
                "due_this_week": stats.due_this_week,
                "new": stats.new,
                "suspended": stats.suspended,
                "history": [{"day": d, "reviews": n} for d, n in stats.history],
            }
        )
        return _status(deck, 0)
    out = sys.stdout
    out.write(f"due today: {stats.due_today}\n")
    out.write(f"due tomorrow: {stats.due_tomorrow}\n")
    out.write(f"due this week: {stats.due_this_week}\n")
    out.write(f"new: {stats.new} · suspended: {stats.suspended}\n")
    if stats.history:
        out.write("reviews per day:\n")
        for day, count in stats.history:
            out.write(f"  {day}  {count}\n")
    return _status(deck, 0)


def _export(deck: Deck, args: argparse.Namespace) -> int:
    items = [i for i in deck.items() if takes_part(i, tags=args.tag) and not i.state.suspended]
    _warn(deck)
    text = anki_lines((i, deck.passage(i)) for i in items)
    write_output(text, args, len(items), "card")
    return _status(deck, 1 if not items and args.tag else 0)  # as grep: a filter matched nothing


def _card_json(deck: Deck, item: ReviewItem) -> dict[str, Any]:
    """The note as `reader notes --json` gives it, with the card's passage and state."""
    record, shown = item.record, deck.passage(item)
    return {
        **record.to_json(),
        "title": record.title,
        "source": record.source,
        "before": shown.before,
        "quote": shown.quote,
        "after": shown.after,
        "orphaned": item.orphaned and not item.unplaced,
        "unplaced": item.unplaced,
        **_state_json(item.state),
    }


def _state_json(state: ReviewState) -> dict[str, Any]:
    def stamp(moment: datetime | None) -> str | None:
        return format_utc(moment) if moment else None

    return {
        "state": state.state,
        "due": stamp(state.due),
        "reps": state.reps,
        "lapses": state.lapses,
        "last_review": stamp(state.last_review),
        "suspended": state.suspended,
    }


def _warn(deck: Deck) -> None:
    for problem in [*deck.problems, *map(str, deck.shared)]:
        sys.stderr.write(f"reader: warning: {visible(problem)}\n")


def _status(deck: Deck, code: int) -> int:
    """The exit status: 2 when notes files could not be read (as `reader notes`, whose
    readable notes are shown all the same), else `code`."""
    return 2 if deck.unread else code


def _json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=True, indent=2)
    sys.stdout.write("\n")
