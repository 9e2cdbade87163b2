"""The page language's stop words: guessed from the page, read from jusText's lists only
when a page needs them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.ingest.stopwords import guess_language, stop_words
from reader.ingest.textshape import words

TEXTS = {
    "English": "The council said that it would not raise the rents of the families who live in the old town, and the mayor agreed with them.",
    "German": "Der Rat sagte, dass er die Mieten der Familien in der Altstadt nicht erhöhen werde, und die Bürgermeisterin stimmte ihm zu.",
    "French": "Le conseil a dit qu'il n'augmenterait pas les loyers des familles qui vivent dans la vieille ville, et le maire était d'accord avec lui.",
    "Spanish": "El consejo dijo que no subiría los alquileres de las familias que viven en el casco antiguo, y el alcalde estuvo de acuerdo con ellos.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_page_language_is_told_from_its_common_words(language: str) -> None:
    assert guess_language(list(words(TEXTS[language]))) == language
    assert {"the", "der", "le", "el"} & stop_words(language)


def test_text_without_common_words_has_no_language() -> None:
    assert guess_language(list(words("Home News Sport Weather Login 2024 Contact"))) is None
    assert stop_words("No/Such") == frozenset()


def test_start_up_and_search_never_read_the_stop_lists() -> None:
    code = (
        "import sys, reader.cli, reader.session, reader.search.index;"
        "print('reader.ingest.stopwords' in sys.modules or 'justext' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
