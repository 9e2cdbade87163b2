"""Fixtures for the notes tests."""

from __future__ import annotations

import pytest

from reader.notes import NotesStore


@pytest.fixture
def store(tmp_path) -> NotesStore:
    return NotesStore(tmp_path / "notes")
