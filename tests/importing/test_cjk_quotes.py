"""An imported Japanese or Chinese quote is placed in the article that holds it: its
ideographs are looked up as they stand together, not one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importing.placing import Finder
from reader.search.index import LibraryIndex


@pytest.mark.parametrize(
    "quote", ["会議が開かれた。重要な決定", "重要な決定があった", "举行了重要会议，讨论经济问题"]
)
def test_a_cjk_quote_is_placed_exactly_in_its_article(tmp_path: Path, quote: str):
    root = tmp_path / "library"
    (root / "news").mkdir(parents=True)
    (root / "news" / "ja.txt").write_text(
        "会議の記録\n\n東京で会議が開かれた。重要な決定があった。\n", encoding="utf-8"
    )
    (root / "news" / "zh.txt").write_text(
        "新闻\n\n北京今天举行了重要会议，讨论经济问题。\n", encoding="utf-8"
    )
    (root / "news" / "en.txt").write_text("Talks\n\nThe harbour talks ended.\n")
    with LibraryIndex(root) as index:
        index.update(workers=1)
        found = Finder(index).place(quote)
    assert found is not None and found.exact
    assert found.article.text[found.start : found.end] == quote
