"""The limits of a fetch (`reader add`, Add from URL): a deadline for the whole page,
however the server drips it; a page the library cannot read is refused."""

from __future__ import annotations

import pytest

from reader.importing import fetch
from reader.importing.fetch import FetchError, fetch_page, new_client
from tests.importing.web import serve


@pytest.fixture(scope="module")
def server():
    yield from serve()


def test_a_page_dripped_byte_by_byte_is_given_up_at_the_whole_page_deadline(server, monkeypatch):
    monkeypatch.setattr(fetch, "PAGE_SECONDS", 1, raising=False)
    with new_client() as client, pytest.raises(FetchError) as raised:
        fetch_page(f"{server}/drip", client)
    assert raised.value.reason == "the page took longer than 1 s to fetch"
