"""Starring and marking read from a list: the row changes at once, the library in a worker."""

from __future__ import annotations

import threading
from typing import Any

from textual.screen import Screen

from ..undo import Changes
from ..widgets.article_list import ArticleList


class FlagWriter:
    """Toggles `starred` or `read` on the article under a list's cursor.

    The row is patched at once; the write runs in a thread worker of `screen` (group
    "flags": the screen reports a failure and reads the rows again). Writes may run out of
    order; each one writes the latest wish, so the last key pressed wins.

    Args:
        screen: the screen whose workers write and whose notices speak.
        article_list: the list whose highlighted row is toggled.
        changes: the session's changes (ctrl+z undoes them), through which flags are written.
    """

    def __init__(self, screen: Screen[Any], article_list: ArticleList, changes: Changes) -> None:
        self.screen = screen
        self.article_list = article_list
        self.changes = changes
        self._wanted: dict[tuple[int, str], bool] = {}
        self._lock = threading.Lock()

    def toggle(self, flag: str) -> None:
        """Toggle `flag` ("starred" or "read") on the highlighted article."""
        row = self.article_list.current_row
        if row is None:
            self.screen.notify("That row is still loading.", severity="warning")
            return
        value = not getattr(row, flag)
        self.article_list.patch(row.id, **{flag: value})
        self._wanted[(row.id, flag)] = value
        self.screen.run_worker(lambda: self._write(row.id, flag), thread=True, group="flags",
                               exit_on_error=False)

    def _write(self, article_id: int, flag: str) -> None:
        with self._lock:
            self.changes.set_flag([article_id], flag, self._wanted[(article_id, flag)])
