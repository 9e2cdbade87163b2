"""Tellings named so that two of one source and one title are told apart."""

from reader.related.naming import told_apart


def test_only_those_reading_the_same_are_named_by_file():
    named = [
        ("AFP/a.txt", "AFP", "NATO chief  meets Trump"),
        ("AFP/b.txt", "afp", "NATO chief meets trump"),
        ("Wire/c.txt", "Wire", "NATO chief meets Trump"),
    ]
    assert told_apart(named) == ["a.txt", "b.txt", ""]


def test_the_whole_id_where_the_file_names_are_the_same_too():
    named = [("AFP/2024/x.txt", "AFP", "T"), ("AFP/2025/x.txt", "AFP", "T")]
    assert told_apart(named) == ["AFP/2024/x.txt", "AFP/2025/x.txt"]
