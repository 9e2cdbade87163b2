"""What the article view tells the screens around it.

Declared in the namespace `article_view`: they are `ArticleView.PositionChanged` and so on,
handled by `on_article_view_position_changed` and so on. Plain classes rather than
dataclasses: the view's module loads before the first frame, and each dataclass made
costs start-up a third of a millisecond.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from textual.message import Message

if TYPE_CHECKING:
    from reader.notes.placement import Placed
    from reader.tui.article.view import ArticleView


class _ViewMessage(Message):
    """A message of the article view: each subclass is in the `article_view` namespace."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        kwargs.setdefault("namespace", "article_view")
        super().__init_subclass__(**kwargs)


class _Moved(_ViewMessage):
    """Something moved to canonical `offset` in the article `article_id`."""

    def __init__(self, article_id: str, offset: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.offset = offset


class PositionChanged(_Moved):
    """The reading position (canonical offset of the top line) moved."""


class CursorMoved(_Moved):
    """The reading cursor moved to canonical `offset` (the reading position)."""


class MatchMoved(_ViewMessage):
    """The current match changed: `current` is 0-based, -1 for none, of `total` matches
    shown; `folded` more are in folded text, hidden."""

    def __init__(self, current: int, total: int, folded: int = 0) -> None:
        super().__init__()
        self.current = current
        self.total = total
        self.folded = folded


class AnnotateRequested(_ViewMessage):
    """The reader wants to annotate text[start:end] (with a note, or highlight only)."""

    def __init__(self, view: ArticleView, start: int, end: int, with_note: bool) -> None:
        super().__init__()
        self.view = view
        self.start = start
        self.end = end
        self.with_note = with_note

    @property
    def control(self) -> ArticleView:
        return self.view


class AnnotationAction(_ViewMessage):
    """Edit, delete or confirm the annotation under the reader's attention."""

    def __init__(self, action: Literal["edit", "delete", "confirm"], annotation_id: str) -> None:
        super().__init__()
        self.action = action
        self.annotation_id = annotation_id


class AnnotationFocused(_ViewMessage):
    """The current annotation changed (None when there is none)."""

    def __init__(self, placed: Placed | None) -> None:
        super().__init__()
        self.placed = placed
