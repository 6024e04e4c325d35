"""The library screen: search as you type over the article list, sort, star, add, live refresh."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ..models import ArticleRow, SearchResult
from ..search import search
from ..storage import Library
from ..widgets.article_list import PAGE, ArticleList
from ..widgets.keyed_input import InOrderInput
from ..widgets.status_line import fit_status
from .library_extras import LibraryExtras, library_help
from .notes_dialogs import TagEditor
from .readonly import WAITING, WAITING_SHORT, writes

ORDERS = ("newest", "oldest", "title")
ORDER_NAMES = {"newest": "newest first", "oldest": "oldest first", "title": "by title",
               "relevance": "best match first", "mentions": "most mentioned first"}
EMPTY = Content.assemble(
    ("Your library is empty.", "bold"), "\n\n", "Add articles from a shell:\n\n",
    ("newsreader add PATH...", "$accent"), "\n\n", "or press ", ("a", "bold $accent"),
    " to add articles here.",
)


@dataclass
class Listing:
    """What one load of the list found (made in a worker thread, shown on the UI thread)."""

    query: str
    order: str
    ids: list[int]
    count: int
    total: int = 0
    elapsed_ms: float = 0.0
    terms: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    partial: bool = False
    """Only the first page of `ids`: the rest is on its way (the first load of a big library,
    or a search matching very many articles)."""
    ranked: bool = True
    ranking: str = "relevance"
    """The order of a ranked search (see `SearchResult.ranking`)."""
    suggestions: list[str] = field(default_factory=list)
    """Queries the search suggests ("did you mean ...?"): `library.suggestion` runs the first."""


def _searched(listing: Listing, result: SearchResult) -> Listing:
    """`listing` with what `result` found."""
    listing.ids, listing.total, listing.terms = result.ids, result.total, result.terms
    listing.elapsed_ms, listing.notices = result.elapsed_ms, result.notices
    listing.ranked, listing.ranking = result.ranked, result.ranking
    listing.suggestions = result.suggestions
    return listing


def plural(count: int, word: str, words: str | None = None) -> str:
    """`1 article`, `2,225 articles`."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


class LibraryScreen(LibraryExtras, Screen):
    """Every article of a library, searchable as you type.

    Args:
        library: the library shown; it is only read and written in thread workers.
    """

    @property
    def HELP(self) -> str:  # noqa: N802 - Textual's name for a screen's help text
        return library_help(self.library.path)

    POLL_SECONDS: ClassVar[float] = 2.0
    """How often the library is checked for changes made by other processes (0: never).

    The poller runs as long as the screen, so `app.workers.wait_for_complete()` never returns
    while it runs: tests that wait for every worker set this to 0."""
    AUTO_FOCUS = None
    DEFAULT_CSS = """
    LibraryScreen {
        #library-header { height: 1; background: $panel; padding: 0 1; }
        #library-title { width: 1fr; color: $primary; text-style: bold; }
        #library-count { width: auto; color: $text-muted; }
        #library-search { margin: 0 1; background: $surface; padding: 0 1; }
        #library-empty {
            display: none; height: 1fr; content-align: center middle; text-align: center;
        }
        #library-status { height: 1; padding: 0 1; color: $text-muted; background: $surface; }
        #library-saved { height: 1; padding: 0 1; color: $text-muted; display: none; }
        #library-welcome { height: auto; padding: 0 1; color: $text-muted; display: none; }
        &.-welcome #library-welcome { display: block; }
        #library-preview {
            height: 2; padding: 0 1; display: none; background: $surface; color: $text-muted;
        }
        &.-searching #library-preview { display: block; }
        &.-empty #library-preview { display: none; }
        &.-saved #library-saved { display: block; }
        &.-empty #library-empty { display: block; }
        &.-empty ArticleList { display: none; }
    }
    """
    BINDINGS = [
        # Keys that move the focus are priority bindings: the app runs them as each key is
        # read, so the keys after them in one burst (a slow link, a paste) go where they send
        # the focus ("/stats" must not star the article with its 's').
        Binding("slash", "focus_search", "Search", id="library.search", priority=True,
                tooltip="Search titles and text as you type"),
        Binding("escape", "clear_search", "Clear", id="library.clear", priority=True,
                tooltip="Clear the search and go back to the list"),
        Binding("down,enter", "focus_list", "To list", id="library.to_list", priority=True,
                tooltip="Go from the search box to the results"),
        Binding("s", "toggle('starred')", "Star", id="library.star",
                tooltip="Star or unstar the highlighted article"),
        Binding("r", "toggle('read')", "Read/unread", id="library.read", show=False,
                tooltip="Mark the highlighted article read or unread"),
        Binding("S", "sort", "Sort", id="library.sort", show=False,
                tooltip="Sort newest first, oldest first or by title"),
        Binding("n", "notebook", "Notebook", id="library.notebook",
                tooltip="Every highlight and note, searchable"),
        Binding("R", "review", "Review", id="library.review", show=False,
                tooltip="Review today's highlights: keep, skip, tag, open"),
        Binding("t", "tags", "Tags", id="library.tags", show=False,
                tooltip="Add or remove tags on the highlighted article"),
        Binding("T", "tag_list", "Tag list", id="library.tag_list", show=False,
                tooltip="Tags with counts; pick one to list its articles"),
        Binding("u", "update_feeds", "Update feeds", id="library.update_feeds", show=False,
                tooltip="Fetch new entries of every subscribed feed (newsreader feeds add URL)"),
        Binding("E", "entities", "Entities", id="library.entities", show=False,
                tooltip="The people, organisations and places the library mentions most"),
        Binding("a", "add", "Add", id="library.add",
                tooltip="Add articles from a file, a folder or a URL"),
        Binding("ctrl+s", "save_search", "Save search", id="library.save_search",
                tooltip="Save this search; saved searches get keys 1-9"),
        Binding("ctrl+y", "suggestion", "Did you mean", id="library.suggestion",
                tooltip="Search what the status line suggests (did you mean …?)"),
        *[Binding(str(n), f"saved({n})", f"Saved search {n}", id=f"library.saved_{n}",
                  show=False) for n in range(1, 10)],
        Binding("q", "quit", "Quit", id="library.quit", tooltip="Quit newsreader"),
    ]

    class LibraryChanged(Message):
        """Another connection changed the library (posted by the polling worker)."""

    @dataclass
    class FirstPage(Message):
        """The first rows of the list, read before all its ids (posted by the first load)."""

        listing: Listing
        rows: list[ArticleRow]

    class Ready(Message):
        """The whole list is on screen for the first time: work that can wait may start."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.tag_editor = TagEditor(library, self, self.tags_changed)
        """The tag dialog (`t`) and the writing of its change."""
        self.order = "newest"
        self.search_text = ""
        """The search whose results are wanted (stripped input text)."""
        self.shown: Listing | None = None
        """The listing on screen, None until the first load arrives."""
        self._ready = False
        """A whole list was shown (Ready was posted)."""
        self._cursor_at_search = 0
        """Where the list's cursor was when a search was last begun, or the list last shown:
        the cursor's moves since then were typed ahead, before the results came."""
        self._wanted: dict[tuple[int, str], bool] = {}
        self.saved: list[tuple[str, str, int | None]] = []
        """Saved searches as (name, query, current count), in the order of their keys."""
        self._flag_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-header"):
            yield Static(Content(self.app.title), id="library-title")
            yield Static("", id="library-count")
        yield InOrderInput(placeholder='/ search  (words, "phrases", prefix*)',
                           id="library-search", compact=True)
        yield Static("", id="library-saved")
        yield Static("", id="library-welcome")
        yield ArticleList(self.library, empty_text="loading…", id="library-list")
        yield Static(EMPTY, id="library-empty")
        yield Static("", id="library-preview")
        yield Static("", id="library-status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        """The list of articles on this screen."""
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.watch(self.article_list, "cursor", self._update_preview, init=False)
        # Now, not later: the first frame has the list focused, so keys typed at once go there
        # (the footer of the search box, where auto-focus would put them, is not shown).
        self.set_focus(self.article_list)
        self.reload()
        self._count_saved(counts=False)  # names now, counts once the list is shown
        self._check_welcome()
        if self.POLL_SECONDS > 0:
            self._poll()

    # -- loading ----------------------------------------------------------------------------

    def reload(self, keep: int | None = None, invalidate: bool = False) -> None:
        """Load the list again for the current search and order, off the UI thread.

        Args:
            keep: the article the cursor should stay on.
            invalidate: also refetch the rows already drawn (flags or titles changed).
        """
        self._load(self.search_text, self.order, keep, invalidate, self.shown is None)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _load(self, query: str, order: str, keep: int | None, invalidate: bool, first: bool):
        worker = get_current_worker()
        listing = Listing(query, order, [], self.library.listed_count())
        if len(query) >= 2:  # one letter would match everything or nothing
            def early(page: SearchResult) -> None:
                """Very many matches: their count and first page now, the rest when listed."""
                if not worker.is_cancelled:
                    shown = _searched(Listing(query, order, [], listing.count, partial=True), page)
                    self.post_message(self.FirstPage(shown, list(self.library.rows(
                        page.ids).values())))

            result = search(self.library, query, limit=1, live=True, early=early,
                            cancelled=lambda: worker.is_cancelled)
            _searched(listing, result)
        elif not worker.is_cancelled:
            if first and not query and listing.count > PAGE:
                # Reading every id takes 0.05 s per 100,000 articles (more while the UI draws):
                # the first page comes from one small query before, so that the first paint
                # does not grow with the library.
                rows = self.library.list_rows(PAGE, order)
                first = Listing(query, order, [row.id for row in rows], listing.count,
                                partial=True)
                self.post_message(self.FirstPage(first, rows))
            listing.ids = self.library.in_order(None, order)
            if query:
                listing.total = len(listing.ids)
                listing.notices = ["type another letter to search"]
        return None if worker.is_cancelled else (listing, keep, invalidate)

    def on_library_screen_first_page(self, message: FirstPage) -> None:
        # The whole list may have come first; and a search shown whole stays while it is
        # listed again (another process added articles).
        if self.shown is None or self.shown.query != message.listing.query:
            self.article_list.add_rows(message.rows)
            self._show(message.listing, None, False)

    def _show(self, listing: Listing, keep: int | None, invalidate: bool) -> None:
        stale_order = not listing.query and listing.order != self.order
        if listing.query != self.search_text or stale_order:
            return  # a newer load is on its way
        article_list = self.article_list
        if keep is not None:
            # Keep the article under the cursor now: a key pressed while the list was loading
            # (another process's change starts a load any time) must not be undone.
            keep = article_list.current_id
        # Moves typed ahead, after the search and before its results (down, j, j in one burst),
        # apply to the results.
        ahead = article_list.cursor - self._cursor_at_search
        empty = listing.count == 0
        self.set_class(empty, "-empty")
        article_list.empty_text = f"Nothing matches “{listing.query}”." if listing.query else ""
        article_list.set_ids(listing.ids, keep, total=(listing.total or listing.count)
                             if listing.partial else None)
        if listing.query and (self.shown is None or self.shown.query != listing.query):
            article_list.cursor = max(0, ahead)
            # The moves stay typed ahead of a later query's results (one typed on in the burst).
            self._cursor_at_search = article_list.cursor - max(0, ahead)
        else:
            # The cursor moved with the list (to the article it kept): not a move of the user's.
            self._cursor_at_search = article_list.cursor
        if invalidate:
            article_list.invalidate()
        first = not self._ready and not listing.partial
        self._ready = self._ready or first
        self.shown = listing
        self.set_class(bool(listing.query), "-searching")
        self._update_preview()
        self.query_one("#library-count", Static).update(plural(listing.count, "article"))
        self.query_one("#library-status", Static).update(self._status(listing))
        if empty and self.focused is article_list:
            self.set_focus(None)
        elif not empty and self.focused is None:
            article_list.focus()
        self.refresh_bindings()
        if first:
            self._count_saved()
            self.post_message(self.Ready())

    def _status(self, listing: Listing) -> Content:
        """The status line, fitted to the screen: the time a search took goes first, then
        its order; the count and the notices stay (cut after a word only if they must)."""
        if listing.query:
            parts = [(plural(listing.total, "match", "matches"),),
                     (f"{listing.elapsed_ms:.0f} ms", "")]
            if listing.ranked:  # else a notice says why they come newest first
                parts.append((ORDER_NAMES[listing.ranking], ""))
        else:
            parts = [(plural(listing.count, "article"),), (ORDER_NAMES[listing.order], "")]
        if self.app.writer_waiting:  # before the notices: it is why a key seems to do nothing
            parts.append((WAITING, WAITING_SHORT))
        parts += [(notice,) for notice in listing.notices]
        width = self.query_one("#library-status").content_region.width or self.size.width - 2
        return Content(fit_status(parts, width, order=range(1, 3), separators=(" · ",)))

    def refresh_status(self) -> None:
        """Show the status again (another writer started or stopped holding us up)."""
        if self.shown is not None:
            self.query_one("#library-status", Static).update(self._status(self.shown))

    def on_resize(self) -> None:
        if self.shown is not None:
            self.query_one("#library-status", Static).update(self._status(self.shown))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS and worker.group == "search" and worker.result:
            self._show(*worker.result)
        elif event.state == WorkerState.SUCCESS and worker.group == "saved":
            self._show_saved(worker.result)
        elif event.state == WorkerState.SUCCESS and worker.group == "preview":
            self.query_one("#library-preview", Static).update(worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"{worker.group} failed: {worker.error}", severity="error", markup=False)
            if worker.group == "flags":
                self.article_list.invalidate()

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll(self) -> None:
        worker = get_current_worker()
        version = self.library.data_version()
        # Also stop when the task ends without `cancel()` (an awaiting test was cancelled, say):
        # a thread left sleeping here would keep asyncio's executor, and the process, alive.
        while worker.is_running and not worker.cancelled_event.wait(self.POLL_SECONDS):
            latest = self.library.data_version()
            if latest != version:
                version = latest
                self.post_message(self.LibraryChanged())

    def on_library_screen_library_changed(self) -> None:
        self.reload(keep=self.article_list.current_id, invalidate=True)
        self._count_saved()
        self._check_welcome()

    # -- search -----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if query != self.search_text:
            self.search_text = query
            self.reload(keep=None if query else self.article_list.current_id)

    def action_focus_search(self) -> None:
        self._cursor_at_search = self.article_list.cursor
        self.set_focus(self.query_one(Input))

    def action_focus_list(self) -> None:
        if not self.has_class("-empty"):
            self.set_focus(self.article_list)

    def action_clear_search(self) -> None:
        self.query_one(Input).value = ""
        self.action_focus_list()

    # -- verbs ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_search = isinstance(self.focused, Input)
        if action == "focus_search":
            return not in_search  # there '/' is typed
        if action == "focus_list":
            return in_search  # in the list, down and enter are its own
        if action == "clear_search":
            return bool(self.search_text) or in_search
        if action in ("sort", "add"):
            return not self.search_text  # hidden while searching: the footer keeps to seven
        if action == "save_search":
            return bool(self.search_text)
        if action == "suggestion":
            return bool(self.shown and self.shown.query and self.shown.suggestions)
        if action == "toggle":
            return None if self.article_list.current_id is None else True
        return True

    def action_sort(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.reload(keep=self.article_list.current_id)

    @writes
    def action_toggle(self, flag: str) -> None:
        row = self.article_list.current_row
        if row is None:
            self.notify("That row is still loading.", severity="warning")
            return
        value = not getattr(row, flag)
        self.article_list.patch(row.id, **{flag: value})
        self._wanted[(row.id, flag)] = value
        self._write_flag(row.id, flag)

    @work(thread=True, group="flags", exit_on_error=False)
    def _write_flag(self, article_id: int, flag: str) -> None:
        # Writes may run out of order; each one writes the latest wish, so the last one wins.
        with self._flag_lock:
            self.library.set_flag(article_id, flag, self._wanted[(article_id, flag)])

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        try:
            from .reader import ReaderScreen
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.reader":
                raise
            self.notify("The reader is not part of this build yet.", severity="warning")
            return
        ids = message.article_list.ids

        def done(index: int | None) -> None:
            if index is not None and 0 <= index < len(ids):
                self.article_list.select_article(ids[index])
            self.article_list.invalidate()

        terms, query = (self.shown.terms, self.shown.query) if self.shown else ([], "")
        self.app.push_screen(ReaderScreen(self.library, ids, message.index, list(terms),
                                          query=query), done)

    @writes
    def action_add(self) -> None:
        from .add import AddArticlesScreen

        def done(_added: int | None) -> None:
            self.reload(keep=self.article_list.current_id, invalidate=True)
            self._check_welcome()

        self.app.push_screen(AddArticlesScreen(self.library), done)

    def action_review(self) -> None:
        from .review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.library))

    def action_notebook(self) -> None:
        from .notebook import NotebookScreen

        self.app.push_screen(NotebookScreen(self.library),
                             lambda _: self.reload(keep=self.article_list.current_id,
                                                   invalidate=True))

    @writes
    def action_tags(self) -> None:
        article_id = self.article_list.current_id
        if article_id is not None:
            self.edit_tags([article_id])

    def edit_tags(self, article_ids: list[int]) -> None:
        self.tag_editor.edit(article_ids)

    def tags_changed(self, tags: list[str]) -> None:
        self.article_list.invalidate()

    def action_quit(self) -> None:
        self.app.exit()
