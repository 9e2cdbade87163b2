"""The export dialog on the Notes screen offers every preset; a folder preset writes pages."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Checkbox, Input, Label, RadioSet

from reader.tui.screens.export import ExportScreen
from tests.tui.conftest import Notified, press_in_turn, settle, typed
from tests.tui.test_notes_screen import with_notes


async def test_export_dialog_writes_obsidian_pages_into_a_folder(make_app, tmp_path):
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        screen = await with_notes(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        formats = [str(b.label) for b in dialog.query_one(RadioSet).query("RadioButton")]
        assert formats == [
            "markdown",
            "json",
            "csv",
            "yaml",
            "hypothesis",
            "readwise",
            "koreader",
            "obsidian",
            "logseq",
        ]
        assert isinstance(app.focused, RadioSet)
        await typed(pilot, *["right"] * 7)
        await press_in_turn(pilot, "enter")
        await pilot.pause()
        path = dialog.query_one("#export-path", Input)
        assert not path.value.endswith(".md"), "a folder preset takes a folder"
        force = dialog.query_one("#export-force", Checkbox)
        assert not force.display, "replacing a file means nothing for a folder"
        assert str(dialog.query_one("#export-path-label", Label).render()) == "Folder"
        await pilot.press("left", "enter")  # koreader: a file again
        await pilot.pause()
        assert force.display and not force.disabled
        await pilot.press("right", "enter")
        await pilot.pause()
        vault = tmp_path / "vault"
        path.value = str(vault)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        pages = sorted(vault.glob("*.md"))
        assert len(pages) == 2  # a page per article
        texts = [p.read_text() for p in pages]
        assert all("%% reader:begin" in t and "%% reader:end %%" in t for t in texts)
        assert sum(len(re.findall(r"^\^hl-[0-9a-f]{10}$", t, re.MULTILINE)) for t in texts) == 3
        assert any("Exported 3 notes" in m for m in notified.messages())


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
async def test_a_refused_export_says_why_inside_the_dialog(make_app, tmp_path, size):
    from textual.widgets._toast import Toast

    target = tmp_path / "notes.md"
    target.write_text("kept")
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await with_notes(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen.query_one("#export")
        app.screen.query_one("#export-path", Input).value = str(target)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert target.read_text() == "kept"
        # Said within the dialog (its border and scrollbar aside), nothing drawn over it.
        inside = dialog.scrollable_content_region
        rows = [
            strip.crop(inside.x, inside.right).text
            for strip in app.screen._compositor.render_strips()[inside.y : inside.bottom]
        ]
        said = " ".join(" ".join(rows).split())
        assert f"{target.name} exists: tick “Replace” or choose another name." in said, rows
        toasts = [t.region for t in app.screen.query(Toast)]
        assert not any(region.overlaps(dialog.region) for region in toasts), toasts
        # Ticking "Replace" (or another path) takes the refusal back.
        problem = app.screen.query_one("#export-problem")
        assert problem.display
        app.screen.query_one("#export-force", Checkbox).value = True
        await pilot.pause()
        assert not problem.display


@pytest.mark.parametrize("fmt", ["markdown", "obsidian"])
async def test_a_file_name_no_filesystem_takes_is_refused_before_the_notes_are_written_out(
    make_app, library, tmp_path, monkeypatch, fmt
):
    # Thousands of notes take a while to write out: a name of over 255 bytes is refused
    # before, at once, rather than once they are.
    import reader.tui.screens.export as dialog_module

    written_out: list[str] = []
    for name in ("export", "export_pages"):
        original = getattr(dialog_module, name)
        monkeypatch.setattr(
            dialog_module,
            name,
            lambda *args, _original=original, _name=name: (
                written_out.append(_name) or _original(*args)
            ),
        )
    target = tmp_path / ("a" * 300) / "notes"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await with_notes(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        buttons = list(screen.query_one(RadioSet).query("RadioButton"))
        next(b for b in buttons if str(b.label) == fmt).value = True
        await settle(pilot)
        screen.query_one("#export-path", Input).value = str(target)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        problem = str(screen.query_one("#export-problem").render())
        assert problem == f"Cannot write {target}: File name too long"
        assert written_out == []
        assert list(tmp_path.iterdir()) == [library]  # nothing made


async def test_an_empty_table_is_not_exported_and_the_notes_screen_says_why(make_app):
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        screen = await with_notes(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"zzzzq")
        await press_in_turn(pilot, "escape")  # to the table, the filter kept
        await settle(pilot)
        assert screen.shown == []
        await press_in_turn(pilot, "x")
        await settle(pilot)
        assert app.screen is screen, "no dialog to write an empty document"
        assert notified.messages()[-1] == "No notes shown to export: the filter leaves none."
        await press_in_turn(pilot, "escape")  # the filter cleared
        for _ in range(3):
            await press_in_turn(pilot, "d")
            await settle(pilot)
        assert screen.records == []
        await press_in_turn(pilot, "x")
        await settle(pilot)
        assert app.screen is screen
        assert notified.messages()[-1] == "No notes to export."


async def test_an_export_into_a_folder_that_is_not_there_is_refused_and_none_made(
    make_app, tmp_path
):
    target = tmp_path / "nowhere" / "deeper" / "notes.md"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await with_notes(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#export-path", Input).value = str(target)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        problem = str(screen.query_one("#export-problem").render())
        assert problem == f"Cannot write {target}: the folder {target.parent} does not exist"
    assert not (tmp_path / "nowhere").exists()


async def test_a_file_name_ending_with_a_slash_is_refused_and_the_file_kept(make_app, tmp_path):
    existing = tmp_path / "notes.md"
    existing.write_text("mine\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await with_notes(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#export-path", Input).value = f"{existing}/"
        screen.query_one("#export-force", Checkbox).value = True
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        problem = str(screen.query_one("#export-problem").render())
        assert problem == f"Cannot write {existing}/: it ends with /: name a file"
    assert existing.read_text() == "mine\n"
