"""Web addresses as reader keeps them: without a user name or password (used to fetch a
page, never written down), and compared as the same page when they differ only in how
they are written (`HTTP://www.Example.org:80/a/#part` is `https://example.org/a`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say how a link was shared, not which page it is.
_TRACKING = re.compile(
    r"(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi)",
    re.IGNORECASE,
)


def public_url(url: str) -> str:
    """`url` without the `user:password@` before its host (unchanged when it has none)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def page_address(url: str) -> str | None:
    """The web page an http(s) address names, as two spellings of one page say it alike:
    its host without case or `www.` (a port other than the scheme's kept), its path
    without a closing `/`, its query without tracking parameters (`utm_source`,
    `fbclid`, …); no scheme, user or fragment. None for anything else (a `file:` path)."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:  # a bad port, an unclosed [
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    host = f"[{host}]" if ":" in host else host.removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = "&".join(
        p for p in parts.query.split("&") if p and not _TRACKING.fullmatch(p.partition("=")[0])
    )
    address = host + parts.path.rstrip("/")
    return f"{address}?{query}" if query else address


def page_key(url: str) -> str:
    """The key of the page at `url` (`url:…`): its `page_address`, or the address as
    given when it is not an http(s) one."""
    return "url:" + (page_address(url) or url.strip())
