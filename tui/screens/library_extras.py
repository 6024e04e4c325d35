"""The library screen's extras: the highlighted result's passage, saved searches, and the
verbs that reach feeds, entities and tags."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ..help_text import ADD_FORMATS, QUERY_HELP
from ..search import search
from ..search.snippets import SNIPPET_CHARS, make_snippet
from ..text import visible
from .notes_dialogs import TagListScreen
from .readonly import writes


def shown_path(path) -> str:
    """A path as a person would type it: the home folder as ~."""
    from pathlib import Path

    text, home = str(path), str(Path.home())
    return "~" + text[len(home):] if text.startswith(home + "/") else text


def library_help(path) -> str:
    """What `?` says on the library screen before the search language: the library file and
    how to add articles."""
    return (f"Your library: {shown_path(path)} (newsreader --db PATH or NEWSREADER_DB chooses "
            f"another).\nAdd articles: a here, or newsreader add PATH|URL in a shell; it reads "
            f"{ADD_FORMATS}.\n\nSearch language (type after /):\n{QUERY_HELP}")


class LibraryExtras:
    """Mixed into LibraryScreen (which supplies `library`, `shown`, `article_list`, `saved`,
    `reload()` and `action_focus_list()`)."""

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
        row = self.library.hit_rows([article_id], chars=SNIPPET_CHARS).get(article_id)
        if row is None:
            return Content("")
        text, spans = make_snippet(row[3], terms)
        content = Content(text)  # article text: literal, never markup
        for span in spans:
            content = content.stylize("bold $accent", span.start, span.end)
        return content

    # -- a first start ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="welcome", exit_on_error=False)
    def _check_welcome(self) -> None:
        """With nothing but the bundled seed in the library, say in one line what newsreader
        is, where the library lives and how to add articles (hidden once there is more)."""
        from ..config import seeds_dir
        from ..ingest import holds_only_seeds

        first_start = holds_only_seeds(self.library, str(seeds_dir()))
        self.app.call_from_thread(self._show_welcome, first_start)

    def _show_welcome(self, first_start: bool) -> None:
        self.set_class(first_start, "-welcome")
        if first_start:
            self.query_one("#library-welcome", Static).update(Content.assemble(
                ("newsreader", "bold"), " reads your news archive, kept in ",
                (shown_path(self.library.path), "bold"), ". ", ("a", "bold $accent"),
                " adds articles (or newsreader add PATH in a shell)."))

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
        self.show_query(self.saved[number - 1][1])

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

    # -- feeds, entities, tags ---------------------------------------------------------------

    @writes
    def action_update_feeds(self) -> None:
        self.notify("Updating feeds…", timeout=2)
        self._update_feeds()

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def _update_feeds(self) -> None:
        from ..ingest.update import update_feeds

        worker = get_current_worker()

        def progress(done: int, total: int, url: str) -> None:
            self.app.call_from_thread(self.notify, f"Feeds: {done} of {total} fetched",
                                      timeout=2)
            # New articles show as each feed lands, not at the end.
            self.app.call_from_thread(self.reload, self.article_list.current_id, True)

        if not self.library.feeds():
            self.app.call_from_thread(self.notify, "No feeds yet: newsreader feeds add URL",
                                      severity="warning")
            return
        # Quitting cancels the worker: the fetch under way is given up at once.
        report = update_feeds(self.library, max_bytes=self.app.settings.max_file_bytes,
                              progress=progress, update=self.app.settings.update_articles,
                              cancelled=lambda: worker.is_cancelled,
                              rules=self.app.settings.rules)
        if report.interrupted:
            return
        message = f"Feeds: {report.added} new, {report.updated} updated"
        if report.skipped:
            skip = report.skipped[0]
            message += visible(f"; skipped {skip.source}: {skip.reason}")
        self.app.call_from_thread(self.notify, message, markup=False,
                                  severity="warning" if report.skipped else "information")
        self.app.call_from_thread(self.reload, self.article_list.current_id, True)

    def action_entities(self) -> None:
        from .entities import EntitiesScreen, entity_query

        def done(choice: tuple[str, str] | None) -> None:
            if choice:
                self.show_query(entity_query(*choice))

        self.app.push_screen(EntitiesScreen(self.library), done)

    def action_tag_list(self) -> None:
        self._tag_list()

    @work(thread=True, group="tags", exit_on_error=False)
    def _tag_list(self) -> None:
        tags = self.library.tags()
        self.app.call_from_thread(self.app.push_screen, TagListScreen(tags), self.show_tag)

    def show_tag(self, tag: str | None) -> None:
        """List the articles with `tag` (a `tag:` search, so it combines with words)."""
        if tag:
            self.show_query(f'tag:"{tag}"' if " " in tag else f"tag:{tag}")

    def action_suggestion(self) -> None:
        """Search what the status line suggests ("did you mean ...?"), focus where it was."""
        if self.shown and self.shown.suggestions:
            box = self.query_one(Input)
            box.value = self.shown.suggestions[0]
            box.cursor_position = len(box.value)  # typing on adds to it

    def show_query(self, query: str) -> None:
        """Search for `query` as if typed, with the list focused to browse the results."""
        self._cursor_at_search = self.article_list.cursor
        self.query_one(Input).value = query
        self.action_focus_list()
