"""The one-line notices naming notes files to fix first, their names fitted to a width:
a note id held by two notes files, worded alike on the Notes and Review screens."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from reader.notes.shared_ids import SharedId
from reader.text.safe import visible


def shared_line(
    shared: list[SharedId], width: int, notes_dir: Path, lead: str = "Fix first"
) -> str:
    """The one line naming the notes files that hold one note id, kept within `width`
    cells as `fitted` keeps them; the id and what to do after, cut by the label when
    too long."""
    first = shared[0]
    more = f" ({len(shared)} ids)" if len(shared) > 1 else ""
    return fitted(f"⚠ {lead}{more}: ", first.names(notes_dir), f" {first.held()}", width)


def fitted(lead: str, names: list[str], rest: str, width: int) -> str:
    """`lead`, `names` and `rest` as one line, each name shortened from the left so that
    all of them end within `width` cells; `rest` is left to the label to cut."""
    room = width - cell_len(lead) - 2  # (and the ellipsis that cuts what follows)
    share = (room - 2 * (len(names) - 1)) // len(names)  # (", " between names)
    names = [n if cell_len(n) <= share else "…" + n[-max(1, share - 1) :] for n in names]
    return visible(" ".join(f"{lead}{', '.join(names)}{rest}".split()))


NAME_LEAST = 12  # the fewest cells a name cut for what follows it keeps


def reason_kept(lead: str, name: str, at: str, reason: str, width: int) -> str:
    """`lead`, a file's `name`, the line `at` it (`:12`) and what is wrong with it as one
    line of `width` cells: the name cut in the middle (as far as NAME_LEAST cells) so
    that the reason shows whole; a reason too long for that is cut by the label, after
    the name as `fitted` keeps it."""
    room = width - cell_len(lead) - cell_len(at) - cell_len(reason)
    if room < NAME_LEAST:
        return fitted(lead, [name + at], reason, width)
    return visible(" ".join(f"{lead}{middle_cut(name, room)}{at}{reason}".split()))


def middle_cut(text: str, cells: int) -> str:
    """`text` in at most `cells` cells: a third of them from its start, `…`, the rest
    from its end (a name's file, more telling than its folder)."""
    if cell_len(text) <= cells:
        return text
    head = _within(text, (cells - 1) // 3)
    tail = _within(text[::-1], cells - 1 - cell_len(head))[::-1]
    return f"{head}…{tail}"


def _within(text: str, cells: int) -> str:
    """The start of `text` that takes at most `cells` cells."""
    used = 0
    for n, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return text[:n]
    return text
