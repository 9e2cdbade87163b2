"""One sitting of the Review: the cards left, what was graded, and grades not yet saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from reader.review.card import ReviewState
from reader.review.clock import local_time
from reader.review.queue import ReviewItem


@dataclass(slots=True)
class ReviewRound:
    """The cards of one sitting, in order, and its tallies."""

    cards: list[ReviewItem]
    position: int = 0
    reviewed: int = 0
    again: int = 0
    suspended: int = 0
    skipped: int = 0
    # Grades whose write failed: (card, its new state, why), kept to be written again.
    pending: list[tuple[ReviewItem, ReviewState, str]] = field(default_factory=list)
    # What was done to each card gone by, in order: a grade, "skip" or "suspend".
    done_to: list[str] = field(default_factory=list)

    @property
    def current(self) -> ReviewItem | None:
        return self.cards[self.position] if self.position < len(self.cards) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def graded(self, grade: str) -> None:
        """The current card was graded: count it and go on."""
        self.reviewed += 1
        self.again += grade == "again"
        self._went_on(grade)

    def skip(self) -> None:
        self.skipped += 1
        self._went_on("skip")

    def suspend(self) -> None:
        self.suspended += 1
        self._went_on("suspend")

    def undo(self) -> tuple[ReviewItem, str] | None:
        """Take back what was done to the last card (None when nothing was): the card is
        the current one again, and its tallies are as before. What was done is returned."""
        if not self.done_to:
            return None
        what = self.done_to.pop()
        self.position -= 1
        self._uncount(what)
        item = self.cards[self.position]
        self.pending = [p for p in self.pending if p[0] is not item]
        return item, what

    def leave_out(self, item: ReviewItem) -> None:
        """Take a card out of the sitting (its note was deleted): not counted, whether it
        was gone by or still to come, and nothing of it left to save."""
        at = next((i for i, card in enumerate(self.cards) if card is item), None)
        if at is None:
            return
        if at < self.position:
            self._uncount(self.done_to.pop(at))
            self.position -= 1
        del self.cards[at]
        self.pending = [p for p in self.pending if p[0] is not item]

    def _uncount(self, what: str) -> None:
        if what == "skip":
            self.skipped -= 1
        elif what == "suspend":
            self.suspended -= 1
        else:
            self.reviewed -= 1
            self.again -= what == "again"

    def _went_on(self, what: str) -> None:
        self.done_to.append(what)
        self.position += 1

    def summary(self, next_day: str, next_count: int, today: date) -> str:
        """ "12 reviewed · 3 again · next due tomorrow: 5"."""
        parts = [f"{self.reviewed} reviewed", f"{self.again} again"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.suspended:
            parts.append(f"{self.suspended} suspended")
        if next_day:
            tomorrow = today < date.max and next_day == (today + timedelta(days=1)).isoformat()
            when = "tomorrow" if tomorrow else next_day
            parts.append(f"next due {when}: {next_count}")
        else:
            parts.append("nothing due after today")
        return " · ".join(parts)


def local_today(moment: datetime) -> date:
    return local_time(moment).date()
