"""The canonical-text rule: the one place that decides what annotation offsets index."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

from reader.model import Block, BlockKind, Mark

BLOCK_SEPARATOR = "\n\n"


def normalize(text: str) -> str:
    """NFC with LF line ends; the form every stored offset and hash refers to."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class Part:
    """A block before assembly: its text and inline marks relative to that text."""

    kind: BlockKind
    text: str
    boilerplate: bool = False
    level: int = 0
    marks: list[Mark] = field(default_factory=list)
    reason: str | None = None  # why it is boilerplate, when it is
    tight: bool = False  # see Block.tight
    number: int = 0  # see Block.number
    own_marker: int = 0  # see Block.own_marker
    continued: bool = False  # see Block.continued
    indent: int = 0  # see Block.indent

    def fold(self, reason: str) -> None:
        """Mark the part as boilerplate, keeping the first reason given."""
        if not self.boilerplate or self.reason is None:
            self.reason = reason
        self.boilerplate = True


def assemble(parts: list[Part]) -> tuple[str, list[Block]]:
    """Join parts into canonical text and blocks that point into it.

    Empty parts are dropped. Each part's text is normalized; marks keep their
    offsets when normalization does not change the length, else they are dropped
    (a mark is only styling, never worth misplacing).
    """
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for part in parts:
        text = normalize(part.text).strip("\n")
        if not text.strip():
            continue
        if chunks:
            chunks.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        marks = tuple(part.marks) if len(text) == len(part.text) else ()
        reason = part.reason if part.boilerplate else None
        blocks.append(
            Block(
                part.kind,
                pos,
                pos + len(text),
                part.boilerplate,
                part.level,
                marks,
                reason=reason,
                tight=part.tight,
                number=part.number,
                own_marker=part.own_marker,
                continued=part.continued,
                indent=part.indent,
            )
        )
        chunks.append(text)
        pos += len(text)
    return "".join(chunks), blocks
