"""ctrl+z: undo the session's last change (see `tui.undo`), say what was undone, and let each
open screen show the result (screens that show changed things define `after_undo(undone)`)."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from ..storage import LibraryError
from ..undo import Undone

if TYPE_CHECKING:
    from ..app import NewsReader


def undo(app: NewsReader) -> None:
    """Undo the last change in a worker thread (it writes the library)."""
    if app.library.readonly:
        app.notify(app.library.refusal(), title="Read-only library", severity="warning",
                   markup=False)
        return
    app.run_worker(lambda: _undo(app), thread=True, group="undo", exit_on_error=False)


def _undo(app: NewsReader) -> None:
    try:
        undone = app.changes.undo()
    except LibraryError as exc:
        app.call_from_thread(app.notify, f"Nothing was undone: {exc}", severity="error",
                             markup=False)
        return
    if undone is None:
        app.call_from_thread(app.notify, "Nothing to undo", timeout=3)
        return
    app.call_from_thread(_show, app, undone)


def _show(app: NewsReader, undone: Undone) -> None:
    app.notify(undone.message, markup=False, timeout=4,
               severity="warning" if undone.missing else "information")
    for screen in app.screen_stack:
        hook = getattr(screen, "after_undo", None)
        if hook is not None:
            with suppress(Exception):  # a screen being torn down: nothing to show there
                hook(undone)
