"""Web addresses as reader keeps them: without a user name or password (used to fetch a
page, never written down), and compared as the same page when they differ only in how
they are written (`HTTP://Example.org:80/a#part` is `http://example.org/a`)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def public_url(url: str) -> str:
    """`url` without the `user:password@` before its host (unchanged when it has none)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def page_key(url: str) -> str:
    """The key of the page at `url` (`url:…`): its scheme and host in lower case, without
    a user, a default port or a fragment; an empty path is `/`."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a bad port, an unclosed [: the address as given
        return f"url:{url.strip()}"
    scheme = parts.scheme.lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    return "url:" + urlunsplit((scheme, host, parts.path or "/", parts.query, ""))
