"""Today's cards: which notes take part, the daily limits, and an order that mixes articles.

Reviews due by the end of the local day come first, oldest due first, up to
`reviews_per_day` less those already graded today; then new cards, oldest note first,
up to `new_per_day` less those started today. Within each part the cards of one
article are spread out: one card from each article in turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reader.config import ReviewSettings
from reader.notes.anchoring import AnchorStatus
from reader.notes.records import NoteRecord
from reader.notes.tags import has_any_tag
from reader.notes.unplaced import UNPLACED
from reader.review.card import ReviewState, entry_time
from reader.review.clock import end_of_day, local_day


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A note as a card: the note where it stands, and its review state."""

    record: NoteRecord
    state: ReviewState

    @property
    def note_id(self) -> str:
        return self.record.annotation.id

    @property
    def article_id(self) -> str:
        return self.record.article_id

    @property
    def orphaned(self) -> bool:
        return self.record.status is AnchorStatus.ORPHANED

    @property
    def unplaced(self) -> bool:
        """An imported highlight not found in any article yet (its anchoring: orphaned)."""
        return self.record.shown_status == UNPLACED


def takes_part(item: ReviewItem, *, tags: Sequence[str] = (), colors: Sequence[str] = ()) -> bool:
    """Whether the note is in the Review: any of `tags` (all when none), any of `colors`."""
    annotation = item.record.annotation
    if tags and not has_any_tag(annotation.tags, tags):
        return False
    return not colors or annotation.color in colors


def in_review(
    items: Iterable[ReviewItem], settings: ReviewSettings, *, tags: Sequence[str] = ()
) -> list[ReviewItem]:
    """The cards the Review takes from `items`: those of the config's tags (`tags`, when
    given, in their place) and colours. Today's cards, the stats and the next day due
    all count these."""
    tags = tuple(tags) or settings.tags
    return [i for i in items if takes_part(i, tags=tags, colors=settings.colors)]


def due_today(
    items: Iterable[ReviewItem],
    now: datetime,
    settings: ReviewSettings,
    *,
    tags: Sequence[str] = (),
) -> list[ReviewItem]:
    """Today's cards in the order to show them (see the module docstring)."""
    until = end_of_day(now)
    today = local_day(now)
    chosen = in_review(items, settings, tags=tags)
    reviewed_today = sum(_graded_on(i.state, today) for i in chosen)
    started_today = sum(_started_on(i.state, today) for i in chosen)
    reviews = sorted(
        (i for i in chosen if not i.state.is_new and i.state.is_due(until)),
        key=lambda i: (i.state.due or now, i.note_id),
    )
    new = sorted(
        (i for i in chosen if i.state.is_new and not i.state.suspended),
        key=lambda i: (i.record.annotation.created, i.note_id),
    )
    reviews = reviews[: max(0, settings.reviews_per_day - reviewed_today)]
    new = new[: max(0, settings.new_per_day - started_today)]
    return mix_articles(reviews) + mix_articles(new)


def mix_articles(items: Sequence[ReviewItem]) -> list[ReviewItem]:
    """`items` dealt one article at a time, keeping each article's own order; articles
    come in the order of their first card."""
    by_article: dict[str, list[ReviewItem]] = {}
    for item in items:
        by_article.setdefault(item.article_id, []).append(item)
    piles = list(by_article.values())
    mixed: list[ReviewItem] = []
    for turn in range(max((len(p) for p in piles), default=0)):
        mixed.extend(p[turn] for p in piles if turn < len(p))
    return mixed


def _graded_on(state: ReviewState, day: str) -> int:
    """How many of the card's grades today were reviews (not its first sight)."""
    days = [t for t in (entry_time(e) for e in state.history) if t is not None]
    return sum(1 for n, t in enumerate(days) if n > 0 and local_day(t) == day)


def _started_on(state: ReviewState, day: str) -> int:
    first = entry_time(state.history[0]) if state.history else None
    return 1 if first is not None and local_day(first) == day else 0
