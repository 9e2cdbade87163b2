"""Tags as one line of text in the note dialog: shown, and read back as they were.

Tags are separated by commas. A tag holding a comma or a double quote, or spaces that
typing would not keep, is shown in double quotes, a quote in it doubled: `"x,y"`,
`"5"" floppy"`. What is in double quotes is taken as written; elsewhere runs of spaces
count as one and the ends of a tag are trimmed.
"""

from __future__ import annotations

from reader.notes.tags import normalised


def shown_tag(tag: str) -> str:
    """One tag as the dialog shows it: quoted when reading it back would change it."""
    if "," in tag or '"' in tag or " ".join(tag.split()) != tag:
        return quoted(tag)
    return tag


def quoted(tag: str) -> str:
    return '"' + tag.replace('"', '""') + '"'


def shown_tags(tags: tuple[str, ...] | list[str]) -> str:
    """Tags as the dialog's one line, such as `a b, "x,y"` for `a b` and `x,y`."""
    return ", ".join(shown_tag(tag) for tag in tags)


def parse_tags(text: str) -> tuple[str, ...]:
    """The tags of a line typed or shown, in typed order, as a note is given them (see
    `tags.normalised`: blank ones, repeats and a leading `#` left out, `#` alone kept)."""
    return normalised(tag for _, tag in items(text))


def items(text: str) -> list[tuple[int, str]]:
    """Each comma-separated item of `text`: where it starts, and the tag it says.

    A double quote opens a stretch taken as written (commas included) up to the next lone
    double quote; a quote left open runs to the end.
    """
    found: list[tuple[int, str]] = []
    start, parts, space, inside = 0, list[str](), False, False
    i = 0
    while i < len(text):
        c = text[i]
        if inside:
            if c != '"':
                parts.append(c)
            elif text.startswith('"', i + 1):
                parts.append('"')
                i += 1
            else:
                inside = False
        elif c == ",":
            found.append((start, "".join(parts)))
            start, parts, space = i + 1, [], False
        elif c.isspace():
            space = True
        else:
            if space and parts:
                parts.append(" ")
            space = False
            if c == '"':
                inside = True
            else:
                parts.append(c)
        i += 1
    found.append((start, "".join(parts)))
    return found
