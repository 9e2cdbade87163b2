"""Line shapes reader mode asks about: fast answers must be the same as the plain ones."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.cleaning import label_reason
from reader.ingest.sections import section_label
from reader.ingest.textshape import Caseless, ends_sentence

# Letters re's case-insensitive matching relates otherwise than str.lower() does.
_ODD = "İıſKµΣσςΒβϐСсТтОоВвẛﬅﬆ"
_PIECES = ["cookie", "Cookie", "SIGN UP", "sıgn up", "ſubscribe", "Kommentare", "Related", "Tags: "]
_PIECES += ["a", "B", " ", ".", ":", "3", "é", "Ü", "ß", "…", '"', "’", ")", *_ODD]
_PATTERN = r"^[\W_]*(cookie|sign\s+up|subscri\w*|kommentare|related|tags?)\b[\s:.\d]*|ü|é|ßb"


def _lines() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_lines())
def test_caseless_pattern_finds_what_re_ignorecase_finds(text: str) -> None:
    exact = re.compile(_PATTERN, re.IGNORECASE)
    fast = Caseless(_PATTERN)
    assert bool(fast.search(text)) == bool(exact.search(text))
    assert bool(fast.match(text)) == bool(exact.match(text))


_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」』）]*$|[.!?…,]["”’]\s*$|["”’][.!?]$""")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(list(".!?…。,！？\"'”’)]」』）a \n\t\u00a0")), max_size=8).map("".join)
)
def test_a_sentence_end_is_told_as_the_pattern_of_sentence_ends_tells_it(text: str) -> None:
    assert ends_sentence(text) == bool(_SENTENCE_END.search(text.rstrip()))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("RELATED POSTS", "related"),
        ("3 Kommentare", "comments"),
        ("Über den Autor", "author"),
        ("Share this:", "share"),
        ("TAGS: politics, trade", "tags"),
    ],
)
def test_section_labels_in_capitals_are_still_told(line: str, kind: str) -> None:
    assert section_label(line) == kind


def test_cookie_notice_in_capitals_is_still_a_banner() -> None:
    assert label_reason("WE USE COOKIES TO IMPROVE YOUR EXPERIENCE.") is not None
    assert label_reason("Copyright 2024 Example Media. ALL RIGHTS RESERVED.") is not None


# Openings of labels, links, credits and share rows, and of lines that are none of them.
_OPENINGS = ["Share", "ſhare", "Foto: ", "(Photo: ", "Read more", "À lire aussi", "Menu", "Zum "]
_OPENINGS += ["Inhalt", "Follow us on ", "Related: ", "3 comments", "Über den Autor", "Tags: "]
_OPENINGS += ["Weitere Artikel", "Posted in ", "Kommentar", "twitter", "Credit: ", "à", "(", "•"]
_OPENINGS += ["The ", "x", "  ", "!", "_", "9", *_ODD]


def _label_lines() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_OPENINGS + _PIECES), min_size=1, max_size=5).map("".join)


@settings(max_examples=400, deadline=None)
@given(_label_lines())
def test_section_label_tells_the_kind_the_whole_label_pattern_tells(line: str) -> None:
    from reader.ingest import sections as s

    stripped = line.strip()
    told_otherwise = s._COMMENT_HEAD.match(stripped) or s._COMMENT_FORM.search(stripped)
    if told_otherwise or s._END_MARK.match(stripped):
        return
    expected = None
    match = s._LABEL._exact.match(stripped) if stripped and len(stripped.split()) <= 12 else None
    if match is not None:
        expected = next(kind for kind in s._KINDS if match.group(kind) is not None)
    assert section_label(line) == expected


@settings(max_examples=400, deadline=None)
@given(_label_lines())
def test_lines_skipped_by_their_first_letter_never_match_the_pattern(line: str) -> None:
    from reader.ingest import cleaning as c
    from reader.ingest.textshape import may_open

    stripped = line.strip()
    bare = stripped[1:] if stripped[:1] == "(" else stripped
    for letters, patterns, text in [
        (c._LABEL_OPENERS, [c._LINK_LABEL_ALONE], stripped),
        (c._INLINE_OPENERS, [c._INLINE_VERB, c._INLINE_TITLE], stripped),
        (c._NAV_OPENERS, [c._NAV], stripped),
        (c._SOCIAL_OPENERS, [c._SOCIAL], stripped),
        (c._CREDIT_OPENERS, [c._CREDIT], bare),
    ]:
        if not may_open(text, letters):
            assert not any(p.search(stripped) for p in patterns), (patterns, stripped)
