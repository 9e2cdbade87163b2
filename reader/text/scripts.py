"""Letters of the scripts written without spaces between words, as regex class ranges."""

from __future__ import annotations

import re
from functools import cache

# Ideographs and kana (iteration marks, the prolonged sound mark, halfwidth kana).
IDEOGRAPHS_AND_KANA = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
# Hangul: syllables, jamo (compatibility, extended, halfwidth). Korean puts spaces
# between words, but not between a word and the particles that follow it.
HANGUL = "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7ff\uffa0-\uffdc"
CJK = IDEOGRAPHS_AND_KANA + HANGUL


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """`pattern`, one holding a class of these letters, compiled on first use and kept:
    the class spans some 40,000 letters and takes 1–2 ms to compile (once for each
    pattern that holds it), which a query or a text without such letters never needs."""
    return re.compile(pattern)
