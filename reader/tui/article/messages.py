"""What the article view tells the screens around it.

Declared in the namespace `article_view`: they are `ArticleView.PositionChanged` and so on,
handled by `on_article_view_position_changed` and so on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.notes.placement import Placed
    from reader.tui.article.view import ArticleView


class PositionChanged(Message, namespace="article_view"):
    """The reading position (canonical offset of the top line) moved."""

    def __init__(self, article_id: str, offset: int) -> None:
        self.article_id = article_id
        self.offset = offset
        super().__init__()


class CursorMoved(Message, namespace="article_view"):
    """The reading cursor moved to canonical `offset` (the reading position)."""

    def __init__(self, article_id: str, offset: int) -> None:
        self.article_id = article_id
        self.offset = offset
        super().__init__()


class MatchMoved(Message, namespace="article_view"):
    """The current match changed: `current` is 0-based, -1 for none."""

    def __init__(self, current: int, total: int) -> None:
        self.current = current
        self.total = total
        super().__init__()


class AnnotateRequested(Message, namespace="article_view"):
    """The reader wants to annotate text[start:end] (with a note, or highlight only)."""

    def __init__(self, view: ArticleView, start: int, end: int, with_note: bool) -> None:
        self.view = view
        self.start = start
        self.end = end
        self.with_note = with_note
        super().__init__()

    @property
    def control(self) -> ArticleView:
        return self.view


class AnnotationAction(Message, namespace="article_view"):
    """Edit, delete or confirm the annotation under the reader's attention."""

    def __init__(self, action: str, annotation_id: str) -> None:
        self.action = action
        self.annotation_id = annotation_id
        super().__init__()


class AnnotationFocused(Message, namespace="article_view"):
    """The current annotation changed (None when there is none)."""

    def __init__(self, placed: Placed | None) -> None:
        self.placed = placed
        super().__init__()
