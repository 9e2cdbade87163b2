"""The notes of a library as review cards: listed, graded and suspended through the
notes store, which writes only the graded note's ``review:`` mapping."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reader.config import ReviewSettings
from reader.errors import ReviewError
from reader.infra.filetypes import read_regular
from reader.model import Article
from reader.notes.anchoring import CONTEXT
from reader.notes.merge import grades_in
from reader.notes.records import NoteRecord, NotesProblem, collect
from reader.notes.shared_ids import SharedId, shared_ids, unshared
from reader.notes.store import NoteDeleted, NotesStore, ReviewOvertaken
from reader.notes.timestamps import format_utc
from reader.review import clock
from reader.review.card import GRADES, REVIEW_KEY, BadReviewState, ReviewState, entry_time
from reader.review.clock import days_later, end_of_day, local_day
from reader.review.passage import Passage, kept_passage, passage
from reader.review.queue import ReviewItem, due_today, in_review
from reader.review.schedule import grade as schedule_grade
from reader.text.counts import plural


@dataclass(frozen=True, slots=True)
class ReviewStats:
    """Counts for `reader review --stats`."""

    due_today: int
    due_tomorrow: int
    due_this_week: int
    new: int
    suspended: int
    history: list[tuple[str, int]]  # (YYYY-MM-DD, grades that day), oldest first


class Deck:
    """Every live note of a library as a card."""

    def __init__(
        self,
        store: NotesStore,
        load_article: Callable[[str], Article | None],
        settings: ReviewSettings | None = None,
    ) -> None:
        self.store = store
        self._load_article = load_article
        self.settings = settings or ReviewSettings()
        self.problems: list[str] = []
        self._unreadable: dict[str, str] = {}  # note id -> why its review: is left out
        self._broken: list[NotesProblem] = []  # notes files that could not be read
        self.shared: list[SharedId] = []  # note ids in more than one notes file

    def items(self) -> list[ReviewItem]:
        """Every live note with its review state; notes whose state cannot be read are
        left out and named in `problems`."""
        records, problems = collect(self.store, self._load_article)
        self.problems = [_problem_line(p) for p in problems]
        self._broken = [p for p in problems if not p.shown]
        self.shared = shared_ids(records, self.store)
        items, unreadable = cards_of(records)
        self._unreadable = dict(unreadable)
        self.problems.extend(line for _, line in unreadable)
        return items

    @property
    def unread(self) -> bool:
        """Whether notes files could not be read by the last `items` (their cards left out)."""
        return bool(self._broken)

    def due(
        self, *, tags: Sequence[str] = (), limit: int | None = None, gradable: bool = False
    ) -> list[ReviewItem]:
        """Today's cards, in the order to show them; `gradable`: without those of a note
        id in more than one notes file (named in `shared`), as a grade of one is refused."""
        items = self.items()
        if gradable:
            held = {s.note_id for s in self.shared}
            items = [i for i in items if i.note_id not in held]
        cards = due_today(items, clock.now(), self.settings, tags=tags)
        return cards if limit is None else cards[:limit]

    def find(self, note_id: str) -> ReviewItem:
        """The card of a note id (or a unique prefix of one); raises ReviewError."""
        items = self.items()
        found = [i for i in items if i.note_id == note_id] or [
            i for i in items if note_id and i.note_id.startswith(note_id)
        ]
        unreadable = [line for i, line in self._unreadable.items() if i.startswith(note_id)]
        if not found and len(unreadable) == 1 and note_id:
            raise ReviewError(unreadable[0])
        if not found and note_id and self._broken:
            raise ReviewError(self._not_found_in_broken(note_id))
        if len(found) > 1 and len({i.note_id for i in found}) == 1:
            raise ReviewError(next(str(s) for s in self.shared if s.note_id == found[0].note_id))
        if len(found) != 1:
            reason = "no such note" if not found else "more than one note starts so"
            raise ReviewError(f"{note_id}: {reason}")
        return found[0]

    def _not_found_in_broken(self, note_id: str) -> str:
        """Why a note id is not found when some notes files cannot be read: the problem of
        the file that holds the id in its text, else "no such note" and the first one."""
        holding = [p for p in self._broken if note_id in _text_of(p.error.path)]
        if holding:
            return f"{note_id}: its notes file cannot be read: {holding[0].error}"
        count = len(self._broken)
        return (
            f"{note_id}: no such note among those that can be read "
            f"({plural(count, 'notes file')} cannot be: {self._broken[0].error})"
        )

    def grade(self, item: ReviewItem, grade_name: str) -> ReviewState:
        """Grade a card now and save its new state; raises ReviewError for a bad grade,
        NotesFileError, NotesLockedError or OSError when it cannot be saved."""
        state = graded(item, grade_name)
        self.save(item, state)
        return state

    def suspend(self, item: ReviewItem) -> ReviewState:
        """Leave a card out of the Review for good (its note stays); saved as a grade is,
        merged with the review on disk (see `later_review`): a grade given since stays."""
        state = item.state.suspend(clock.now())
        self.save(item, state)
        return state

    def resume(self, item: ReviewItem) -> ReviewState:
        """Bring a suspended card back into the Review, its schedule as it was."""
        state = item.state.resume(clock.now())
        self.save(item, state)
        return state

    def passage(self, item: ReviewItem) -> Passage:
        """The card's passage with a sentence each side (from the note alone when orphaned)."""
        record = item.record
        article = None if item.orphaned else self._load_article(item.article_id)
        if article is None:
            target = record.annotation.target
            return kept_passage(target.prefix, target.exact, target.suffix, CONTEXT)
        return passage(article.text, record.start, record.end, _block_span(article, record))

    def stats(self, *, tags: Sequence[str] = ()) -> ReviewStats:
        """Due today, due within seven days, and grades per day, of the cards `due` chooses
        from (the config's tags and colours; `tags`, when given, in place of its tags)."""
        return review_stats(self.items(), clock.now(), self.settings, tags=tags)

    def next_due(self) -> tuple[str, int]:
        """The first day after today with cards due, and how many (see `next_due`)."""
        items = in_review(self.items(), self.settings)
        return next_due([i.state for i in items], clock.now())

    def restore(self, item: ReviewItem, what: str = "grade") -> None:
        """Put back the card's ``review:`` mapping as the note had it when the card was
        read (none at all for a card never reviewed): a grade or (`what` "suspend") a
        suspend undone. Refused (ReviewError) when the card was graded elsewhere since."""
        try:
            self.store.restore_review(
                item.article_id,
                item.note_id,
                item.record.annotation.extra.get(REVIEW_KEY),
                grades_allowed=undo_allowance(item, what),
            )
        except ReviewOvertaken as error:
            raise ReviewError(f"{error}; that grade is kept") from None
        except NoteDeleted:
            raise CardDeleted(item.note_id) from None
        except KeyError:
            raise ReviewError(f"{item.note_id}: the note is gone") from None

    def save(self, item: ReviewItem, state: ReviewState) -> None:
        """Write a card's new state into its note (only its ``review:`` mapping); raises
        CardDeleted when the note was deleted since the card was read."""
        try:
            self.store.set_review(item.article_id, item.note_id, state.to_mapping())
        except NoteDeleted:
            raise CardDeleted(item.note_id) from None
        except KeyError:
            raise ReviewError(f"{item.note_id}: the note is gone") from None


class CardDeleted(ReviewError):
    """A card whose note was deleted since it was read: it leaves the Review."""

    def __init__(self, note_id: str) -> None:
        super().__init__(f"{note_id}: the note was deleted")


def undo_allowance(item: ReviewItem, what: str) -> int:
    """How many grades the card's review may hold for an undo of `what` (a grade's name,
    or "suspend") to go ahead: those it had when read, and the one being undone."""
    return grades_in(item.record.annotation.extra.get(REVIEW_KEY)) + (what != "suspend")


def graded(item: ReviewItem, grade_name: str) -> ReviewState:
    """The card's state after a grade given now (nothing saved); ReviewError for a bad
    grade, or for a clock behind the card's last review: such a grade would be merged in
    under the later one (see `later_review`), its schedule never the one written."""
    if grade_name not in GRADES:
        raise ReviewError(f"{grade_name}: a grade is one of {', '.join(GRADES)}")
    now, last = clock.now(), item.state.last_review
    if last is not None and now < last:
        raise ReviewError(
            f"{item.note_id[:8]}: not graded: the time now ({format_utc(now)}) is before "
            f"the card's last review ({format_utc(last)})"
        )
    try:
        return schedule_grade(item.state, grade_name, now)
    except OverflowError:  # only a clock set within a century of the calendar's end
        raise ReviewError(
            f"{item.note_id[:8]}: not graded: its next due date would be past the end of "
            "the calendar"
        ) from None


def cards_of(
    records: Iterable[NoteRecord],
) -> tuple[list[ReviewItem], list[tuple[str, str]]]:
    """The notes as cards, and each note whose ``review:`` cannot be read, left out: its
    id and the line saying why."""
    items: list[ReviewItem] = []
    unreadable: list[tuple[str, str]] = []
    for record in records:
        note_id = record.annotation.id
        try:
            state = ReviewState.of(record.annotation.extra)
        except BadReviewState as exc:
            unreadable.append((note_id, f"{record.article_id}: note {note_id}: {exc}"))
            continue
        items.append(ReviewItem(record, state))
    return items, unreadable


def shown_today(
    records: Iterable[NoteRecord], now: datetime, settings: ReviewSettings
) -> set[tuple[str, str]]:
    """The notes among `records` that the Review shows today (as the app's
    `Deck.due(gradable=True)` lists them), by article id and note id."""
    cards, _ = cards_of(unshared(records))
    return {(c.article_id, c.note_id) for c in due_today(cards, now, settings)}


def review_stats(
    items: Sequence[ReviewItem],
    now: datetime,
    settings: ReviewSettings,
    *,
    tags: Sequence[str] = (),
) -> ReviewStats:
    """The counts of `reader review --stats` for the cards the Review takes from `items`
    (see `in_review`) at `now`."""
    items = in_review(items, settings, tags=tags)
    tomorrow = end_of_day(days_later(now, 1))
    week = end_of_day(days_later(now, 6))
    due_now = due_today(items, now, settings, tags=tags)
    live = [i for i in items if not i.state.suspended]
    days: Counter[str] = Counter()
    for item in items:
        for entry in item.state.history:
            moment = entry_time(entry)
            if moment is not None:
                days[local_day(moment)] += 1
    # New cards come `new_per_day` a day: today's are among today's cards, and each day
    # after takes as many more (none with `new_per_day: 0`).
    new = sum(1 for i in live if i.state.is_new)
    new_today = sum(1 for i in due_now if i.state.is_new)
    per_day = max(0, settings.new_per_day)
    reviews = [i for i in live if not i.state.is_new]
    return ReviewStats(
        due_today=len(due_now),
        due_tomorrow=sum(1 for i in reviews if end_of_day(now) < (i.state.due or now) <= tomorrow)
        + min(new - new_today, per_day),
        due_this_week=sum(1 for i in reviews if i.state.is_due(week))
        + min(new, new_today + 6 * per_day),
        new=new,
        suspended=len(items) - len(live),
        history=sorted(days.items()),
    )


def next_due(states: Sequence[ReviewState], now: datetime) -> tuple[str, int]:
    """The first day after today with cards due among `states`, and how many: for the
    summary's "next due tomorrow: 5"."""
    today = local_day(now)
    days = Counter(
        local_day(s.due) for s in states if s.due is not None and not s.suspended and not s.is_new
    )
    later = sorted(d for d in days if d > today)
    return (later[0], days[later[0]]) if later else ("", 0)


def _text_of(path: str) -> str:
    """A notes file's text as far as it decodes ("" when it cannot be read)."""
    try:
        return read_regular(path).decode("utf-8", "replace")
    except OSError:
        return ""


def _problem_line(problem: NotesProblem) -> str:
    return str(problem.error)


def _block_span(article: Article, record: NoteRecord) -> tuple[int, int] | None:
    """The span of the block(s) the passage stands in, so that its context is shown
    text of the same block: never a folded block's, a heading's or another item's."""
    blocks = article.blocks
    first = next((b for b in blocks if b.start <= record.start < b.end), None)
    last = next((b for b in blocks if b.start < record.end <= b.end), None)
    if first is None or last is None:
        return None
    return first.start, last.end
