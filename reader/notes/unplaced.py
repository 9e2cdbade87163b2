"""Unplaced highlights: imported quotes not found in the library yet, kept as notes in
one file per service, `unplaced/<service>` (an id no article has: article ids end in
their file's suffix), listed on the Notes screen to attach later."""

from __future__ import annotations

UNPLACED = "unplaced"  # also the status lists show for such a note


def unplaced_id(service: str) -> str:
    """The notes id under which a service's unplaced highlights are kept."""
    return f"{UNPLACED}/{service}"


def is_unplaced(article_id: str) -> bool:
    """Whether an article id is that of an unplaced notes file, not of an article."""
    return article_id.startswith(UNPLACED + "/") and "." not in article_id
