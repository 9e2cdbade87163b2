"""A long Markdown article is read in one go: the garbage collector, which would walk the
parser's tens of thousands of tokens again and again (a third of the reading), is held
off until the article is read, and let run again after."""

from __future__ import annotations

import gc

from reader.ingest.formats.markdown import parse_markdown


def long_markdown(sections: int = 300) -> str:
    """Headings, paragraphs with emphasis, links and code, lists, quotes, code, tables."""
    out = ["---", "title: The long read", "author: Jane Doe", "---", ""]
    for n in range(sections):
        out += [
            f"## Part {n}",
            "",
            f"Delegates at session {n} debated **item {n}** until late, with *notes*,",
            f"a [report](https://example.com/{n}) and `code_{n}()` in hand.",
            "",
            f"- first point of {n}",
            f"- second point with *stress*\n  1. nested {n}\n  2. and more",
            "",
            f"> A quote from session {n}.",
            "",
            f"```\nprint({n})\n```",
            "",
            f"| Item | Count |\n|---|--:|\n| votes | {n} |",
            "",
        ]
    return "\n".join(out)


def test_a_long_markdown_article_is_read_without_collecting_garbage():
    markdown = long_markdown()
    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    was_enabled = gc.isenabled()
    gc.enable()
    gc.collect()  # (nothing left pending from before)
    gc.callbacks.append(count)
    try:
        parsed = parse_markdown(markdown)
        on_after = gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        if not was_enabled:
            gc.disable()
    # (a pass over the newest objects alone may start as the collector is let run again)
    assert passes in ([], [0])
    assert on_after  # and it runs again afterwards
    assert parsed.title == "The long read"
    assert parsed.parts[-1].text.endswith("votes │   299")  # (the count column right-aligned)
