"""The story features' quicker ways give what the plain definitions give: the same
features, so the same groups and scores (tests/related/test_story_groups_fixed.py)."""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.related.features import Features, _most_common, _sentence_starts
from reader.related.minhash import BINS, EMPTY, SHINGLE, signature
from reader.related.store import batch, frequency_keys
from reader.related.text import (
    STOP_WORDS,
    WORD,
    content_stems,
    content_words,
    fold,
    sentence_ends,
    sentences,
    stem,
)

_WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "omega", "zeta", "eta"]))


def _plain_signature(words: list[str]) -> list[int]:
    """Each bin's smallest value over every shingle, as MinHash is defined."""
    if len(words) < SHINGLE + 8:
        return []
    mins = [EMPTY] * BINS
    for i in range(len(words) - SHINGLE + 1):
        h = zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        slot, value = h % BINS, h // BINS
        if mins[slot] == EMPTY or value < mins[slot]:
            mins[slot] = value
    return mins


@settings(max_examples=60, deadline=None)
@given(_WORDS, st.integers(0, 500))
def test_minhash_signature_keeps_each_bins_smallest_shingle(words: list[str], n: int):
    words = [f"{w}{i % (n + 1)}" for i, w in enumerate(words * 3)]
    assert signature(words) == _plain_signature(words)


def _plain_stem(word: str) -> str:
    folded = fold(word)
    return "" if len(folded) < 3 or folded in STOP_WORDS else stem(folded)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="aAeEsSiIngdé'’ ", min_size=1, max_size=12), max_size=30))
def test_stems_of_words_seen_before_are_the_stems_computed_afresh(words: list[str]):
    twice = words + words
    assert content_stems(twice) == [s for s in map(_plain_stem, twice) if s]


_PLAIN_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["“‘(\[]?[A-Z0-9])""")
_PLAIN_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|No|vs|U\.S|U\.K|U\.N))\.$"
)


def _plain_ends(text: str) -> list[int]:
    """Each closing run of marks, then whether an abbreviation ends just before it."""
    return [
        m.end()
        for m in _PLAIN_END.finditer(text)
        if not _PLAIN_ABBREVIATION.search(text, max(0, m.start() - 4), m.start() + 1)
    ]


_END_PIECES = [
    "Mr", "Mrs", "Gen", "U.S", "U.K", "J", "A", "xA", "Tom", "vs", "No", "5", "é", "_",
    ".", ".", "..", "?!", "…", '"', "’", ")", "]", " ", " ", "  ", "\n", "(", "“", "‘",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_END_PIECES), max_size=24))
def test_sentence_ends_leave_out_an_abbreviations_full_stop_as_the_plain_check_does(pieces):
    text = "".join(pieces)
    assert sentence_ends(text) == _plain_ends(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAé\u0301ßIs9_'’- .,“\n\t\u00a0\u2028\x1c", max_size=60))
def test_content_words_read_between_spaces_are_those_of_the_whole_text(text: str):
    assert content_words(text) == content_stems(WORD.findall(text))
    assert content_words(text + " " + text) == content_stems(WORD.findall(text + " " + text))


def _plain_starts(text: str) -> set[int]:
    starts = set()
    for start, _ in sentences(text):
        match = WORD.search(text, start)
        if match:
            starts.add(match.start())
    for match in re.finditer(r"[“\"‘(:]\s*(?=[^\W\d_])", text):
        starts.add(match.end())
    return starts


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet='Ab .!?\n“”"(:Mr.U.S', max_size=80))
def test_sentence_starts_are_the_first_word_of_each_sentence(text: str):
    assert _sentence_starts(text) == _plain_starts(text)


_PLAIN_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet="aZé9_'’- .\n", max_size=40), st.integers(0, 40))
def test_words_are_letters_then_word_characters_up_to_the_last_letter_or_digit(
    text: str, start: int
):
    assert WORD.findall(text) == _PLAIN_WORD.findall(text)
    found, plain = WORD.search(text, start), _PLAIN_WORD.search(text, start)
    assert (found and found.span()) == (plain and plain.span())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet='Ab .!?\n“”"(:Mr.U.S', max_size=30), min_size=1, max_size=4))
def test_sentence_starts_of_blocks_read_together_are_those_of_each_block(blocks: list[str]):
    joined = "\n".join(blocks)
    offsets = [sum(len(b) + 1 for b in blocks[:i]) for i in range(len(blocks))]
    alone = {o + s for b, o in zip(blocks, offsets, strict=True) for s in _sentence_starts(b)}
    assert _sentence_starts(joined, offsets) == alone


def _plain_names(runs, starts, mid_caps) -> list[str]:
    """`_names` with every run, one word long or not, taken the long way."""
    from reader.related.features import _acronym, _close, _split_run, _tokens

    pieces: list[list[tuple[str, bool]]] = []
    for tokens in map(_tokens, runs):
        run: list[tuple[str, bool]] = []
        caps = [w.isupper() and len(w) > 1 for w, _ in tokens]
        for i, (word, start) in enumerate(tokens):
            shouting = caps[i] and ((i > 0 and caps[i - 1]) or (i + 1 < len(caps) and caps[i + 1]))
            if word[0].islower():
                if len(run) == 1 or (run and run[-1][0][0].islower()):
                    run.append((word, False))
                else:
                    _close(pieces, run)
                    run = []
                continue
            if shouting or (word.isupper() and not _acronym(word)):
                _close(pieces, run)
                run = []
                continue
            possessive = word.endswith(("'s", "’s"))
            run.append((word[:-2] if possessive else word, start in starts))
            if possessive:
                _close(pieces, run)
                run = []
        _close(pieces, run)
    return [name for piece in pieces for name in _split_run(piece, mid_caps)]


_NAME_WORDS = [
    "Rutte", "NATO", "NATO's", "Mark", "Rutte’s", "Of", "of", "von", "De", "Chief", "chief",
    "Monday", "The", "Officials", "A", "READ", "MORE", "Al", "Bo", "Amara", "Okafor's", "U.S",
    "said", "told", "Von", "Della", "Bank", "England", "Prime", "Minister", "AFP", "X's", "Ng",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_NAME_WORDS), max_size=14),
    st.lists(st.sampled_from([" ", " ", ". ", ", ", ": “", "\n"]), min_size=14, max_size=14),
    st.sets(st.sampled_from(["rutte", "officials", "the", "mark", "amara", "bank"])),
)
def test_names_of_one_word_runs_are_those_of_the_long_way(words, gaps, mid_caps):
    from reader.related.features import _capital_runs, _names

    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    runs, starts = _capital_runs(text), _sentence_starts(text)
    assert _names(runs, starts, mid_caps) == _plain_names(runs, starts, mid_caps)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Rutte", "RUTTE", "rutte", "Rütte"]), min_size=1))
def test_the_name_as_written_is_the_most_common_form_the_first_of_equals(forms: list[str]):
    counts = Counter(forms)
    assert _most_common(counts) == counts.most_common(1)[0][0]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["nato", "rutte", "summit", "hague"]), st.integers(1, 5))
    )
)
def test_a_batchs_frequencies_count_each_articles_keys_once(terms: list[dict[str, int]]):
    feats = [
        Features(f"a{i}.txt", "", "", "", None, t, dict(reversed(t.items())), {}, [])
        for i, t in enumerate(terms)
    ]
    plain = Counter(key for f in feats for key in frequency_keys(f))
    assert json.loads(batch(feats).df) == dict(plain)
