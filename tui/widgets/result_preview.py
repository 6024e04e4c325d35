"""The passage of the highlighted search result that best matches the search, under the list."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ..storage import Library


class ResultPreview(Static):
    """Two lines of the highlighted result, its hits in the theme's accent colour.

    Args:
        library: where the passage is read from (in a thread worker).
    """

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.library = library

    def show(self, article_id: int | None, terms: list[str]) -> None:
        """Show the best passage of `article_id` for `terms`; None clears it (nothing
        matches: no passage of an earlier result may stay)."""
        if article_id is None:
            self.workers.cancel_group(self, "preview")
            self.update("")
            return
        self._read(article_id, list(terms))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _read(self, article_id: int, terms: list[str]) -> Content:
        from ..search import snippets  # only while searching; the package first (test_import_races)

        row = self.library.matching.hit_rows([article_id], chars=snippets.SNIPPET_CHARS).get(article_id)
        if row is None:
            return Content("")
        text, spans = snippets.make_snippet(row[3], terms)
        content = Content(text)  # article text: literal, never markup
        for span in spans:
            content = content.stylize("bold $accent", span.start, span.end)
        return content

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Content):
            self.update(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"preview failed: {event.worker.error}", severity="error",
                        markup=False)
