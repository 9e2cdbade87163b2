"""Characters a key types that Textual does not count as printable."""

from __future__ import annotations

import unicodedata

from textual import events

# Format characters (joiners, ZWNJ, bidi marks and controls), spaces other than the
# ASCII one (no-break, ideographic) and private-use letters: part of emoji and of
# scripts (Persian and Indic words take ZWNJ), typed on purpose.
_KEPT = frozenset(("Cf", "Zs", "Co"))


def format_character(event: events.Key) -> str | None:
    """The character `event` types when Textual would drop it as not printable."""
    char = event.character
    if char is None or len(char) != 1 or event.is_printable:
        return None
    return char if unicodedata.category(char) in _KEPT else None
