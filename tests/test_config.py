"""The config file: settings read, problems reported in one line, the theme saved in place."""

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import Config, load_config, save_theme
from reader.errors import ConfigError
from reader.paths import config_file


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
    assert f"{path}:3: " in problems[0] and "using defaults" in problems[0]
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
    save_theme("gruvbox", path)
    assert path.read_text() == "# my settings\ntheme: gruvbox  # was nord\ntext_width: 72\n"
    assert load_config(path)[0].theme == "gruvbox"


def test_save_theme_creates_the_file(tmp_path):
    path = tmp_path / "sub" / "config.yaml"
    save_theme("textual-light", path)
    assert load_config(path)[0].theme == "textual-light"


def test_save_theme_never_overwrites_a_broken_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes(b"text_width: 72\ntheme: [broken\n")
    with pytest.raises(ConfigError) as caught:
        save_theme("nord", path)
    assert str(caught.value).startswith(f"{path}:3: ") and "not saved" in str(caught.value)
    assert path.read_bytes() == b"text_width: 72\ntheme: [broken\n"


def test_each_config_problem_names_the_file_and_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "theme: nord\n\ntext_width: 5\nkeymap:\n  main.search: [ctrl+k]\ncolour: blue\n"
    )
    config, problems = load_config(path)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:3", f"{path}:5", f"{path}:6"]
    assert "main.search" in problems[1] and "colour" in problems[2]
    assert config.theme == "nord"


def test_keymap_keeps_its_good_entries_and_their_lines(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  main.search: ctrl+k\n  app.quit: 3\n  app.help: f2\n")
    config, problems = load_config(path)
    assert config.keymap == {"main.search": "ctrl+k", "app.help": "f2"}
    assert config.lines["keymap.app.help"] == 4
    assert len(problems) == 1 and problems[0].startswith(f"{path}:3: ")


def test_save_theme_writes_through_a_symlinked_config(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "reader.yaml"
    real.write_text("text_width: 72\n")
    link = tmp_path / "config" / "config.yaml"
    link.parent.mkdir()
    link.symlink_to(real)
    save_theme("nord", link)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "text_width: 72\ntheme: nord\n"


def test_save_theme_keeps_the_permissions_of_the_config(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("text_width: 72\n")
    path.chmod(0o644)
    save_theme("nord", path)
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("failing", ["replace", "fsync", "open"])
def test_save_theme_that_cannot_write_says_why_and_leaves_nothing_behind(
    tmp_path, monkeypatch, failing
):
    path = tmp_path / "config.yaml"
    path.write_text("# mine\ntext_width: 72\n")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(ConfigError) as caught:
        save_theme("nord", path)
    monkeypatch.undo()
    assert "No space left on device" in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_text() == "# mine\ntext_width: 72\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.yaml"]


def test_cli_tells_each_config_problem_once_on_stderr(library):
    path, result = check_config(f"library: {library}\ntext_width: 5\ncolour: blue\n")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "notes", "--where"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"reader: config: {path}:2: text_width must be a number from 40 to 200; using 80",
        f"reader: config: {path}:3: unknown setting colour; ignored",
    ]
    assert result.stdout.strip()  # the command did its work


@pytest.mark.parametrize("command", [["list"], ["search", "body"], []])
def test_a_command_and_the_app_it_launches_read_the_config_file_once(
    tmp_path, monkeypatch, command
):
    import reader.config
    from reader import cli
    from reader.tui.app import ReaderApp

    library = tmp_path / "lib"
    library.mkdir()
    (library / "a.txt").write_text("Title\n\nSome body text to find.\n")
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"READER_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    config_file().parent.mkdir(parents=True)
    config_file().write_text(f"theme: nord\ntext_width: 70\nlibrary: {library}\n")
    reads = []
    real = reader.config.read_regular
    monkeypatch.setattr(reader.config, "read_regular", lambda p: reads.append(p) or real(p))
    shown = []
    monkeypatch.setattr(ReaderApp, "run", lambda app: shown.append(app.config.text_width))
    monkeypatch.setattr(sys, "stdin", _Terminal())  # the app starts only in a terminal
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert cli.main(command) == 0
    assert len(reads) == 1
    assert shown == ([70] if not command else [])


def test_bad_review_settings_are_each_reported_at_their_own_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "# a comment\n"
        * 8
        + "review:\n  new_per_day: -5\n  reviews_per_day: 1e999\n  tags: quote\n"
        "  colors: [chartreuse]\n"
    )
    config, problems = load_config(path)
    assert len(problems) == 4, problems
    assert problems[0].startswith(f"{path}:10: review.new_per_day")
    assert problems[1].startswith(f"{path}:11: review.reviews_per_day")
    assert problems[2].startswith(f"{path}:12: review.tags must be a list")
    assert problems[3].startswith(f"{path}:13: review.colors: chartreuse is not a colour")
    assert all(p.count("\n") == 0 and "using" in p for p in problems)
    assert (config.review.tags, config.review.colors) == ((), ())
    assert (config.review.new_per_day, config.review.reviews_per_day) == (20, 200)


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def check_config(text: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The user's config file written as `text`, and `reader --check-config` run on it."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--check-config"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return path, result


def test_check_config_names_each_keymap_problem_and_fails():
    path, result = check_config(
        "text_width: 5\nkeymap:\n  main.notes: f\n  main.review: ctrl+shift+alt+meta+x\n"
        "  main.search: ctrl+k\n"
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0] == f"{path}:1: text_width must be a number from 40 to 200; using 80"
    assert lines[1].startswith(f"{path}:3: keymap: f for main.notes is already main.find_alt's")
    assert lines[2].startswith(f"{path}:4: keymap: 'ctrl+shift+alt+meta+x' for main.review")


def test_check_config_names_a_widget_that_takes_a_key_first():
    path, result = check_config("keymap:\n  notes.edit: pagedown\n")
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        f"{path}:2: keymap: pagedown for notes.edit never reaches it: the notes table"
        " (NotesTable: page_down) takes it first in the Notes screen; notes.edit keeps e\n"
    )


def test_check_config_names_a_character_for_a_dialog_whose_focus_is_in_a_field():
    path, result = check_config("keymap: {annotate.save: s, annotate.cancel: x}\n")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{path}:1: keymap: s for annotate.save is needed for typing in the note dialog;"
        " annotate.save keeps ctrl+s",
        f"{path}:1: keymap: x for annotate.cancel is needed for typing in the note dialog;"
        " annotate.cancel keeps escape",
    ]


def test_check_config_of_a_good_file_says_so():
    path, result = check_config("keymap:\n  main.search: ctrl+k\n")
    assert (result.returncode, result.stdout) == (0, f"{path}: no problems\n")


def test_a_key_given_twice_is_a_problem_at_its_second_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: nord\nkeymap:\n  main.notes: f\n  main.notes: ctrl+n\ntheme: x\n")
    config, problems = load_config(path)
    assert problems == [
        f"{path}:4: key 'main.notes' given twice (first on line 3); the later one is used",
        f"{path}:5: key 'theme' given twice (first on line 1); the later one is used",
    ]
    assert config.keymap == {"main.notes": "ctrl+n"}
    assert config.theme == "x"


def test_check_config_lists_problems_in_the_order_of_the_file():
    _, result = check_config(
        "theme: nope\nkeymap:\n  main.notes: f\n  main.notes: ctrl+n\n  bogus.id: x\n"
        "text_width: 5\nfoo: 1\n"
    )
    assert result.returncode == 1, result.stderr
    numbers = [int(line.split(": ", 1)[0].rsplit(":", 1)[1]) for line in result.stdout.splitlines()]
    assert numbers == [1, 4, 5, 6, 7]


def test_many_config_problems_are_summed_up_after_the_first_few(library):
    entries = "".join(f"colour{i}: blue\n" for i in range(500))
    _, checked = check_config(f"library: {library}\n{entries}")
    assert len(checked.stdout.splitlines()) == 500  # --check-config lists every one
    result = subprocess.run(
        [sys.executable, "-m", "reader", "notes", "--where"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    told = result.stderr.splitlines()
    assert told[:3] == [f"reader: config: {line}" for line in checked.stdout.splitlines()[:3]]
    assert told[3:] == ["reader: config: 497 more problems: run reader --check-config"]


HUGE = "x" * 1_000_000


@pytest.mark.parametrize(
    "template",
    [
        "{huge}: 1\n",  # an unknown setting
        "keymap:\n  {huge}: ctrl+k\n",  # no binding has the id
        "keymap:\n  main.search: {huge}\n",  # not a key
        "keymap:\n  main.search: [{huge}]\n",
        "{huge}: 1\n{huge}: 2\n",  # given twice
        "review:\n  colors: [{huge}]\n",
        "review:\n  {huge}: 1\n",
        "theme: {huge}\n",  # told by the app, and by --check-config
    ],
)
def test_a_huge_value_is_cut_short_where_a_problem_quotes_it(tmp_path, template):
    from reader.tui.config_check import settings_problems

    path = tmp_path / "config.yaml"
    path.write_text(template.format(huge=HUGE))
    config, problems = load_config(path)
    problems += settings_problems(config)
    assert problems
    for problem in problems:
        assert len(problem) < len(str(path)) + 200, problem[:300] + "…"
        assert "xxxxx…" in problem or "x" * 100 not in problem


def test_a_library_path_too_long_for_the_system_is_one_line(tmp_path):
    _, result = check_config(f"library: /{'a' * 5000}\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stdout.splitlines()
    assert "library" in line and "File name too long" in line and len(line) < 400


@pytest.mark.parametrize("keys", ['""', "' '", "''"])
def test_a_keymap_entry_of_empty_text_says_no_key_is_given(tmp_path, keys):
    path = tmp_path / "config.yaml"
    path.write_text(f"keymap:\n  main.search: {keys}\n")
    config, [problem] = load_config(path)
    assert problem == f"{path}:2: keymap: no key given for main.search; ignored"
    assert config.keymap == {}


def test_a_keymap_entry_of_commas_alone_says_no_key_is_given():
    from reader.tui.keymap import checked_keymap

    _, [problem] = checked_keymap(Config(keymap={"main.search": " , "}))
    assert "keymap: no key given for main.search; main.search keeps /" in problem


def test_check_config_names_keys_terminals_send_as_others():
    path, result = check_config("keymap:\n  main.find: ctrl+i\n  annotate.save: ctrl+enter\n")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{path}:2: keymap: ctrl+i for main.find never arrives: most terminals send it as Tab;"
        " main.find keeps ctrl+f",
        f"{path}:3: keymap: ctrl+enter for annotate.save never arrives: most terminals send it"
        " as Enter; annotate.save keeps ctrl+s",
    ]


@pytest.mark.parametrize("key", ["library", "notes_dir", "theme"])
def test_an_empty_setting_is_said_to_be_empty(key):
    path, result = check_config(f'{key}: ""\n')
    assert result.stdout == f"{path}:1: {key} is empty; ignored\n"


@pytest.mark.parametrize("tags", ['[""]', '[quote, "  "]'])
def test_an_empty_review_tag_is_refused_in_one_line(tags):
    path, result = check_config(f"review:\n  tags: {tags}\n")
    assert result.returncode == 1
    assert result.stdout == f"{path}:2: review.tags: a tag is empty; using all\n"
    config, _ = load_config(path)
    assert config.review.tags == ()


def test_a_theme_named_in_other_letter_case_is_taken():
    path, result = check_config("theme: Nord\n")
    assert result.returncode == 0 and "no problems" in result.stdout
    config, _ = load_config(path)
    from reader.tui.config_check import settings_problems

    assert settings_problems(config) == [] and config.theme == "nord"


def test_an_unknown_theme_names_the_closest():
    path, result = check_config("theme: nrod\n")
    assert result.stdout == (
        f"{path}:1: unknown theme 'nrod' (did you mean nord?); using the default\n"
    )
