"""YAML built straight from libyaml's events reads as the composing loader reads it: the
same values of the same types, and the same refusals with the same lines."""

from __future__ import annotations

import pytest

from reader.errors import YamlError
from reader.infra import yamlsafe
from reader.infra.yamlevents import NotPlain

DOCUMENTS = [
    "",
    "# only a comment\n",
    "---\n",
    "just a line",
    "- 1\n- 0x1F\n- 012\n- 1_000\n- 1:20\n- -7\n- +3\n",
    "- 1.50\n- 1.5\n- .NaN\n- -.inf\n- 1e3\n- 6.02e+23\n- 1_000.0\n",
    "- 2026-01-01\n- 2026-01-01 10:00:00+02:00\n- 2026-11-26T08:27:27.563Z\n",
    "- yes\n- No\n- on\n- OFF\n- true\n- ~\n- null\n- ''\n- y\n- n\n",
    "- '1e3'\n- \"0o17\"\n- 0o17\n- 1e3\n- 'plain'\n- \"tab\\there\"\n",
    "note: |\n  two\n  lines\nfolded: >\n  one\n  line\nkept: |+\n  end\n\n",
    "a:\n  b:\n    c: [1, {d: e, 3: four}]\n  list:\n  - - nested\n    - deeper\n",
    "1: one\n2.5: two\nnull: three\ntrue: four\n2026-01-01: five\n",
    "=: value\n",
    "<<: {a: 1}\nb: 2\n",
    "tags: !!set {a, b}\n",
    "!!str 123",
    "- !!binary aGVsbG8=\n",
    "&anchor [1, 2]",
    "a: &x 1\nb: 2\n",
    'words: "caf\\u00e9 \\U0001F600 \\x41"\n',
    "schema_version: 1\nannotations:\n- id: x\n  target: {exact: a, start: 0, end: 1}\n",
]

REFUSED = [
    "a: &x [1]\nb: *x\n",
    "a: 1\nb: 2\na: 3\n",
    "x:\n  k: 1\n  k: 2\n",
    "[" * 150 + "]" * 150,
    "- 2024-02-30\n",
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\n",
    "? [a, b]\n: value\n",
    "? {a: 1}\n: value\n",
    "- !!float abc\n",
    "- 1:" + "1:" * 30 + "1\n",
    "a: 1\n  b: 2\n",
    "x: !unknown thing\n",
]


def shape(value: object) -> object:
    """A value with its type at every level (NaN compared as written)."""
    if isinstance(value, dict):
        return ("dict", [(shape(k), shape(v)) for k, v in value.items()])
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return (type(value).__name__, [shape(item) for item in items])
    return (type(value).__name__, repr(value), yamlsafe.written_text(value))


def composed(monkeypatch, text: str, **options: bool) -> object:
    """What the composing loader alone makes of `text` (a value, or the YamlError)."""
    with monkeypatch.context() as patched:

        def not_here(*args: object, **kwargs: object) -> object:
            raise NotPlain

        patched.setattr(yamlsafe, "build_from_events", not_here)
        return read(text, **options)


def read(text: str, **options: bool) -> object:
    try:
        return shape(yamlsafe.load_yaml(text, **options))
    except YamlError as error:
        return ("refused", error.problem, error.line)


OPTIONS = [{}, {"unique_keys": True, "keep_number_text": True}]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("text", DOCUMENTS)
def test_a_document_reads_as_the_composing_loader_reads_it(monkeypatch, text, options):
    assert read(text, **options) == composed(monkeypatch, text, **options)


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("text", REFUSED)
def test_a_refused_document_is_refused_as_before_with_its_line(monkeypatch, text, options):
    assert read(text, **options) == composed(monkeypatch, text, **options)


def test_refusals_still_name_their_line():
    with pytest.raises(YamlError) as alias:
        yamlsafe.load_yaml("a: &x [1]\nb: *x\n")
    assert alias.value.line == 2 and "aliases" in alias.value.problem
    with pytest.raises(YamlError) as twice:
        yamlsafe.load_yaml("a: 1\nb: 2\na: 3\n", unique_keys=True)
    assert twice.value.line == 3 and "given twice" in twice.value.problem
    with pytest.raises(YamlError) as deep:
        yamlsafe.load_yaml("[" * 150 + "]" * 150)
    assert "nested more than" in deep.value.problem
