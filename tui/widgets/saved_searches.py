"""The saved searches line: each saved search with its key (1-9) and how many articles it
matches now; saving one adds it."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from .. import api
from ..storage import Library

Saved = list[tuple[str, str, int | None]]
"""Saved searches as `(name, query, count)`; the count is None until counted."""


class SavedSearchBar(Static):
    """One line of saved searches, shown once there is one.

    Args:
        library: where they are saved (read and written in thread workers).
    """

    DEFAULT_CSS: ClassVar[str] = """
    SavedSearchBar { height: 1; padding: 0 1; color: $text-muted; display: none; }
    SavedSearchBar.-any { display: block; }
    """

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.library = library
        self.saved: Saved = []
        """The saved searches shown, in the order of their keys."""

    def query_of(self, number: int) -> str | None:
        """The query saved under key `number` (1-9), None when there is none."""
        return self.saved[number - 1][1] if 0 < number <= len(self.saved) else None

    @work(thread=True, exclusive=True, group="saved", exit_on_error=False)
    def count(self, counts: bool = True) -> Saved:
        """Read the saved searches again, each with how many articles it matches now.

        Args:
            counts: Run the searches; False lists the names only (counts None), which is
                quick enough for start-up, where searching would compete with the list.
        """
        if not counts:
            return [(name, query, None) for name, query in api.saved_searches(self.library)]
        from ..search import search  # not at import: the first list is drawn without it

        return [(name, query, search(self.library, query, limit=0).total)
                for name, query in api.saved_searches(self.library)]

    @work(thread=True, group="saved-write", exit_on_error=False)
    def save(self, name: str, query: str) -> None:
        """Save `query` as `name` (replacing one of that name), say so, and count again."""
        api.save_search(self.library, name, query)
        self.app.call_from_thread(self.notify, f"Saved search “{name}”.", markup=False)
        self.app.call_from_thread(self.count)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, list):
            self._show(worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"{worker.group} failed: {worker.error}", severity="error",
                        markup=False)

    def _show(self, saved: Saved) -> None:
        self.saved = saved
        self.set_class(bool(saved), "-any")
        parts = [Content.assemble((f"{n} ", "bold $accent"), name,
                                  "" if count is None else f" {count:,}")
                 for n, (name, _, count) in enumerate(saved[:9], start=1)]
        self.update(Content("  ").join(parts))
