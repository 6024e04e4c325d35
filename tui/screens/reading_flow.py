"""The reader's part of the reading flow: the next unread article of the list (`u`), and
deleting the highlight at the cursor (`x`, no question asked: ctrl+z brings it back; done by
`HighlightEditor.delete`); what the reader shows again after ctrl+z."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from ..undo import Undone

if TYPE_CHECKING:
    from .reader import ReaderScreen

FLOW_BINDINGS = [
    Binding("u", "next_unread", "next unread", id="reader.next_unread", show=False,
            tooltip="Open the next unread article of the list (from the top once past the end)"),
    Binding("x", "delete_highlight", "delete highlight", id="reader.delete_highlight",
            show=False, tooltip="Delete the highlight at the cursor (ctrl+z brings it back)"),
]


def next_unread(screen: ReaderScreen) -> None:
    """Open the first unread article after this one in the list, else the first before it."""
    ids, index = list(screen.ids), screen.index

    def find() -> None:
        library = screen.library
        found = library.marks.first_unread(ids, index + 1)
        if found is None:
            found = library.marks.first_unread(ids[:index])
        screen.app.call_from_thread(_open, screen, found, index)

    screen.run_worker(find, thread=True, exclusive=True, group="next-unread",
                      exit_on_error=False)


def _open(screen: ReaderScreen, found: int | None, index: int) -> None:
    if found is None:
        count = len(screen.ids)
        screen.notify(f"No other unread article in this list of {count:,}", timeout=3,
                      markup=False)
    elif screen.index == index:  # the person has not moved on meanwhile
        screen.go_to(found)


def refresh_after_undo(screen: ReaderScreen, undone: Undone) -> None:
    """Show what ctrl+z changed in the open article: its flags, tags and annotations."""
    article = screen.article
    if article is None or article.id not in undone.article_ids:
        return
    if undone.kind != "flags":
        screen.load_annotations()
        return
    screen.flags.reread(article)
