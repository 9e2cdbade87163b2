"""A multi-megabyte article made on the spot: the AFP seed's story, then endless minutes."""

from __future__ import annotations

from tests.conftest import AFP_ID, BUNDLED

TITLE = "The long read: NATO, Trump and a year of the harbour board"


def long_article_text(chars: int = 2_000_000) -> str:
    """The AFP seed under another title, followed by filler paragraphs up to `chars`."""
    seed = (BUNDLED / AFP_ID).read_text(encoding="utf-8").split("\n", 1)[1]
    paragraph = " ".join(
        f"Delegates at session {{n}} of the harbour board debated item {k} until late."
        for k in range(25)
    )
    parts = [TITLE + "\n" + seed.rstrip("\n")]
    size, n = sum(len(p) for p in parts), 0
    while size < chars:
        parts.append(paragraph.replace("{n}", str(n)))
        size += len(parts[-1]) + 2
        n += 1
    return "\n\n".join(parts) + "\n"
