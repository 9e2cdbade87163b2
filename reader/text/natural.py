"""Natural order: "Tiny 2" before "Tiny 10", letters without regard to case."""

from __future__ import annotations

import re

_NUMBERS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[str, int, str], ...]:
    """A key sorting `text` with its numbers by value: each run of letters (case folded)
    with the number after it, compared by its count of digits, then its digits (so that
    a number of any length compares without being converted)."""
    parts = _NUMBERS.split(text.casefold())
    key = []
    for n in range(0, len(parts), 2):
        digits = parts[n + 1].lstrip("0") if n + 1 < len(parts) else ""
        has_number = n + 1 < len(parts)
        key.append((parts[n], len(digits) if has_number else -1, digits))
    return tuple(key)
