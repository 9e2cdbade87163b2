"""Fetching a web page into the inbox (`reader add URL`), with limits: a deadline for
the whole page, a few redirects, a size cap, HTML only, and a User-Agent saying who
asks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from reader import __version__
from reader.errors import ReaderError
from reader.importing import inbox
from reader.importing.links import is_web_address
from reader.importing.page_urls import page_key, public_url
from reader.importing.sources import whole_number
from reader.importing.stopping import CANCELLED, FetchStop, Stopped
from reader.ingest.canonical import assemble
from reader.ingest.decode import decode_bytes, looks_binary
from reader.ingest.formats import parse_html
from reader.notes.timestamps import format_utc, utc_now
from reader.search import open_index
from reader.search.index import LibraryIndex

USER_AGENT = f"reader/{__version__} (a terminal reader saving one page at its user's request)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)  # one wait: to connect, for the next bytes
PAGE_SECONDS = 30  # the whole page, its redirects and every byte of it
MAX_REDIRECTS = 5
MAX_BYTES = 10 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class FetchError(ReaderError):
    """A page that could not be fetched or is not one to keep; nothing was written."""

    def __init__(self, url: str, reason: str) -> None:
        url = public_url(url)
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched HTML page: where it was asked for, where it came from, when."""

    url: str
    final_url: str
    html: str
    fetched: datetime


@dataclass(frozen=True, slots=True)
class Added:
    """A page kept in the inbox (`known`: it was there already, nothing fetched)."""

    url: str
    path: Path
    known: bool = False


def check_url(url: str) -> str:
    """The url, stripped; FetchError when it is not an http(s) address."""
    url = url.strip()
    if not is_web_address(url):
        raise FetchError(url, "not a web address (give an http:// or https:// url)")
    return url


def new_client() -> httpx.Client:
    return httpx.Client(
        timeout=TIMEOUT,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        # A connection of its own for each page: the stop of a fetch shuts it.
        limits=httpx.Limits(max_keepalive_connections=0),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"},
    )


def fetch_page(url: str, client: httpx.Client, stop: FetchStop | None = None) -> Page:
    """The page at `url`; FetchError (one line) when offline, not found, not HTML, larger
    than MAX_BYTES, not whole within PAGE_SECONDS, stopped by `stop`, or holding no text
    the library reads (empty, binary data, no text once its markup is read)."""
    url = check_url(url)
    stop = stop or FetchStop()
    try:
        with stop.deadline(PAGE_SECONDS, f"the page took longer than {PAGE_SECONDS} s to fetch"):
            final, body, charset = _download(url, client, stop)
            stop.check()
    except Exception as error:
        if stop.reason is not None:  # whatever the shut connection raised
            raise FetchError(url, stop.reason) from None
        if isinstance(error, FetchError) or (failure := _failure(url, error)) is None:
            raise
        raise failure from None
    page = Page(url, final, _decode(_text_bytes(url, body), charset), utc_now())
    _check_readable(url, page.html)
    return page


def _text_bytes(url: str, body: bytes) -> bytes:
    """`body`, unless it is empty or not text (a web page holds next to no controls: one
    in a hundred of its bytes is binary data, however the server calls it)."""
    if not body.strip():
        raise FetchError(url, "an empty page")
    if looks_binary(body, share=0.01):
        raise FetchError(url, "binary data, not a web page")
    return body


def _check_readable(url: str, page_html: str) -> None:
    """FetchError unless the library reads text in the page (as it will, indexing it)."""
    try:
        text, _ = assemble(parse_html(page_html).parts)
    except RecursionError:
        raise FetchError(url, "too deeply nested to read") from None
    if not text.strip():
        raise FetchError(url, "no readable text in the page")


def _download(url: str, client: httpx.Client, stop: FetchStop) -> tuple[str, bytes, str | None]:
    """The final url, body and charset of the page at `url` (httpx errors as raised)."""
    with client.stream("GET", url, extensions={"trace": stop.trace}) as response:
        if response.status_code >= 400:
            phrase = response.reason_phrase or "error"
            raise FetchError(url, f"the server answered {response.status_code} {phrase}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in HTML_TYPES:
            raise FetchError(url, f"not an HTML page ({kind or 'no content type'})")
        said = response.headers.get("content-length", "")
        length = whole_number(said, too_long=MAX_BYTES + 1)
        if length is not None and length > MAX_BYTES:
            raise FetchError(url, _too_large())
        body = bytearray()
        for chunk in response.iter_bytes():
            stop.check()
            body += chunk
            if len(body) > MAX_BYTES:
                raise FetchError(url, _too_large())
        return str(response.url), bytes(body), response.charset_encoding


def _failure(url: str, error: Exception) -> FetchError | None:
    """An httpx error (or a bad address) as the one line it says; None for others."""
    if isinstance(error, httpx.TooManyRedirects):
        return FetchError(url, f"more than {MAX_REDIRECTS} redirects")
    if isinstance(error, httpx.TimeoutException):
        return FetchError(url, "the server took too long to answer")
    if isinstance(error, httpx.ConnectError):
        return FetchError(url, f"cannot connect ({_reason(error)})")
    if isinstance(error, httpx.HTTPError):
        return FetchError(url, f"cannot fetch ({_reason(error)})")
    if isinstance(error, (httpx.InvalidURL, ValueError)):
        return FetchError(url, f"not a valid web address ({_reason(error)})")
    return None


def _too_large() -> str:
    return f"larger than {MAX_BYTES // 2**20} MB"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:120] or type(error).__name__


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_bytes(body)


def title_of(page_html: str) -> str:
    found = _TITLE.search(page_html[:200_000])
    return " ".join(html.unescape(found.group(1)).split()) if found else ""


def add_url(
    library: Path,
    url: str,
    client: httpx.Client,
    origin: dict[str, Any] | None = None,
    known: dict[str, Path] | None = None,
    index: LibraryIndex | None = None,
    stop: FetchStop | None = None,
) -> Added:
    """Fetch a page and keep it as `LIB/inbox/<site>/<slug>.html` with its url (without
    the user and password it may hold, used for the fetch only) and the fetch date at
    its head; a url kept already (in the inbox, or anywhere in the library as indexed;
    written another way, see `page_key`) is not fetched again, and a page redirected to
    one kept is not written again. Without `known`, the pages kept are looked for
    through `index` (the caller's, open already), else through the library's index
    opened for this. A fetch stopped by `stop` (cancelled) writes nothing."""
    stop = stop or FetchStop()
    asked = check_url(url)
    url = public_url(asked)
    if known is None and index is not None:
        known = inbox.known(library, index)
    elif known is None:
        with open_index(library) as opened:
            known = inbox.known(library, opened)
    if (there := known.get(page_key(url))) is not None:
        return Added(url, there, known=True)
    page = fetch_page(asked, client, stop)
    final = public_url(page.final_url)
    if (there := known.get(page_key(final))) is not None:  # redirected to a page kept
        known[page_key(url)] = there
        return Added(url, there, known=True)
    data: dict[str, Any] = {**_public(origin or {"service": "web"}), "url": url}
    if page_key(final) != page_key(url):  # (not a mere change of letter case)
        data["fetched_from"] = final
    data["fetched"] = format_utc(page.fetched)
    try:
        with stop.last_chance():
            path = inbox.save_page(library, data, title_of(page.html), page.html)
    except Stopped:
        raise FetchError(url, stop.reason or CANCELLED) from None
    known[page_key(url)] = known[page_key(final)] = path
    return Added(url, path)


def _public(origin: dict[str, Any]) -> dict[str, Any]:
    """An imported link's origin without the password its id (its url) may hold."""
    return {
        k: public_url(v) if isinstance(v, str) and is_web_address(v) else v
        for k, v in origin.items()
    }
