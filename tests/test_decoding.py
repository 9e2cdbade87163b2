"""Telling text from binary, and reading UTF-16: real files as a library would hold them."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from reader.errors import ArticleError
from reader.ingest.formats import load_article
from tests.conftest import ROOT, cli_env

TEXT = (
    "Harbour cranes return\n\n"
    "The port authority said on Monday that the new cranes would double the number of "
    "containers handled each day at the harbour, a café owner nearby said.\n"
)


def png(width: int = 16, height: int = 16) -> bytes:
    """A real PNG image (RGBA, a gradient)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 16, y * 16, (x ^ y) * 8, 255)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def load(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return load_article(path, tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-be"),
    ],
    ids=["LE with BOM", "LE without BOM", "BE with BOM", "BE without BOM"],
)
def test_a_utf16_file_is_read_as_text(tmp_path: Path, data: bytes):
    article = load(tmp_path, "wide.txt", data)
    assert article.title == "Harbour cranes return"
    assert "a café owner nearby said." in article.body_text
    assert "\x00" not in article.text and "\ufeff" not in article.text


def test_a_utf16_file_in_another_script_is_read_as_text(tmp_path: Path):
    text = "Новости порта\n\nВ понедельник портовые власти сообщили, что новые краны удвоят число контейнеров.\n"
    article = load(tmp_path, "cyrillic.txt", text.encode("utf-16-le"))
    assert article.title == "Новости порта"


def test_one_stray_nul_byte_near_the_top_is_text_shown_as_a_symbol(tmp_path: Path):
    data = TEXT.encode("utf-8")
    data = data[:10] + b"\x00" + data[10:]
    (tmp_path / "nul.txt").write_bytes(data)
    article = load_article(tmp_path / "nul.txt", tmp_path)
    assert article.title.startswith("Harbour cr")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "show", str(tmp_path / "nul.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env({"READER_CACHE_DIR": str(tmp_path / "cache")}),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Harbour cr␀anes return" in done.stdout
    assert "\x00" not in done.stdout


def test_a_png_image_is_binary(tmp_path: Path):
    with pytest.raises(ArticleError, match="binary file, not text"):
        load(tmp_path, "picture.txt", png())


def test_a_program_is_binary(tmp_path: Path):
    program = Path(sys.executable).resolve().read_bytes()[: 64 * 1024]
    if not program.startswith(b"\x7fELF"):
        pytest.skip("the interpreter is not an ELF file here")
    with pytest.raises(ArticleError, match="binary file, not text"):
        load(tmp_path, "program.md", program)


# ----- UTF-8 with a few stray bytes ------------------------------------------------------------

FRENCH = b"Le caf\xc3\xa9 \xc3\xa9tait plein. Les gens parlaient fort et riaient. " * 5


def show(tmp_path: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "show", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env({"READER_CACHE_DIR": str(tmp_path / "cache")}),
        timeout=60,
    )


def test_utf8_article_cut_mid_character_shows_as_utf8_with_one_replacement_mark(tmp_path: Path):
    path = tmp_path / "cafe.txt"
    path.write_bytes(FRENCH + b"truncated \xe2\x82\n")
    done = show(tmp_path, path)
    assert done.returncode == 0, done.stderr
    assert "Le café était plein." in done.stdout
    assert "truncated \ufffd" in done.stdout
    assert "ﾃ" not in done.stdout


def test_utf8_article_with_one_cp1252_dash_keeps_its_curly_quotes(tmp_path: Path):
    line = "The council\u2019s decision \u2014 announced on \u201cMonday\u201d \u2014 surprised many.\n"
    article = load(tmp_path, "council.txt", line.encode() * 3 + b"It was \x96 odd.\n")
    assert (
        article.title
        == "The council\u2019s decision \u2014 announced on \u201cMonday\u201d \u2014 surprised many."
    )
    assert "It was \ufffd odd." in article.body_text


@pytest.mark.parametrize(
    "utf8, stray, shown",
    [
        (
            "The café was full of naïve tourists.",
            b"Caf\xe9 na\xefve d\xe9j\xe0 vu.",
            "Caf� na�ve d�j� vu.",
        ),
        ("Ещё одна строка.", "Ещё одна строка.".encode("cp1251"), "��� ���� ������."),
        ("Grüße aus München.", b"Gr\xfc\xdfe aus M\xfcnchen.", "Gr��e aus M�nchen."),
    ],
    ids=["French", "Russian", "German"],
)
def test_utf8_text_with_as_many_stray_bytes_in_another_paragraph_stays_utf8(
    tmp_path: Path, utf8: str, stray: bytes, shown: str
):
    data = b"Mixed\n\n" + utf8.encode() + b"\n\n" + stray + b"\n"
    assert load(tmp_path, "mixed.txt", data).body_text.split("\n\n") == [utf8, shown]


def test_latin1_text_with_one_utf8_word_reads_as_latin1(tmp_path: Path):
    latin = b"Le caf\xe9 \xe9tait plein, d\xe9j\xe0 \xe0 midi. Les gar\xe7ons couraient.\n"
    article = load(tmp_path, "latin.txt", b"Le caf\xe9\n\n" + latin * 3 + "Noël\n".encode())
    assert article.title == "Le café"
    assert "Le café était plein, déjà à midi. Les garçons couraient." in article.body_text


def test_short_latin1_article_reads_as_latin1_not_a_baltic_code_page(tmp_path: Path):
    line = b"The review of the caf\xe9 was written by a na\xefve critic who liked everything.\n"
    article = load(tmp_path, "latin.txt", b"Caf\xe9 na\xefve title\n\n" + line * 2)
    assert article.title == "Café naïve title"
    assert "a naïve critic" in article.body_text


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("北京市政府周一宣布，将在未来两年内新建三十个公园。市民对此表示欢迎。", "gbk"),
        ("Городские власти объявили в понедельник, что построят тридцать парков.", "cp1251"),
        ("Zażółć gęślą jaźń. Mały kot śpi na ławce w parku.", "cp1250"),
    ],
)
def test_text_in_a_legacy_encoding_is_still_detected(tmp_path: Path, text: str, encoding: str):
    article = load(tmp_path, "legacy.txt", (text + "\n\n" + text + "\n").encode(encoding))
    assert article.title == text


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp"])
def test_a_japanese_article_in_a_legacy_encoding_is_still_detected(tmp_path: Path, encoding: str):
    text = (ROOT / "tests" / "cjk" / "kyoto_autumn.txt").read_text(encoding="utf-8")
    article = load(tmp_path, "kyoto.txt", text.encode(encoding))
    assert article.text == load(tmp_path, "kyoto-utf8.txt", text.encode()).text


# ----- short texts in legacy code pages ----------------------------------------------------------

# One or two sentences in the code page their language was usually saved in.
LEGACY_SENTENCES = {
    "fr": ("cp1252", "Le maître d'hôtel a préféré fermer la fenêtre. Noël approche déjà."),
    "fr-latin1": ("latin-1", "Garçon, crème brûlée, señor, naïve façade déjà"),
    "de": (
        "cp1252",
        "Die Bürger müssen sich über höhere Gebühren ärgern. Außerdem schließt das Bad.",
    ),
    "es": ("cp1252", "El señor Muñoz llegó tarde a la reunión. ¿Quién pagará la cuenta?"),
    "pt": ("cp1252", "A eleição não foi fácil. As negociações começarão amanhã à tarde."),
    "pt-latin1": ("latin-1", "A eleição não terminou e a população está à espera."),
    "it": (
        "cp1252",
        "La città è più tranquilla perché molti sono già partiti. Però il caffè è aperto.",
    ),
    "nl": ("cp1252", "Het café aan de overkant is open. De ideeën worden één voor één besproken."),
    "sv": ("cp1252", "Människorna på ön väntade på färjan. Det blev en lång och kall väntan."),
    "da": ("cp1252", "Børnene på skolen spiste æbler og pærer. Vejret i går var køligt."),
    "fi": ("cp1252", "Hyvää päivää! Sää on tänään kylmä, mutta järvellä näkyy jo jäätä."),
    "pl": (
        "cp1250",
        "Wczoraj w Łodzi padał śnieg. Władze miasta ogłosiły, że szkoły będą zamknięte.",
    ),
    "cs": ("cp1250", "Včera večer pršelo v celé České republice. Řidiči musí být opatrní."),
    "ru": (
        "cp1251",
        "Городские власти объявили в понедельник, что построят тридцать новых парков.",
    ),
    "el": ("cp1253", "Η κυβέρνηση ανακοίνωσε χθες νέα μέτρα. Οι πολίτες περιμένουν αλλαγές."),
    "tr": (
        "cp1254",
        "Belediye başkanı dün yeni bir köprü açıkladı. Şehirde yaşayanlar çok memnun.",
    ),
    "lt": (
        "cp1257",
        "Vakar Vilniuje lijo visą dieną, todėl žmonės liko namuose. Šiandien bus šilčiau.",
    ),
}


@pytest.mark.parametrize("language", LEGACY_SENTENCES)
def test_a_short_text_in_its_usual_code_page_reads_as_written(tmp_path: Path, language: str):
    encoding, text = LEGACY_SENTENCES[language]
    one_line = load(tmp_path, "line.txt", (text + "\n").encode(encoding))
    assert one_line.text == text
    titled = load(tmp_path, "titled.txt", (text + "\n\n" + text + "\n").encode(encoding))
    assert (titled.title, titled.body_text) == (text, text)


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Noël", "latin-1"),
        ("Ação", "latin-1"),
        ("Přečti si to.", "cp1250"),
        ("Teşekkür ederim.", "cp1254"),
        ("Привет", "cp1251"),
        ("Öl", "cp1252"),
    ],
)
def test_a_word_or_two_is_not_taken_for_chinese_or_japanese(
    tmp_path: Path, text: str, encoding: str
):
    assert load(tmp_path, "short.txt", (text + "\n").encode(encoding)).text == text


def test_a_text_the_detector_makes_nothing_of_still_reads_in_its_code_page(tmp_path: Path):
    text = "Zażółć gęślą jaźń. " * 40
    assert load(tmp_path, "pangram.txt", text.encode("cp1250")).text == text.strip()


# ----- short texts in Chinese, Japanese and Korean ----------------------------------------------

# Each read as written before the code pages were chosen by their letters, and must still.
SHORT_CJK = {
    "half-width katakana": ("shift_jis", "ｺﾝﾆﾁﾊ ｾｶｲ ｱﾘｶﾞﾄｳ ｺﾞｻﾞｲﾏｽ " * 5),
    "half-width katakana, a line": ("shift_jis", "ｺﾝﾆﾁﾊ ｾｶｲ ｱﾘｶﾞﾄｳ ｺﾞｻﾞｲﾏｽ"),
    "half-width katakana, two words": ("shift_jis", "ｺﾝﾆﾁﾊ ｾｶｲ"),
    "half-width katakana, one word": ("shift_jis", "ﾃｽﾄ"),
    "half-width katakana, vowels": ("shift_jis", "ｱｲｳｴｵ"),
    "hiragana and signs": ("shift_jis", "こんにちは、せかい。ありがとうございます。"),
    "hiragana": ("shift_jis", "ひらがなだけのぶんしょうです。"),
    "katakana": ("shift_jis", "カタカナダケノブンショウデス。"),
    "kanji": ("shift_jis", "東京都内大雨警報発令"),
    "kanji and kana": ("shift_jis", "今日は東京で雨が降りました。"),
    "Japanese and ASCII": ("shift_jis", "Version 2.0 のリリースノート"),
    "Japanese and ASCII, EUC-JP": ("euc_jp", "Version 2.0 のリリースノート"),
    "simplified Chinese, GB2312": ("gb2312", "北京市政府周一宣布新建公园。"),
    "simplified Chinese, GBK": ("gbk", "北京市政府周一宣布新建公园。"),
    "simplified Chinese and ASCII": ("gbk", "欢迎使用 Linux 系统"),
    "traditional Chinese": ("big5", "台北市政府週一宣布新建公園。"),
    "traditional Chinese, one word": ("big5", "中華民國"),
    "traditional Chinese and ASCII": ("big5", "歡迎使用 Linux 系統"),
    "Korean": ("euc_kr", "서울시는 월요일 새 공원을 발표했다."),
    "Korean, one word": ("euc_kr", "안녕하세요"),
    "Korean and ASCII": ("euc_kr", "한국어 Windows 사용자"),
}


@pytest.mark.parametrize("sample", SHORT_CJK)
def test_a_short_chinese_japanese_or_korean_text_reads_as_written(tmp_path: Path, sample: str):
    encoding, text = SHORT_CJK[sample]
    text = text.strip()
    assert load(tmp_path, "cjk.txt", (text + "\n").encode(encoding)).text == text


def test_a_short_thai_text_the_detector_takes_for_japanese_reads_as_thai(tmp_path: Path):
    # Read in Shift-JIS it is half-width katakana with a kanji among them.
    text = "กรุงเทพมหานคร"
    assert load(tmp_path, "thai.txt", (text + "\n").encode("cp874")).text == text
