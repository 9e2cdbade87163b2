"""Chinese, Japanese and Korean words in the index: their runs of letters as pairs.

These scripts write words without spaces between them, and unicode61 takes a whole run
between punctuation as one word, found only whole. The text given to the index has each
run of ideographs, kana or Hangul as its overlapping pairs of letters and its last letter
alone ("東京で" → "東京 京で で"), and a query's run becomes the phrase of its pairs:
found wherever it stands in a run. Text without these letters is indexed as it is.
"""

from __future__ import annotations

import re

from reader.text.scripts import CJK, compiled

RUN = f"[{CJK}]+"  # a run of CJK letters (a pattern compiled on first use, see `compiled`)
# One such letter: a text is searched for it five times as fast as for a run.
_ONE = f"[{CJK}]"
# Every such letter is from U+1100 on, and none is among the punctuation and symbols of
# U+2000-U+2FFF (the quotes and dashes of most texts): a text without a letter of this
# class has none, found without compiling the class of 40,000 (a third of the time).
_MAYBE = re.compile("[^\x00-\u10ff\u2000-\u2fff]")
_WORD_AFTER = re.compile(r"[^\W_]")


def has_cjk(text: str) -> bool:
    """Whether text holds an ideograph, a kana or a Hangul letter."""
    return (
        not text.isascii()
        and _MAYBE.search(text) is not None
        and compiled(_ONE).search(text) is not None
    )


def _pairs(run: str) -> str:
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def indexed(text: str) -> str:
    """text as the index takes it: each run of CJK letters as its pairs and its last
    letter, apart from the words around it."""
    if not has_cjk(text):
        return text
    return compiled(RUN).sub(lambda m: f" {_pairs(m[0])} {m[0][-1]} ".replace("  ", " "), text)


def searched(text: str) -> tuple[str, bool]:
    """A query's word or phrase as the index holds it (see `indexed`), and whether its
    last word is to be a prefix: a run is the phrase of its pairs, followed by its last
    letter when more words follow it (the run ends there); a query's last run of one
    letter is that letter as a prefix (the first of a pair, or alone at a run's end)."""
    if not has_cjk(text):
        return text, False
    out: list[str] = []
    pos = 0
    open_end = False
    for match in compiled(RUN).finditer(text):
        run = match[0]
        last = _WORD_AFTER.search(text, match.end()) is None
        out += [text[pos : match.start()], " "]
        if len(run) > 1:
            out += [_pairs(run), " "]
        if not last or len(run) == 1:
            out += [run[-1], " "]
        open_end = last and len(run) == 1
        pos = match.end()
    out.append(text[pos:])
    return "".join(out), open_end
