"""Each source's template: lines that most of a source's articles repeat are folded, with
the reason, when an article is read from the index; the story's own lines never are."""

from __future__ import annotations

from .conftest import Library, sentence

FOOTER = "Our Standards: The Ellis Courier Trust Principles"
SUBSCRIBE = "Get the Courier on your doorstep every morning"


def _write(lib: Library, n: int, source: str = "Courier") -> None:
    for k in range(n):
        lib.txt(
            f"{source}/story-{k}.txt",
            f"Harbour story number {k}",
            sentence(f"harbour topic {k}"),
            f"Dock workers said the quay number {k} reopened after repairs that lasted a year.",
            FOOTER,
            SUBSCRIBE,
        )


def _folded(index, article_id: str) -> dict[str, str | None]:
    article = index.article(article_id)
    return {article.block_text(b): b.reason for b in article.boilerplate_blocks}


def test_lines_most_of_a_source_repeats_are_folded_with_the_reason(lib: Library, make_index):
    _write(lib, 6)
    lib.txt("Courier/other.txt", "A different story", sentence("the council budget"), FOOTER)
    index = make_index()
    index.update()
    folded = _folded(index, "Courier/story-0.txt")
    assert folded[FOOTER] == "on 7 of 7 pages from Courier"
    assert folded[SUBSCRIBE] == "on 6 of 7 pages from Courier"
    body = index.article("Courier/story-0.txt").body_text
    assert "quay number 0 reopened" in body
    assert sentence("harbour topic 0") in body


def test_a_source_of_few_articles_has_no_template(lib: Library, make_index):
    _write(lib, 3)
    index = make_index()
    index.update()
    assert FOOTER not in _folded(index, "Courier/story-0.txt")


def test_removed_articles_leave_the_template(lib: Library, make_index):
    _write(lib, 6)
    index = make_index()
    index.update()
    assert FOOTER in _folded(index, "Courier/story-0.txt")
    for k in range(1, 6):
        (lib.root / f"Courier/story-{k}.txt").unlink()
    lib.txt("Courier/new-1.txt", "New one", sentence("new one"), "A line of its own here.")
    for k in range(2, 6):
        lib.txt(f"Courier/new-{k}.txt", f"New {k}", sentence(f"new {k}"), "Only once here.")
    index.update()
    assert FOOTER not in _folded(index, "Courier/story-0.txt")


def test_template_lines_of_one_source_do_not_fold_another_sources(lib: Library, make_index):
    _write(lib, 6)
    lib.txt("Ledger/story.txt", "Ledger story", sentence("the ledger"), FOOTER)
    for k in range(5):
        lib.txt(f"Ledger/more-{k}.txt", f"More {k}", sentence(f"more {k}"))
    index = make_index()
    index.update()
    # A footer line under the story may fold as the page's tail, never as Courier's.
    reason = _folded(index, "Ledger/story.txt").get(FOOTER)
    assert reason is None or "Courier" not in reason
