"""The line reader writes at the head of a page it saved (`reader import`, `reader add`),
saying where the page came from, as JSON in an HTML comment::

    <!-- reader-origin {"service": "wallabag", "id": "42", "url": "https://…", "saved": "…"} -->

Its `url` is the page's web address, wherever the page is moved in the library.
"""

from __future__ import annotations

import json
from typing import Any

MARK = "<!-- reader-origin "
HEAD = 4096  # the line is read from a page's first bytes


def origin_line(origin: dict[str, Any]) -> str:
    """The first line of a saved page: its origin as JSON in an HTML comment."""
    data = json.dumps(origin, ensure_ascii=True, sort_keys=False)
    # "--" cannot occur in a comment; in JSON it can only be inside a string.
    return MARK + data.replace("--", "-\\u002d") + " -->\n"


def origin_in(head: str) -> dict[str, Any] | None:
    """The origin recorded at the start of `head` (a page's first characters), None when
    there is none."""
    if not head.startswith(MARK):
        return None
    end = head.find(" -->", 0, HEAD)
    try:
        data = json.loads(head[len(MARK) : end])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def origin_url(head: str) -> str | None:
    """The web address the origin line records, None when there is none."""
    url = (origin_in(head) or {}).get("url")
    return (url.strip() or None) if isinstance(url, str) else None
