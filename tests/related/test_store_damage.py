"""Related coverage found damaged while reading: the message promises a rebuild, and the
next update (in this process or another) does it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.related import open_related
from reader.related import store as related_store
from reader.related.store import RelatedStoreError
from tests.conftest import AFP_ID, OTHER_ID

from .conftest import Stories


def corrupt_table(db_path: Path, table: str) -> None:
    """Overwrite the first page of a table, as a bad disk sector would."""
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
    root_page = conn.execute(sql, (table,)).fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as fh:
        fh.seek((root_page - 1) * page_size)
        fh.write(b"\xff" * page_size)


@pytest.mark.parametrize("next_update", ["in the same run", "in the next run"])
def test_damage_found_while_reading_stories_is_rebuilt_by_the_next_update(
    seeds: Stories, monkeypatch, next_update: str
):
    path = seeds.related.store.path
    seeds.related.close()
    corrupt_table(path, "links")
    # A large store is not checked when opened (that would take seconds): damage is met on use.
    monkeypatch.setattr(related_store, "QUICK_CHECK_MAX_BYTES", 0)
    seeds.related = open_related(seeds.root)
    with pytest.raises(RelatedStoreError, match="the next update rebuilds it"):
        seeds.related.sources_of()
    if next_update == "in the next run":
        seeds.related.close()
        seeds.related = open_related(seeds.root)
    seeds.update()
    assert seeds.related.sources_of() == {AFP_ID: 2, OTHER_ID: 2}
