"""A reading place is found again by its text in an article edited since."""

from __future__ import annotations

from reader.text.passage import passage_at, place_of

TEXT = "".join(
    f"Paragraph {n}: the river rose a little under the old bridge.\n\n" for n in range(50)
)


def test_a_place_is_found_again_after_text_was_inserted_above_it():
    offset = TEXT.index("Paragraph 30")
    passage = passage_at(TEXT, offset)
    edited = "A new opening paragraph, written later.\n\n" * 5 + TEXT
    assert place_of(edited, offset, passage) == edited.index("Paragraph 30")
    assert place_of(TEXT, offset, passage) == offset  # unchanged: where it was


def test_a_place_whose_text_is_gone_stays_at_its_offset_inside_the_text():
    offset = TEXT.index("Paragraph 30")
    passage = passage_at(TEXT, offset)
    assert place_of(TEXT.replace("river", "stream"), offset, passage) == offset
    assert place_of("short", offset, passage) == len("short")
    assert place_of(TEXT, offset, "") == offset  # (kept by an older version: no text)
