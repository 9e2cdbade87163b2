"""What the article view tells the screens around it.

Declared in the namespace `article_view`: they are `ArticleView.PositionChanged` and so on,
handled by `on_article_view_position_changed` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.notes.placement import Placed
    from reader.tui.article.view import ArticleView


@dataclass
class _Moved(Message, namespace="article_view"):
    """Something moved to canonical `offset` in the article `article_id`."""

    article_id: str
    offset: int


class PositionChanged(_Moved):
    """The reading position (canonical offset of the top line) moved."""


class CursorMoved(_Moved):
    """The reading cursor moved to canonical `offset` (the reading position)."""


@dataclass
class MatchMoved(Message, namespace="article_view"):
    """The current match changed: `current` is 0-based, -1 for none."""

    current: int
    total: int


@dataclass
class AnnotateRequested(Message, namespace="article_view"):
    """The reader wants to annotate text[start:end] (with a note, or highlight only)."""

    view: ArticleView
    start: int
    end: int
    with_note: bool

    @property
    def control(self) -> ArticleView:
        return self.view


@dataclass
class AnnotationAction(Message, namespace="article_view"):
    """Edit, delete or confirm the annotation under the reader's attention."""

    action: str
    annotation_id: str


@dataclass
class AnnotationFocused(Message, namespace="article_view"):
    """The current annotation changed (None when there is none)."""

    placed: Placed | None
