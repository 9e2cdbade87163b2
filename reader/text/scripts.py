"""Letters of the scripts written without spaces between words, as regex class ranges."""

from __future__ import annotations

# Ideographs and kana (iteration marks, the prolonged sound mark, halfwidth kana).
IDEOGRAPHS_AND_KANA = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
# Hangul: syllables, jamo (compatibility, extended, halfwidth). Korean puts spaces
# between words, but not between a word and the particles that follow it.
HANGUL = "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7ff\uffa0-\uffdc"
CJK = IDEOGRAPHS_AND_KANA + HANGUL
