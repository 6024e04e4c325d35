"""Editing articles' tags from a screen: the tag dialog, then the change made through the
session's undoable `Changes` (which a ctrl+z reverses)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from ..storage import Library
from ..undo import Changes

if TYPE_CHECKING:  # the dialogs load when first used (or by the warm-up): not at launch
    from .notes_dialogs import TagChange


class TagEditor:
    """The tag dialog for some articles, held by a screen.

    `edit(ids)` reads the first article's tags and the library's (in a worker), opens
    `TagScreen`, applies what was typed with `changes.retag`, says the new tags in a notice
    and hands them to `on_change`.

    Args:
        screen: the screen it works for: the dialog opens over it, its workers (group "tags")
            and notices are the screen's.
        library: read for the current and known tags (in a worker).
        changes: the session's changes (`NewsReader.changes`), through which tags are written.
        on_change: called on the UI thread with the first article's tags after a change.
    """

    def __init__(self, screen: Screen[Any], library: Library, changes: Changes,
                 on_change: Callable[[list[str]], object]) -> None:
        self.screen = screen
        self.library = library
        self.changes = changes
        self.on_change = on_change

    def edit(self, article_ids: Sequence[int]) -> None:
        """Open the tag dialog for these articles (the first one's tags are shown)."""
        ids = list(article_ids)
        self.screen.run_worker(lambda: self._open(ids), thread=True, group="tags",
                               exit_on_error=False)

    def _open(self, article_ids: list[int]) -> None:
        from .notes_dialogs import TagScreen

        current = self.library.notes.article_tags(article_ids[0])
        known = [name for name, _ in self.library.notes.tags()]

        def done(change: TagChange | None) -> None:
            if change:
                self.apply(article_ids, change)

        app = self.screen.app
        app.call_from_thread(app.push_screen, TagScreen(current, known), done)

    def apply(self, article_ids: Sequence[int], change: TagChange) -> None:
        """Add and remove tags on the articles (in a worker), recorded for undo."""
        ids = list(article_ids)
        self.screen.run_worker(lambda: self._apply(ids, change), thread=True, group="tags",
                               exit_on_error=False)

    def _apply(self, article_ids: list[int], change: TagChange) -> None:
        tags = self.changes.retag(article_ids, change.add, change.remove).get(article_ids[0], [])
        app = self.screen.app
        app.call_from_thread(self.screen.notify, "Tags: " + (", ".join(tags) or "none"),
                             markup=False, timeout=3)
        app.call_from_thread(self.on_change, tags)
