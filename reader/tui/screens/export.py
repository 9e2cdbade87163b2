"""The export dialog: a format and a file (or a folder, for a page per article); an existing
file is replaced only when asked, a folder's pages only where reader wrote them."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioSet, Static

from reader.errors import ReaderError
from reader.infra.names import too_long_part
from reader.notes.export import (
    EXPORTERS,
    FORMATS,
    FolderReport,
    export,
    export_pages,
    named_file,
    write_export,
)
from reader.notes.records import NoteRecord
from reader.paths import home_expanded
from reader.text.counts import plural
from reader.text.safe import visible
from reader.tui.key_phrases import key_line
from reader.tui.keys import bindings, bound_key
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.choice import Choice, Option, Tick, pressed_button
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.prefilled_input import PrefilledInput


class ExportScreen(ModalScreen[Path | None]):
    """Export the notes on show to a file."""

    DEFAULT_CSS = screen_css("export")

    BINDINGS = bindings("export")

    def __init__(self, records: list[NoteRecord], directory: Path | None = None) -> None:
        super().__init__()
        self.records = records
        self.directory = directory or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label(
                f"Export {plural(len(self.records), 'note')}",
                id="export-title",
            )
            with Choice(id="export-format"):
                for n, fmt in enumerate(FORMATS):
                    yield Option(fmt, value=n == 0, name=fmt)
            yield Label("File", id="export-path-label")
            yield PrefilledInput(str(self.directory / "reader-notes.md"), id="export-path")
            yield Tick("Replace the file if it exists", id="export-force")
            yield Static("", id="export-problem")  # why the export was refused, if it was
            export, cancel = (
                bound_key(self.app, "export.save"),
                bound_key(self.app, "export.cancel"),
            )
            yield Static(key_line(f"{export} export", f"{cancel} cancel"), id="export-keys")
        yield KeyBar()  # this dialog's keys, over the ones of the screen beneath

    @property
    def fmt(self) -> str:
        pressed = pressed_button(self.query_one(Choice))
        return pressed.name if pressed is not None and pressed.name else FORMATS[0]

    @on(Input.Changed, "#export-path")
    @on(Checkbox.Changed, "#export-force")
    def _changed(self) -> None:
        """What was refused has changed: the refusal goes."""
        self.query_one("#export-problem", Static).remove_class("-shown")

    def _refuse(self, why: str, severity: str = "error") -> None:
        """Say in the dialog, under the file it names, why nothing was written (a toast
        would cover the dialog)."""
        problem = self.query_one("#export-problem", Static)
        problem.update(Text(visible(why)))
        problem.set_class(severity == "error", "-error")
        problem.add_class("-shown")
        problem.scroll_visible(animate=False)

    @on(RadioSet.Changed)
    def _on_format(self) -> None:
        exporter = EXPORTERS[self.fmt]
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        # A folder format takes a folder: the file's suffix goes.
        suffix = "" if exporter.is_folder else "." + exporter.extension
        path_input.value = str(path.with_suffix(suffix))
        self.query_one("#export-force", Checkbox).display = not exporter.is_folder
        self.query_one("#export-path-label", Label).update(
            "Folder" if exporter.is_folder else "File"
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        given = self.query_one("#export-path", Input).value
        try:
            path = home_expanded(given)
        except ReaderError as error:
            self._refuse(str(error))
            return
        if too_long_part(path) is not None:  # said at once, not once the notes are written out
            self._refuse(f"Cannot write {path}: {os.strerror(errno.ENAMETOOLONG)}")
            return
        if EXPORTERS[self.fmt].is_folder:
            self._export_folder(path)
            return
        force = self.query_one("#export-force", Checkbox).value
        try:
            write_export(export(self.records, self.fmt), named_file(given), force=force)
        except FileExistsError:
            self._refuse(f"{path} exists: tick “Replace” or choose another name.", "warning")
            return
        except IsADirectoryError as exc:  # named as typed: a name ending with / is a folder
            self._refuse(f"Cannot write {exc.filename or path}: {exc.strerror}")
            return
        except OSError as exc:
            self._refuse(f"Cannot write {path}: {exc.strerror or exc}")
            return
        count = len(self.records)
        self.notify(f"Exported {plural(count, 'note')} to {path}", timeout=4)
        self.dismiss(path)

    def _export_folder(self, directory: Path) -> None:
        try:
            report = export_pages(self.records, self.fmt, directory)
        except ReaderError as error:
            self._refuse(str(error))
            return
        if report.failed:
            path, reason = report.failed[0]
            more = f" (and {len(report.failed) - 1} more)" if len(report.failed) > 1 else ""
            self._refuse(f"{path.name}: {reason}; left as it is{more}")
            return
        self.notify(_pages_written(len(self.records), directory, report), timeout=4)
        self.dismiss(directory)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _pages_written(count: int, directory: Path, report: FolderReport) -> str:
    pages = len(report.created) + len(report.updated) + len(report.unchanged)
    return f"Exported {plural(count, 'note')} to {directory} ({plural(pages, 'page')})"
