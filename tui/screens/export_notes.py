"""The palette's "Export notes": the Markdown export of `newsreader export`, into a folder the
person names (a one-line prompt), written in a worker; the result is a notice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .prompt import PromptScreen

if TYPE_CHECKING:
    from ..app import NewsReader

DEFAULT_FOLDER = "~/newsreader-notes"


def ask_and_export(app: NewsReader) -> None:
    """Ask for a folder, then export every tagged or annotated article there as Markdown."""
    def chosen(folder: str | None) -> None:
        if folder:
            app.run_worker(lambda: _export(app, folder), thread=True, group="export",
                           exit_on_error=False)

    app.push_screen(PromptScreen("Export notes and highlights as Markdown into the folder:",
                                 DEFAULT_FOLDER), chosen)


def _export(app: NewsReader, folder: str) -> None:
    from .. import api
    from ..text import visible

    library = app.library
    path = Path(folder).expanduser()
    try:
        written = api.export_markdown(library, path)
    except api.LibraryError:
        app.call_from_thread(app.notify, f"{visible(str(path))} is a file; give a folder",
                             title="Not exported", severity="warning", markup=False)
        return
    except OSError as exc:
        app.call_from_thread(app.notify, f"cannot write {visible(str(path))}: "
                             f"{exc.strerror or exc}", title="Not exported",
                             severity="error", markup=False)
        return
    noun = "article" if len(written) == 1 else "articles"
    app.call_from_thread(app.notify, f"{len(written)} {noun} with notes, highlights or tags "
                         f"in {visible(str(path))}", title="Exported", markup=False)
