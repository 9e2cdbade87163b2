"""Kindle clippings of a Kindle set to another language: each clipping's kind (a
highlight, a note, a bookmark) read from its header's words in the languages known, or
from its shape in others, and a note attached to the highlight at its location."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.importing.detect import read_export
from reader.importing.records import ImportFormatError

BOOK = "Das Buch (Eine Autorin)"
SEP = "=========="


def clippings(*items: tuple[str, str]) -> str:
    return "".join(f"{BOOK}\n{header}\n\n{body}\n{SEP}\n" for header, body in items)


HEADERS = {
    "de": (
        "- Ihre Markierung auf Seite 3 | bei Position 40-42 | Hinzugefügt am Montag, 1. Januar 2024 10:00:00",
        "- Ihre Notiz auf Seite 3 | bei Position 42 | Hinzugefügt am Montag, 1. Januar 2024 10:01:00",
        "- Ihr Lesezeichen auf Seite 4 | bei Position 50 | Hinzugefügt am Montag, 1. Januar 2024 10:02:00",
    ),
    "fr": (
        "- Votre surlignement sur la page 3 | emplacement 40-42 | Ajouté le lundi 1 janvier 2024 10:00:00",
        "- Votre note sur la page 3 | emplacement 42 | Ajouté le lundi 1 janvier 2024 10:01:00",
        "- Votre signet sur la page 4 | emplacement 50 | Ajouté le lundi 1 janvier 2024 10:02:00",
    ),
    "es": (
        "- Tu subrayado en la página 3 | posición 40-42 | Añadido el lunes, 1 de enero de 2024 10:00:00",
        "- Tu nota en la página 3 | posición 42 | Añadido el lunes, 1 de enero de 2024 10:01:00",
        "- Tu marcador en la página 4 | posición 50 | Añadido el lunes, 1 de enero de 2024 10:02:00",
    ),
    "it": (
        "- La tua evidenziazione a pagina 3 | posizione 40-42 | Aggiunto in data lunedì 1 gennaio 2024 10:00:00",
        "- La tua nota a pagina 3 | posizione 42 | Aggiunto in data lunedì 1 gennaio 2024 10:01:00",
        "- Il tuo segnalibro a pagina 4 | posizione 50 | Aggiunto in data lunedì 1 gennaio 2024 10:02:00",
    ),
    "pt": (
        "- Seu destaque na página 3 | posição 40-42 | Adicionado: segunda-feira, 1 de janeiro de 2024 10:00:00",
        "- Sua nota na página 3 | posição 42 | Adicionado: segunda-feira, 1 de janeiro de 2024 10:01:00",
        "- Seu marcador na página 4 | posição 50 | Adicionado: segunda-feira, 1 de janeiro de 2024 10:02:00",
    ),
    "nl": (
        "- Uw markering op pagina 3 | locatie 40-42 | Toegevoegd op maandag 1 januari 2024 10:00:00",
        "- Uw notitie op pagina 3 | locatie 42 | Toegevoegd op maandag 1 januari 2024 10:01:00",
        "- Uw bladwijzer op pagina 4 | locatie 50 | Toegevoegd op maandag 1 januari 2024 10:02:00",
    ),
    "ja": (
        "- 3ページ|位置No. 40-42のハイライト |作成日: 2024年1月1日月曜日 10:00:00",
        "- 3ページ|位置No. 42のメモ |作成日: 2024年1月1日月曜日 10:01:00",
        "- 4ページ|位置No. 50のブックマーク |作成日: 2024年1月1日月曜日 10:02:00",
    ),
    "zh": (
        "- 您在第 3 页（位置 #40-42）的标注 | 添加于 2024年1月1日星期一 上午10:00:00",
        "- 您在第 3 页（位置 #42）的笔记 | 添加于 2024年1月1日星期一 上午10:01:00",
        "- 您在第 4 页（位置 #50）的书签 | 添加于 2024年1月1日星期一 上午10:02:00",
    ),
}


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_clippings_of_a_kindle_in_another_language_are_read(tmp_path, language):
    highlight, note, bookmark = HEADERS[language]
    path = tmp_path / "My Clippings.txt"
    path.write_text(
        "\ufeff" + clippings((highlight, "Ein Satz."), (note, "Meine Notiz."), (bookmark, "")),
        encoding="utf-8",
    )
    export = read_export(path)  # told a Kindle file by its shape
    [found] = export.highlights
    assert (found.quote, found.note) == ("Ein Satz.", "Meine Notiz.")
    assert (found.title, found.author) == ("Das Buch", "Eine Autorin")
    assert found.created == datetime(2024, 1, 1, 10, 0, tzinfo=UTC)
    assert [r.reason for r in export.rejected] == ["a bookmark, not a highlight"]


def test_a_language_not_known_is_read_by_the_clippings_shape(tmp_path):
    """A range of locations with text is a highlight, no text a bookmark; one location
    with text (a note, or a short highlight) is said not read, in one line."""
    path = tmp_path / "My Clippings.txt"
    path.write_text(
        clippings(
            ("- Sinun korostuksesi sivulla 3 | sijainti 40-42 | Lisätty 1.1.2024", "Lause."),
            ("- Sinun muistiinpanosi sivulla 3 | sijainti 42 | Lisätty 1.1.2024", "Huom."),
            ("- Sinun kirjanmerkkisi sivulla 4 | sijainti 50 | Lisätty 1.1.2024", ""),
        ),
        encoding="utf-8",
    )
    export = read_export(path, "kindle")
    assert [h.quote for h in export.highlights] == ["Lause."]
    assert [r.reason for r in export.rejected] == [
        "a clipping whose kind is not read: its header's language is not one reader knows",
        "a bookmark, not a highlight",
    ]


def test_a_clipping_without_its_header_line_is_still_refused(tmp_path):
    path = tmp_path / "My Clippings.txt"
    path.write_text(clippings((HEADERS["de"][0], "Ein Satz.")) + "Kein Kopf\n" + SEP + "\n")
    with pytest.raises(ImportFormatError, match="clipping 2: no '- Your Highlight …' line"):
        read_export(path, "kindle")


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        # A day of the month up to 12 was taken for the month, today's day for the day.
        ("Добавлено: понедельник, 4 марта 2024 г. в 21:00:00", datetime(2024, 3, 4, 21, 0)),
        ("Hinzugefügt am Montag, 4. März 2024 21:00:00", datetime(2024, 3, 4, 21, 0)),
        ("添加于 2024年3月4日星期一 上午12:05:00", datetime(2024, 3, 4, 0, 5)),  # was noon
        ("添加于 2024年3月4日星期一 下午12:05:00", datetime(2024, 3, 4, 12, 5)),
        ("作成日: 2024年3月4日月曜日 午前12:05:00", datetime(2024, 3, 4, 0, 5)),
    ],
)
def test_the_date_a_clipping_was_added_is_read_in_its_language(tmp_path, added, expected):
    path = tmp_path / "My Clippings.txt"
    header = f"- Ваш выделенный отрывок на странице 3 | позиция 40-42 | {added}"
    path.write_text(clippings((header, "Фраза.")), encoding="utf-8")
    [found] = read_export(path, "kindle").highlights
    assert found.created == expected.replace(tzinfo=UTC)


def test_a_date_whose_month_is_in_a_language_not_read_is_not_guessed(tmp_path):
    """Polish `4 marca`: no month reader reads, so the date is not read (a guess took the
    4 for April)."""
    path = tmp_path / "My Clippings.txt"
    header = "- Twoje zakreślenie na stronie 3 | lokalizacja 40-42 | Dodano: 4 marca 2024 21:00:00"
    path.write_text(clippings((header, "Zdanie.")), encoding="utf-8")
    [found] = read_export(path, "kindle").highlights
    assert found.created is None or found.created.month != 4
