"""The open article's flags in the reader: read (set when it opens) and starred, toggled by
`r` and `s`, and read again after ctrl+z undid a flag change."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ..models import Article
from ..storage import Library
from ..undo import Changes


class ReaderFlags:
    """Writes the open article's flags in workers of the screen (group "flags"), under a lock,
    so that quick toggles end in the last state.

    Args:
        screen: the screen whose workers write and whose notices say what changed.
        library: marks an article read when it opens (not a change to undo).
        changes: the session's changes, which record what the person toggles for ctrl+z.
        on_change: shows the flags again (the status line).
    """

    def __init__(self, screen: Screen[Any], library: Library, changes: Changes,
                 on_change: Callable[[], object]) -> None:
        self.screen = screen
        self.library = library
        self.changes = changes
        self.on_change = on_change
        self._lock = threading.Lock()

    def save(self, article: Article, flag: str, record: bool = True) -> None:
        """Write the article's `flag` as it is now. A change the person made is recorded for
        undo (`record`); opening marks read unrecorded."""
        article_id = article.id
        if article_id is None:
            return

        def write() -> None:
            with self._lock:
                if record:
                    self.changes.set_flag([article_id], flag, getattr(article, flag))
                else:
                    self.library.articles.set_flag(article_id, flag, getattr(article, flag))

        self.screen.run_worker(write, thread=True, group="flags", exit_on_error=False)

    def toggle(self, article: Article, flag: str, on_text: str, off_text: str) -> None:
        """`r`/`s`: flip the flag, shown at once, written in turn; `on_text` or `off_text` says
        which way it went."""
        if article.id is None:
            return
        setattr(article, flag, not getattr(article, flag))
        self.save(article, flag)
        self.on_change()
        self.screen.notify(on_text if getattr(article, flag) else off_text, timeout=2)

    def reread(self, article: Article) -> None:
        """ctrl+z changed the article's flags: read them again, and show them."""
        article_id = article.id
        if article_id is None:
            return

        def read() -> None:
            fresh = self.library.articles.get(article_id)
            if fresh is not None:
                self.screen.app.call_from_thread(self._show, article, fresh.read, fresh.starred)

        self.screen.run_worker(read, thread=True, group="flags", exit_on_error=False)

    def _show(self, article: Article, read: bool, starred: bool) -> None:
        article.read, article.starred = read, starred
        self.on_change()
