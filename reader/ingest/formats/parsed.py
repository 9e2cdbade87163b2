"""What a format parser returns before the library turns it into an Article."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.ingest.canonical import Part


@dataclass(slots=True)
class Parsed:
    title: str = ""
    parts: list[Part] = field(default_factory=list)
    source: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    subtitle: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
