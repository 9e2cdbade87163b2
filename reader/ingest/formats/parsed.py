"""What a format parser returns before the library turns it into an Article."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.ingest.canonical import Part
from reader.model import ArticleMeta


@dataclass(slots=True)
class Parsed(ArticleMeta):
    title: str = ""
    parts: list[Part] = field(default_factory=list)
    source: str | None = None
    ignored: list[str] = field(default_factory=list)  # see Article.ignored
    # The file has front matter: an article even with no title or text (a note template).
    front_matter: bool = False
