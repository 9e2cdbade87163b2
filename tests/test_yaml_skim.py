"""A list's items skimmed (checked, not built) are refused, or passed to the full reading,
wherever building them would refuse them or read them otherwise than plainly."""

from __future__ import annotations

import pytest

from reader.errors import YamlError
from reader.infra import yamlsafe
from reader.infra.yamlevents import NotPlain, Skim, Unbuilt

SKIM = Skim("notes", "id")
HEAD = "title: t\nnotes:\n"

# Values that cannot be built: the reading keeps each as written (a `CannotBuild`, for
# the notes' reader to name), the skim leaves them to it.
CANNOT_BUILD = [
    "- id: a\n  when: 2024-02-30\n",
    "- id: a\n  when: 2025-02-29T08:01:02Z\n",
    "- id: a\n  when: 0000-01-01T00:00:00Z\n",
    "- id: a\n  n: " + "9" * 5_000 + "\n",
    "- id: a\n  n: 1:" + "1:" * 30 + "1\n",
    "- id: a\n  x: !!float abc\n",
    "- id: a\n- 2024-02-30\n",
    # and any the safe loader refuses
    "- id: a\n  ? [a, b]\n  : v\n",
    "- id: a\n  x: !!set [a, b]\n",
    "- id: a\n  x: !!python/object:os.system {}\n",
    "- id: a\n  x: !!binary 'not base64 !!'\n",
    "- id: a\n  x: !!omap {a: 1}\n",
    "- id: a\n  x: !foo {a: 1}\n",
]

REFUSED = [
    "- id: a\n  k: 1\n  k: 2\n",
    "- id: a\n  1: one\n  0x1: again\n",
    "- id: a\n  v: &x [1]\n  w: *x\n",
    "- id: a\n  v: " + "[" * 150 + "]" * 150 + "\n",
    "- id: a\n  v: [1, 2\n",
]

NOT_PLAIN = [
    "- id: a\n  v: !!str 1\n",
    "- id: a\n  <<: {b: 1}\n",
    "- id: a\n  v: =\n",
    "- !!map {id: a}\n",
]

# Texts taken as built without asking the resolver (see `_SURELY_BUILT`), and their
# near misses, which are built to know.
PLAIN_VALUES = [
    "0",
    "007",
    "0999",
    "1" * 1_000,
    "2026-02-28T23:59:59.123456Z",
    "9999-12-28T00:00:00Z",
    "2024-02-29T08:01:02Z",
    "0001-01-31T00:00:00Z",
    "0b1a2c3d-0000-4000-8000-000000000000",
    "12345678-1234-1234-1234-123456789abc",
    "1e3",
    "0x1F",
    "1_000",
    "2026-01-01",
]


@pytest.mark.parametrize("item", REFUSED)
def test_items_the_reading_refuses_are_refused_by_the_skim(item):
    text = HEAD + item
    with pytest.raises(YamlError):
        yamlsafe.load_yaml(text, unique_keys=True, keep_number_text=True)
    with pytest.raises(NotPlain):
        yamlsafe.skim_yaml(text, SKIM)


@pytest.mark.parametrize("item", CANNOT_BUILD)
def test_values_that_cannot_be_built_are_kept_by_the_reading_and_left_to_it(item):
    text = HEAD + item
    with pytest.raises(YamlError):
        yamlsafe.load_yaml(text, unique_keys=True)
    data = yamlsafe.load_yaml(text, unique_keys=True, keep_number_text=True)
    found = data["notes"][-1]
    values = found.values() if isinstance(found, dict) else [found]
    assert any(isinstance(v, yamlsafe.CannotBuild) for v in values)
    with pytest.raises(NotPlain):
        yamlsafe.skim_yaml(text, SKIM)


@pytest.mark.parametrize("item", NOT_PLAIN)
def test_items_the_reading_builds_otherwise_than_plainly_are_left_to_it(item):
    with pytest.raises(NotPlain):
        yamlsafe.skim_yaml(HEAD + item, SKIM)


@pytest.mark.parametrize("value", PLAIN_VALUES)
def test_a_plain_value_skimmed_is_one_the_reading_builds(value):
    text = f"{HEAD}- id: {value}\n  v: {value}\n  {value}: key\n"
    built = yamlsafe.load_yaml(text, unique_keys=True, keep_number_text=True)
    skimmed = yamlsafe.skim_yaml(text, SKIM)
    assert skimmed == {**built, "notes": [Unbuilt(value)]}


def test_each_item_is_skimmed_with_its_label_as_written():
    text = HEAD + "- id: 'x y'\n- {id: [1]}\n- plain\n- [id, a]\n- k: v\n  id: \"z\"\n"
    skimmed = yamlsafe.skim_yaml(text, SKIM)
    assert skimmed["notes"] == [
        Unbuilt("x y"),
        Unbuilt(None),
        Unbuilt(None),
        Unbuilt(None),
        Unbuilt("z"),
    ]
    assert skimmed["title"] == "t"
