"""The library's reading flow: unread only (`U`), mark the whole list read (`A`, asking first
and saying how many), and the sources view (`F`). LibraryScreen binds the keys and calls these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from .library import LibraryScreen

FLOW_BINDINGS = [
    Binding("U", "unread_only", "Unread only", id="library.unread_only", show=False,
            tooltip="List only unread articles (again: every article); is:unread in a search"),
    Binding("A", "mark_all_read", "Mark all read", id="library.mark_all_read", show=False,
            tooltip="Mark every article of this list read (asks first, says how many)"),
    Binding("F", "sources", "Sources", id="library.sources", show=False,
            tooltip="Every source with its article and unread counts; enter lists its articles"),
]


def with_unread(query: str, unread_only: bool) -> str:
    """The query searched for `query` as typed: with `is:unread` when only unread articles
    are listed (the typed words stay last, so the word being typed is still a prefix)."""
    if not unread_only:
        return query
    if not query:
        return "is:unread"
    if any(word in ("OR", "(", ")") for word in query.replace("(", " ( ").replace(
            ")", " ) ").split()):
        return f"is:unread ({query})"
    return f"is:unread {query}"


def toggle_unread(screen: LibraryScreen) -> None:
    screen.unread_only = not screen.unread_only
    screen.notify("Unread articles only (U shows all)" if screen.unread_only
                  else "Every article", timeout=2)
    screen.reload(keep=screen.article_list.current_id)


def mark_all_read(screen: LibraryScreen) -> None:
    """Count the unread articles of the list, ask, then mark them read (one undo)."""
    if screen.shown is None or screen.shown.partial:
        screen.notify("The list is still loading", severity="warning", timeout=3)
        return
    ids, listing = screen.article_list.ids, screen.shown

    def count() -> None:
        unread = screen.library.marks.unread_among(ids)
        screen.app.call_from_thread(_ask, screen, unread, len(ids), bool(listing.query))

    screen.run_worker(count, thread=True, exclusive=True, group="mark-all",
                      exit_on_error=False)


def _ask(screen: LibraryScreen, unread: list[int], listed: int, searching: bool) -> None:
    from .confirm import ConfirmScreen

    where = "this search" if searching else "the library"
    if not unread:
        screen.notify(f"Every article of {where} is read already", timeout=3)
        return
    noun = "article" if len(unread) == 1 else "articles"
    question = (f"Mark {len(unread):,} unread {noun} of {where} ({listed:,} listed) read?")

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(lambda: _mark(screen, unread), thread=True, group="flags",
                              exit_on_error=False)

    screen.app.push_screen(ConfirmScreen(question, "y or enter: mark them read · n or "
                                         "escape: leave them · ctrl+z undoes"), answered)


def _mark(screen: LibraryScreen, unread: list[int]) -> None:
    done = screen.app.changes.set_flag(unread, "read", True)
    screen.app.call_from_thread(screen.notify, f"Marked {done:,} read (ctrl+z undoes)",
                                timeout=3)
    screen.app.call_from_thread(screen.article_list.invalidate)


def open_sources(screen: LibraryScreen) -> None:
    """Count each source's articles, then show them; enter lists the one chosen."""
    from .sources import SourcesScreen

    def chosen(source: str | None) -> None:
        if source is not None:
            from ..search import sources  # the package first: see tests/test_import_races.py

            screen.show_query(sources.source_query(source))

    def count() -> None:
        sources = screen.library.marks.sources()
        screen.app.call_from_thread(screen.app.push_screen, SourcesScreen(sources), chosen)

    screen.run_worker(count, thread=True, exclusive=True, group="sources", exit_on_error=False)
