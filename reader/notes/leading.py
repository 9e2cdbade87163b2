"""The comment and blank lines that lead a note or a top-level key of a notes file: those
between the text of the node above and its own first line. They go with the node they
lead (a save that rewrites the node above keeps them; a note taken out takes its own),
but for comments indented past the node's own column, which are inside the node above."""

from __future__ import annotations

from reader.infra.yamlsafe import content_end


def lead_start(body: str, above: int, stop: int, column: int) -> int:
    """Where the lines leading the node whose line starts at `stop` (at `column`) start
    in `body`, the node above starting on the line at `above`: past the end of its text
    and the rest of that line (a comment there is its own). `stop` when there are none
    or the text above does not scan on its own."""
    end = content_end(body[above:stop])
    if end is None:
        return stop
    start = body.find("\n", above + end, stop) + 1
    if not start:
        return stop
    at = start
    while at < stop:
        line_end = body.find("\n", at, stop) + 1 or stop
        line = body[at:line_end]
        if line.strip() and len(line) - len(line.lstrip(" \t")) > column:
            start = line_end  # a comment inside the node above
        at = line_end
    return start
