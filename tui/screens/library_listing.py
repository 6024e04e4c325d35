"""What the library screen lists: one load of the list (run in a worker thread) and the status
line that describes it. No widget here: the screen shows what these return."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual.content import Content

from ..models import ArticleRow, SearchResult
from ..search import search
from ..storage import Library
from ..widgets.article_list import PAGE
from ..widgets.status_line import fit_status
from .library_flow import with_unread
from .readonly import WAITING, WAITING_SHORT

ORDERS = ("newest", "oldest", "title")
ORDER_NAMES = {"newest": "newest first", "oldest": "oldest first", "title": "by title",
               "relevance": "best match first", "mentions": "most mentioned first"}


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
    unread: bool = False
    """Only unread articles were listed (`library.unread_only`)."""


FirstPage = Callable[[Listing, list[ArticleRow]], object]
"""`first_page(listing, rows)`: the first rows of a list, before all its ids are read."""


def searched(listing: Listing, result: SearchResult) -> Listing:
    """`listing` with what `result` found."""
    listing.ids, listing.total, listing.terms = result.ids, result.total, result.terms
    listing.elapsed_ms, listing.notices = result.elapsed_ms, result.notices
    listing.ranked, listing.ranking = result.ranked, result.ranking
    listing.suggestions = result.suggestions
    return listing


def plural(count: int, word: str, words: str | None = None) -> str:
    """`1 article`, `2,225 articles`."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def load_listing(library: Library, query: str, order: str, *, first: bool, unread: bool,
                 cancelled: Callable[[], bool], first_page: FirstPage,
                 pause: Callable[[], None] | None = None) -> Listing:
    """List the library for a search (`query`, stripped as typed) in `order` (in a worker
    thread).

    Args:
        library: the library listed.
        query: the search; under two letters the whole library is listed in `order`.
        order: one of `ORDERS` (a search ranks its hits unless `order` says otherwise).
        first: the screen's first load: a big library's first page is read on its own.
        unread: list only unread articles (`is:unread` joins the search).
        cancelled: polled while searching: True gives up (the result is not wanted).
        first_page: given the first rows of a big list or of a search with very many matches,
            before the whole list is made.
        pause: called while the whole list is read (see `storage.yielding`): the first load
            gives way to a search the person starts meanwhile.
    """
    listing = Listing(query, order, [], library.orders.listed_count(), unread=unread)
    if unread and len(query) < 2:  # unread only, no search: in the list's order
        searched(listing, search(library, with_unread("", True), limit=0, order=order,
                                 cancelled=cancelled))
    elif len(query) >= 2:  # one letter would match everything or nothing
        def early(page: SearchResult) -> None:
            """Very many matches: their count and first page now, the rest when listed."""
            if not cancelled():
                shown = searched(Listing(query, order, [], listing.count, partial=True,
                                         unread=unread), page)
                first_page(shown, list(library.articles.rows(page.ids).values()))

        searched(listing, search(library, with_unread(query, unread), limit=1, live=True,
                                 early=early, cancelled=cancelled))
    elif not cancelled():
        if first and not query and listing.count > PAGE:
            # Reading every id grows with the library (docs/performance.md): the first page
            # comes from one small query before, so that the first paint does not.
            rows = library.articles.list_rows(PAGE, order)
            first_page(Listing(query, order, [row.id for row in rows], listing.count,
                               partial=True), rows)
        ids = library.orders.every(order, cancelled=cancelled, pause=pause)
        if ids is None:  # a search typed meanwhile wants the list: it goes first
            return listing
        listing.ids = ids
        if query:
            listing.total = len(listing.ids)
            listing.notices = ["type another letter to search"]
    return listing


def status_line(listing: Listing, width: int, *, writer_waiting: bool) -> Content:
    """The status line for `listing`, fitted to `width` cells: the time a search took goes
    first, then its order; the count and the notices stay (cut after a word only if they must).

    Args:
        listing: what the list shows.
        width: the cells available.
        writer_waiting: a change waits for another writer (said before the notices: it is why
            a key seems to do nothing).
    """
    parts: list[tuple[str, ...]]
    if listing.query:
        parts = [(plural(listing.total, "match", "matches"),),
                 (f"{listing.elapsed_ms:.0f} ms", "")]
        if listing.ranked:  # else a notice says why they come newest first
            parts.append((ORDER_NAMES[listing.ranking], ""))
    else:
        count = listing.total if listing.unread else listing.count
        parts = [(plural(count, "article"),), (ORDER_NAMES[listing.order], "")]
    if listing.unread:
        parts.insert(1, ("unread only (U: all)", "unread only"))
    if writer_waiting:
        parts.append((WAITING, WAITING_SHORT))
    parts += [(notice,) for notice in listing.notices]
    return Content(fit_status(parts, width, order=range(1, 3), separators=(" · ",)))
