"""The config file: settings read, problems reported in one line, the theme saved in place."""

from reader.config import load_config, save_theme


def test_missing_config_gives_defaults(tmp_path):
    config, problems = load_config(tmp_path / "config.yaml")
    assert problems == []
    assert config.text_width == 80 and config.keymap == {}


def test_settings_are_read(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "library: ~/articles\nnotes_dir: /tmp/notes\ntheme: gruvbox\ntext_width: 72\n"
        "keymap:\n  main.search: ctrl+k\n"
    )
    config, problems = load_config(path)
    assert problems == []
    assert (config.library, config.notes_dir, config.theme) == (
        "~/articles",
        "/tmp/notes",
        "gruvbox",
    )
    assert config.text_width == 72
    assert config.keymap == {"main.search": "ctrl+k"}


def test_broken_yaml_names_the_line_and_falls_back(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: nord\nkeymap: [unclosed\ntext_width: 70\n")
    config, problems = load_config(path)
    assert len(problems) == 1
    assert "line " in problems[0] and "using defaults" in problems[0]
    assert "\n" not in problems[0]
    assert config.theme is None and config.text_width == 80


def test_bad_values_are_reported_and_ignored(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("text_width: 5\nkeymap: nonsense\ncolour: blue\n")
    config, problems = load_config(path)
    assert config.text_width == 80 and config.keymap == {}
    assert len(problems) == 3
    assert any("text_width" in p for p in problems)
    assert any("colour" in p for p in problems)


def test_save_theme_keeps_comments_and_other_settings(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("# my settings\ntheme: nord  # was nord\ntext_width: 72\n")
    assert save_theme("gruvbox", path)
    assert path.read_text() == "# my settings\ntheme: gruvbox\ntext_width: 72\n"
    assert load_config(path)[0].theme == "gruvbox"


def test_save_theme_creates_the_file(tmp_path):
    path = tmp_path / "sub" / "config.yaml"
    assert save_theme("textual-light", path)
    assert load_config(path)[0].theme == "textual-light"


def test_save_theme_never_overwrites_a_broken_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes(b"theme: [broken\n")
    assert not save_theme("nord", path)
    assert path.read_bytes() == b"theme: [broken\n"
