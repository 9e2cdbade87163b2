"""The limits of a fetch (`reader add`, Add from URL): a deadline for the whole page,
however the server drips it; a page the library cannot read is refused."""

from __future__ import annotations

import pytest

from reader.importing import fetch
from reader.importing.fetch import FetchError, fetch_page, new_client
from reader.importing.page_urls import page_key
from tests.importing.web import serve


@pytest.fixture(scope="module")
def server():
    yield from serve()


def test_a_page_dripped_byte_by_byte_is_given_up_at_the_whole_page_deadline(server, monkeypatch):
    monkeypatch.setattr(fetch, "PAGE_SECONDS", 1, raising=False)
    with new_client() as client, pytest.raises(FetchError) as raised:
        fetch_page(f"{server}/drip", client)
    assert raised.value.reason == "the page took longer than 1 s to fetch"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://Example.ORG/a?b=1#part", "https://example.org/a?b=1"),
        ("http://example.org:80/a", "HTTP://example.org/a"),
        ("https://example.org:443", "https://example.org/"),
        ("https://alice:pw@example.org/a", "https://example.org/a"),
        ("https://example.org/a", "http://www.example.org/a/"),
        ("https://example.org/a?utm_source=news&b=1&fbclid=x", "https://example.org/a?b=1"),
    ],
)
def test_addresses_of_the_same_page_have_one_key(one, other):
    assert page_key(one) == page_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/A", "https://example.org/a"),
        ("https://example.org/a?b=1", "https://example.org/a?b=2"),
        ("http://example.org:8080/a", "http://example.org/a"),
    ],
)
def test_addresses_of_other_pages_have_other_keys(one, other):
    assert page_key(one) != page_key(other)
