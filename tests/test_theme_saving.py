"""The theme chosen in the app, saved into the user's config file: the one `theme:` line
edited in place, or the file left byte for byte as it was and the reason told."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.config import load_config, save_theme
from reader.errors import ConfigError, YamlError
from reader.infra.yamlsafe import load_yaml


def saved(path: Path, text: str, theme: str = "gruvbox") -> str:
    path.write_bytes(text.encode())
    save_theme(theme, path)
    return path.read_bytes().decode()


def refused(path: Path, text: str) -> str:
    path.write_bytes(text.encode())
    with pytest.raises(ConfigError) as caught:
        save_theme("gruvbox", path)
    assert path.read_bytes() == text.encode()
    message = str(caught.value)
    assert "\n" not in message and "not saved" in message
    return message


def test_a_config_in_flow_style_is_left_as_it_is_and_the_reason_told(tmp_path):
    path = tmp_path / "config.yaml"
    message = refused(path, "{theme: textual-dark, text_width: 72}\n")
    assert "flow style" in message
    config, problems = load_config(path)
    assert problems == [] and config.text_width == 72


def test_the_theme_given_twice_is_saved_where_it_is_used(tmp_path):
    path = tmp_path / "config.yaml"
    text = saved(path, "theme: nord\ntext_width: 72\ntheme: textual-dark\n")
    assert text == "theme: nord\ntext_width: 72\ntheme: gruvbox\n"
    assert load_config(path)[0].theme == "gruvbox"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("theme: |\n  textual-dark\ntext_width: 72\n", "theme: gruvbox\ntext_width: 72\n"),
        ("theme: >-\n  textual-dark\n\n# end\n", "theme: gruvbox\n\n# end\n"),
        ("theme: | # mine\n  nord\n", "theme: gruvbox # mine\n"),
        ("theme: 'nord'  # my theme\nx: 1\n", "theme: gruvbox  # my theme\nx: 1\n"),
        ('theme: "nord"\r\n', "theme: gruvbox\r\n"),
        ("theme:\n  nord\ntext_width: 72\n", "theme:\n  gruvbox\ntext_width: 72\n"),
        ("theme:   # none yet\ntext_width: 72\n", "theme: gruvbox   # none yet\ntext_width: 72\n"),
        ("theme: ~\n", "theme: gruvbox\n"),
        ("  theme: nord\n  text_width: 72\n", "  theme: gruvbox\n  text_width: 72\n"),
        ("\ufefftheme: nord\n", "\ufefftheme: gruvbox\n"),
    ],
)
def test_the_theme_line_is_edited_in_place(tmp_path, before, after):
    path = tmp_path / "config.yaml"
    assert saved(path, before) == after
    assert load_config(path)[0].theme == "gruvbox"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("text_width: 72", "text_width: 72\ntheme: gruvbox\n"),
        ("text_width: 72\r\n", "text_width: 72\r\ntheme: gruvbox\r\n"),
        ("# nothing set yet\n", "# nothing set yet\ntheme: gruvbox\n"),
        ("", "theme: gruvbox\n"),
        ("  text_width: 72\n", "  text_width: 72\n  theme: gruvbox\n"),
    ],
)
def test_a_config_without_a_theme_gets_one_line_more(tmp_path, before, after):
    path = tmp_path / "config.yaml"
    assert saved(path, before) == after


@pytest.mark.parametrize(
    "text",
    [
        "theme: [nord]\ntext_width: 72\n",  # not text: not a line to edit
        "theme:\n  name: nord\n",
        "text_width: 72\n...\n",  # a line after the document's end would be another
    ],
)
def test_a_theme_that_cannot_be_edited_in_place_leaves_the_file_as_it_is(tmp_path, text):
    refused(tmp_path / "config.yaml", text)


# ----- any config: saved as it reads, or not touched ------------------------------------

_NAMES = ["nord", "textual-dark", "", "~", "yes", "a b", "#c", "é"]
_COMMENTS = st.sampled_from(["", "  # mine", " #x", "\t# tab"])


@st.composite
def theme_value(draw, names: list[str]) -> str:
    """`theme:`'s value as a person might write it, after the colon."""
    name = draw(st.sampled_from(names))
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded", "next"]))
    comment = draw(_COMMENTS)
    if style == "single":
        return f" '{name}'{comment}"
    if style == "double":
        return f' "{name}"{comment}'
    if style in ("literal", "folded"):
        header = ("|" if style == "literal" else ">") + draw(st.sampled_from(["", "-", "+"]))
        return f" {header}{comment}\n  {name}" + draw(st.sampled_from(["", "\n"]))
    if style == "next":
        return f"{comment}\n  {name}"
    return f" {name}{comment}"


@st.composite
def config_text(draw, block_only: bool = False) -> str:
    """A config file: settings in block or flow style, comments, blank lines, the
    theme given none, once or more, in every scalar style (or as a mapping)."""
    names = _NAMES if block_only else [*_NAMES, "x: y"]
    others = ["text_width: 72", "library: ~/articles", "keymap:\n  main.search: ctrl+k"]
    lines = draw(st.lists(st.sampled_from(others), max_size=3))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, "theme:" + draw(theme_value(names)))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(["# a comment", "", "  # indented"])))
    if not block_only and draw(st.booleans()):
        flat = [line for line in lines if "\n" not in line and line and "#" not in line]
        text = "{" + ", ".join(flat) + "}"
    else:
        text = "\n".join(lines)
    text = draw(st.sampled_from(["", "---\n", "# head\n"])) + text
    ends = ["", "\n", "\n\n", "\n# tail"] + ([] if block_only else ["\n...\n"])
    text += draw(st.sampled_from(ends))
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def settings_of(text: str):
    data = load_yaml(text)
    return data if data is not None else {}


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=config_text())
@example(text="{theme: textual-dark, text_width: 72}")
@example(text="theme: |\n  textual-dark\n")
@example(text="theme: nord\ntheme: textual-dark\n")
def test_a_saved_theme_changes_the_theme_and_nothing_else_or_nothing_at_all(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_bytes(text.encode())
    try:
        before = settings_of(text)
    except YamlError:
        before = None
    try:
        save_theme("gruvbox", path)
    except ConfigError as error:
        assert "\n" not in str(error)
        assert path.read_bytes() == text.encode()
        return
    assert isinstance(before, dict)  # a file that does not parse is never written
    after = settings_of(path.read_bytes().decode())
    assert after.pop("theme") == "gruvbox"
    before.pop("theme", None)
    assert after == before


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=config_text(block_only=True))
@example(text="---\n")
def test_a_config_in_block_style_always_takes_the_theme(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_bytes(text.encode())
    save_theme("gruvbox", path)
    config, _ = load_config(path)
    assert config.theme == "gruvbox"
