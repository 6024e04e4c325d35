"""The library screen's extras: the highlighted result's passage and saved searches."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import Input, Static

from ..search import search
from ..search.snippets import make_snippet
from .readonly import writes


class LibraryExtras:
    """Mixed into LibraryScreen (which supplies `library`, `shown`, `article_list`, `saved`)."""

    # -- preview of the highlighted result -------------------------------------------------

    def _update_preview(self) -> None:
        article_id = self.article_list.current_id
        if self.shown is None or not self.shown.query:
            return
        if article_id is None:  # nothing matches: no passage of an earlier result may stay
            self.workers.cancel_group(self, "preview")
            self.query_one("#library-preview", Static).update("")
            return
        self._preview(article_id, list(self.shown.terms))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _preview(self, article_id: int, terms: list[str]) -> Content:
        """The highlighted result's best passage, its hits in the theme's accent colour."""
        row = self.library.hit_rows([article_id]).get(article_id)
        if row is None:
            return Content("")
        text, spans = make_snippet(row[3], terms)
        content = Content(text)  # article text: literal, never markup
        for span in spans:
            content = content.stylize("bold $accent", span.start, span.end)
        return content

    # -- saved searches ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="saved", exit_on_error=False)
    def _count_saved(self, counts: bool = True) -> list[tuple[str, str, int | None]]:
        """Each saved search with how many articles it matches now.

        Args:
            counts: Run the searches; False lists the names only (counts None), which is
                quick enough for start-up, where searching would compete with the list.
        """
        return [(name, query, search(self.library, query, limit=0).total if counts else None)
                for name, query in self.library.saved_searches()]

    def _show_saved(self, saved: list[tuple[str, str, int | None]]) -> None:
        self.saved = saved
        self.set_class(bool(saved), "-saved")
        parts = [Content.assemble((f"{n} ", "bold $accent"), name,
                                  "" if count is None else f" {count:,}")
                 for n, (name, _, count) in enumerate(saved[:9], start=1)]
        self.query_one("#library-saved", Static).update(Content("  ").join(parts))

    def action_saved(self, number: int) -> None:
        if number > len(self.saved):
            self.notify(f"No saved search {number}: search, then ctrl+s to save one.",
                        severity="warning")
            return
        self.query_one(Input).value = self.saved[number - 1][1]
        self.action_focus_list()

    @writes
    def action_save_search(self) -> None:
        from .prompt import PromptScreen

        query = self.search_text

        def save(name: str | None) -> None:
            if name:
                self._save(name, query)

        self.app.push_screen(PromptScreen(f"Save the search “{query}” as:",
                                          placeholder="a short name"), save)

    @work(thread=True, group="saved-write", exit_on_error=False)
    def _save(self, name: str, query: str) -> None:
        self.library.save_search(name, query)
        self.app.call_from_thread(self.notify, f"Saved search “{name}”.", markup=False)
        self.app.call_from_thread(self._count_saved)
