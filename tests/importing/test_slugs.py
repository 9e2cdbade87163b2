"""A page's file name made from its title: safe on every system whatever the title."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from reader.importing.inbox import slug_of


@given(st.text(max_size=300))
@example("\x1b[31mred\x1b[0m")
@example("ΐ हिन्दी")
def test_a_slug_is_a_safe_file_name_whatever_the_title(title):
    slug = slug_of(title)
    assert 0 < len(slug) <= 60 and len((slug + "-99.html").encode()) <= 255
    assert slug == slug.strip("-.") and slug not in (".", "..")
    assert unicodedata.is_normalized("NFC", slug)
    assert all(unicodedata.category(c)[0] in "LNM" or c == "-" for c in slug), slug
