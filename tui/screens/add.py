"""The add-articles dialog: ingest a file or folder in a worker, with progress and a report."""

from __future__ import annotations

import time
from pathlib import Path

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from ..app import NewsReader
from ..help_text import ADD_FORMATS
from ..models import IngestReport
from ..storage import Library, LibraryError
from ..text import visible

SHOWN_SKIPS = 3
"""Skip reasons listed in the dialog; the CLI (`newsreader add`) lists them all."""
PROGRESS_EVERY_S = 0.05
"""Progress reaches the UI at most this often, so big folders are not slowed by repaints."""


def summary(report: IngestReport) -> Content:
    """The report as literal text: counts on the first line, then a few skip reasons."""
    lines = [report.counts()]
    if report.ignored:
        lines.append(f"{report.ignored} files of other types ignored")
    for skip in report.skipped[:SHOWN_SKIPS]:
        # A file name is untrusted text: its escapes are spelt out, never sent.
        lines.append(visible(f"skipped {Path(skip.source).name or skip.source}: {skip.reason}"))
    if len(report.skipped) > SHOWN_SKIPS:
        lines.append(f"… and {len(report.skipped) - SHOWN_SKIPS} more skipped")
    return Content("\n".join(lines))


class AddArticlesScreen(ModalScreen[int]):
    """Ask for a path and add what it holds; dismisses with the number of articles added.

    Args:
        library: where the articles go.
    """

    app = getters.app(NewsReader)

    DEFAULT_CSS = """
    AddArticlesScreen {
        align: center middle;
        #add-dialog {
            width: 64; max-width: 100%; height: auto;
            border: round $primary; background: $surface; padding: 1 2;
        }
        #add-title { text-style: bold; }
        #add-help, #add-keys { color: $text-muted; }
        #add-path { margin-top: 1; }
        #add-progress { display: none; }
        #add-result { display: none; margin-top: 1; height: auto; }
        &.-said #add-result { display: block; }
        #add-keys { margin-top: 1; }
        &.-running #add-progress { display: block; }
        &.-failed #add-result { color: $error; }
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="add.close", tooltip="Close this dialog"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.added = 0
        """Articles added since the dialog opened (what it dismisses with)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog"):
            yield Static("Add articles", id="add-title")
            yield Static(Content(f"A file, a folder (read recursively) or a URL: {ADD_FORMATS}."),
                         id="add-help")
            yield Input(placeholder="~/articles/", id="add-path")
            yield ProgressBar(show_eta=False, id="add-progress")
            yield Static("", id="add-result")
            yield Static("enter add · escape close", id="add-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.has_class("-running"):
            return
        path = event.value.strip()
        if not path:
            self._say(Content("Type the path of a file or folder first."), failed=True)
            return
        self.add_class("-running")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._say(Content(f"adding {visible(path)} …"))
        settings = self.app.settings
        from ..ingest.fetch import is_url  # a URL is no path: Path() would fold its "//"

        self._ingest(path if is_url(path) else str(Path(path).expanduser()),
                     settings.max_file_bytes, settings.workers or None,
                     settings.update_articles)

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _ingest(self, path: str, max_bytes: int, workers: int | None,
                update: bool = True) -> IngestReport | str:
        from .. import api

        last = 0.0

        def progress(done: int, total: int, _articles: int) -> None:
            nonlocal last
            now = time.monotonic()
            if done == total or now - last >= PROGRESS_EVERY_S:
                last = now
                self.app.call_from_thread(self._progress, done, total)

        try:
            # As `newsreader add`: the rules apply, and the entities an older extractor read
            # are read again.
            return api.add(self.library, [path], max_bytes=max_bytes, progress=progress,
                           workers=workers, update=update, rules=self.app.settings.rules)
        except (LibraryError, OSError, RuntimeError) as exc:
            return visible(f"could not add {path}: {exc}")

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "ingest" or not event.worker.is_finished:
            return
        self.remove_class("-running")
        result = event.worker.result
        if event.state == WorkerState.SUCCESS and isinstance(result, IngestReport):
            self.added += result.added
            self._say(summary(result))
        elif event.state == WorkerState.SUCCESS:
            self._say(Content(str(result)), failed=True)
        else:
            error = event.worker.error
            self._say(Content(f"unexpected error ({type(error).__name__}: {error})"), failed=True)
        self.refresh_bindings()

    def _say(self, text: Content, failed: bool = False) -> None:
        self.add_class("-said")
        self.set_class(failed, "-failed")
        self.query_one("#add-result", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "close" and self.has_class("-running") else True

    def action_close(self) -> None:
        self.dismiss(self.added)
